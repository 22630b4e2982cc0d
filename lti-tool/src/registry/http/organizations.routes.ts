import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { CertificationDeps } from '../../certification/application/dependencies.js';
import { listOrganizationCertifications } from '../../certification/application/list-organization-certifications.js';
import { uai } from '../../certification/http/schemas.js';
import { unauthorized } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import { authenticateRegistryClient } from '../application/registry-clients.js';
import type { RegistryDeps } from '../application/dependencies.js';

declare module 'express-serve-static-core' {
  interface Locals {
    registryClient?: { clientId: string; academyId: string };
  }
}

const query = z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).optional() });

/**
 * The pull API in the livret scolaire's shape: `GET /api/organizations/{uai}/certifications`
 * with a client-credentials bearer token; a client sees only its academy's schools.
 */
export function organizationsRoutes(router: Router, deps: { registry: RegistryDeps; certification: CertificationDeps }): void {
  const requireClient: RequestHandler = async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) {
      res.set('WWW-Authenticate', 'Bearer realm="pix-lti registry", scope="organizations-certifications-result"');
      throw unauthorized('ACCESS_TOKEN_MISSING', 'Send an access token from /api/oauth/token as "Authorization: Bearer …".');
    }
    res.locals.registryClient = await authenticateRegistryClient(match[1]!, deps.registry);
    next();
  };

  router.get('/api/organizations/:uai/certifications', requireClient, async (req, res) => {
    const params = validate(z.object({ uai }), req.params, 'params');
    const { cursor, limit } = validate(query, req.query, 'query');
    const client = res.locals.registryClient!;
    res.set('Cache-Control', 'no-store');
    res.json(await listOrganizationCertifications({ uai: params.uai, academyId: client.academyId, cursor, limit }, deps.certification));
  });
}
