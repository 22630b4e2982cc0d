import { hkdfSync } from 'node:crypto';
import type { Router } from 'express';
import type { CertificationModule } from '../certification/certification.module.js';
import type { AdminAccess } from '../certification/http/admin-access.js';
import type { KeyStore } from '../keys/application/key-store.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import type { AppContext, AppModule } from '../platform/module.js';
import type { RegistryDeps } from './application/dependencies.js';
import { AcademyGates } from './application/academy-gates.js';
import { OutboxWorker } from './application/outbox-worker.js';
import { organizationsRoutes } from './http/organizations.routes.js';
import { oauthRoutes } from './http/oauth.routes.js';
import { issuerRoutes } from './http/issuer.routes.js';
import { registryAdminRoutes } from './http/registry-admin.routes.js';
import { ClientsRepository } from './infrastructure/clients.repository.js';
import { EndpointsRepository } from './infrastructure/endpoints.repository.js';
import { IdentitySaltsRepository } from './infrastructure/identity-salts.repository.js';
import { OutboxRepository } from './infrastructure/outbox.repository.js';
import { RegistryHttpClient } from './infrastructure/registry-http-client.js';

export interface RegistryModule extends AppModule {
  deps: RegistryDeps;
  worker: OutboxWorker;
  /** The registry screens' API (endpoint, outbox, replay, clients), behind the admin module's guard. */
  adminRoutes(access: AdminAccess): (router: Router) => void;
}

/**
 * Delivery of published certification results to each academy's registry (signed Open
 * Badges 3.0 credentials through an outbox with retries), and the pull API with its
 * OAuth2 client credentials.
 */
export function createRegistryModule(ctx: AppContext, options: { keys: KeyStore; certification: CertificationModule }): RegistryModule {
  const c = ctx.config.registry;
  const deps: RegistryDeps = {
    endpoints: new EndpointsRepository(ctx.db),
    salts: new IdentitySaltsRepository(ctx.db),
    outbox: new OutboxRepository(options.certification.deps.results.model),
    clients: new ClientsRepository(ctx.db),
    http: new RegistryHttpClient({ timeoutMs: c.requestTimeoutMs, userAgent: 'pix-lti-registry/1' }),
    box: new SecretBox(ctx.config.encryptionKey, 'registry-endpoints'),
    signer: { sign: (claims, opts) => options.keys.sign(claims, opts), jwks: () => options.keys.jwks() },
    publicUrl: ctx.config.publicUrl,
    issuerName: c.issuerName,
    pseudonymSecret: Buffer.from(hkdfSync('sha256', ctx.config.encryptionKey, 'pix-lti', 'registry-subject-pseudonym', 32)).toString('hex'),
    policy: { maxAttempts: c.maxAttempts, baseDelayMs: c.backoffBaseMs, maxDelayMs: c.backoffMaxMs, leaseMs: Math.max(c.leaseMs, c.requestTimeoutMs * 2), probeMaxDelayMs: Math.min(30_000, c.backoffMaxMs) },
    gates: new AcademyGates(Math.max(c.leaseMs, c.requestTimeoutMs * 2)),
    allowInsecureHttp: c.allowInsecureHttp,
    log: ctx.log.child({ module: 'registry' }),
    clock: () => new Date(),
    random: Math.random,
  };
  const worker = new OutboxWorker(deps, { concurrency: c.concurrency, pollIntervalMs: c.pollIntervalMs });
  return {
    name: 'registry',
    deps,
    worker,
    routes(router) {
      oauthRoutes(router, { ...deps, tokenRequestsPerMinute: ctx.config.verificationRequestsPerMinute });
      organizationsRoutes(router, { registry: deps, certification: options.certification.deps });
      issuerRoutes(router, deps);
    },
    adminRoutes: (access) => (router) => registryAdminRoutes(router, access, deps),
    start: () => worker.start(),
    stop: () => worker.stop(),
  };
}
