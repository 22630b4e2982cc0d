import type { Router } from 'express';
import { z } from 'zod';
import type { AdminAccess } from '../../certification/http/admin-access.js';
import { inScope } from '../../certification/application/load-session.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import { configureEndpoint, describeEndpoint } from '../application/configure-endpoint.js';
import type { RegistryDeps } from '../application/dependencies.js';
import { registerRegistryClient } from '../application/registry-clients.js';
import { replayDeadLetters } from '../application/replay-dead-letters.js';
import { sendTestCredential } from '../application/send-test-credential.js';

const academyParam = z.object({ academyId: z.string().min(1).max(64) });
const endpointBody = z.object({
  url: z.string().min(1).max(2000),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('bearer'), token: z.string().min(16).max(4000) }),
    z.object({ kind: z.literal('oauth2'), tokenUrl: z.string().min(1).max(2000), clientId: z.string().min(1).max(200), clientSecret: z.string().min(1).max(2000), scope: z.string().max(500).optional() }),
  ]),
  enabled: z.boolean().optional(),
  includeClearIne: z.boolean().optional(),
});
const outboxQuery = z.object({ state: z.enum(['pending', 'delivering', 'delivered', 'dead']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * The registry screens' API for admins: each academy's endpoint (secrets write-only),
 * the outbox (counts, entries, dead letters) with replay, and the pull API's clients.
 */
export function registryAdminRoutes(router: Router, access: AdminAccess, deps: RegistryDeps): void {
  const base = '/api/admin/registry';
  // The admin guard is each route's first handler (the admin module checks every admin route has one).
  const guard = access.requireAdmin;

  const academyInScope = (academyId: string, res: Parameters<AdminAccess['academiesOf']>[0]) => {
    if (!inScope(access.academiesOf(res), academyId)) throw forbidden('ACADEMY_FORBIDDEN', 'This academy is not one of yours.');
  };

  router.get(`${base}/academies/:academyId/endpoint`, guard, async (req, res) => {
    const { academyId } = validate(academyParam, req.params, 'params');
    academyInScope(academyId, res);
    const endpoint = await describeEndpoint(academyId, deps);
    if (!endpoint) throw notFound('REGISTRY_ENDPOINT_NOT_FOUND', 'No registry endpoint is configured for this academy.');
    res.json({ ...endpoint, identitySalt: await deps.salts.saltOf(academyId) });
  });

  router.put(`${base}/academies/:academyId/endpoint`, guard, async (req, res) => {
    const { academyId } = validate(academyParam, req.params, 'params');
    academyInScope(academyId, res);
    await configureEndpoint({ academyId, ...validate(endpointBody, req.body) }, deps);
    res.json(await describeEndpoint(academyId, deps));
  });

  router.delete(`${base}/academies/:academyId/endpoint`, guard, async (req, res) => {
    const { academyId } = validate(academyParam, req.params, 'params');
    academyInScope(academyId, res);
    if (!(await deps.endpoints.delete(academyId))) throw notFound('REGISTRY_ENDPOINT_NOT_FOUND', 'No registry endpoint is configured for this academy.');
    res.status(204).end();
  });

  router.post(`${base}/academies/:academyId/endpoint/test`, guard, async (req, res) => {
    const { academyId } = validate(academyParam, req.params, 'params');
    academyInScope(academyId, res);
    // 200 either way: the registry's refusal is the result the admin asked for, not a failure of this request.
    res.json(await sendTestCredential(academyId, deps));
  });

  router.get(`${base}/outbox`, guard, async (req, res) => {
    const { state, limit } = validate(outboxQuery, req.query, 'query');
    const academyIds = access.academiesOf(res);
    const [counts, entries] = await Promise.all([deps.outbox.counts(academyIds), deps.outbox.list({ academyIds, state, limit })]);
    res.json({ counts, entries: entries.map(({ delivery: { leaseToken: _t, ...delivery }, ...entry }) => ({ ...entry, delivery })) });
  });

  router.post(`${base}/outbox/replay`, guard, async (req, res) => {
    const { ids } = validate(z.object({ ids: z.array(z.string().min(1).max(64)).max(1000).optional() }), req.body ?? {});
    res.json({ replayed: await replayDeadLetters({ academyIds: access.academiesOf(res), ids }, deps) });
  });

  router.get(`${base}/clients`, guard, async (_req, res) => {
    const clients = await deps.clients.list(access.academiesOf(res));
    res.json({ clients: clients.map(({ secretHash: _hidden, ...c }) => c) });
  });

  router.post(`${base}/clients`, guard, async (req, res) => {
    const body = validate(z.object({ name: z.string().trim().min(1).max(200), academyId: z.string().min(1).max(64) }), req.body);
    academyInScope(body.academyId, res);
    res.status(201).json(await registerRegistryClient(body, deps));
  });

  router.delete(`${base}/clients/:clientId`, guard, async (req, res) => {
    const { clientId } = validate(z.object({ clientId: z.string().min(1).max(100) }), req.params, 'params');
    const client = await deps.clients.find(clientId);
    if (!client || !inScope(access.academiesOf(res), client.academyId)) throw notFound('REGISTRY_CLIENT_NOT_FOUND', 'No such registry client in your academies.');
    await deps.clients.revoke(clientId, deps.clock());
    res.status(204).end();
  });
}
