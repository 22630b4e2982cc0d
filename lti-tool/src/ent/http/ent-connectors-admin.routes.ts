import type { Router } from 'express';
import { z } from 'zod';
import type { AdminGuard } from '../../admin/http/require-admin.js';
import { actingOf } from '../../admin/http/require-admin.js';
import { validate } from '../../platform/http/validate.js';
import { connectorView, type EntConnectors } from '../application/ent-connectors.js';
import { ENT_CONNECTOR_ID } from '../domain/ent-connector.js';

const BASE = '/api/admin/ent-connectors';

const url = z.string().trim().min(1).max(2048);
const jwk = z.record(z.string(), z.unknown());
const uais = z.array(z.string().trim().min(1).max(16)).min(1).max(2000);
const origins = z.array(z.string().trim().min(1).max(300)).max(50);
const name = z.string().trim().min(1).max(200);

const createBody = z
  .object({
    issuer: url,
    name,
    jwksUrl: url.optional(),
    jwks: z.array(jwk).max(10).optional(),
    academy: z.string().trim().min(1).max(40).optional(),
    uais,
    origins: origins.default([]),
    status: z.enum(['active', 'disabled']).default('active'),
  })
  .strict();

const updateBody = z
  .object({ name: name.optional(), jwksUrl: url.optional(), jwks: z.array(jwk).max(10).optional(), uais: uais.optional(), origins: origins.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

const listQuery = z.object({ status: z.enum(['active', 'disabled']).optional() }).strict();
const idParams = z.object({ id: z.string().regex(ENT_CONNECTOR_ID, 'is not an ENT connector id') });

/**
 * The admin API over ENT connectors: academy admins register and change their academy's,
 * auditors read them; school admins do not see them (a connector spans schools). Rules and
 * audit live in `EntConnectors`.
 */
export function entConnectorAdminRoutes(router: Router, requireAdmin: AdminGuard, connectors: EntConnectors): void {
  const readers = requireAdmin({ roles: ['academy-admin', 'auditor'] });
  const writers = requireAdmin({ roles: ['academy-admin'] });

  router.get(BASE, readers, async (req, res) => {
    const query = validate(listQuery, req.query, 'query');
    res.json({ connectors: (await connectors.list(actingOf(res), query)).map(connectorView) });
  });

  router.post(BASE, writers, async (req, res) => {
    const created = await connectors.create(actingOf(res), validate(createBody, req.body));
    res.status(201).location(`${BASE}/${created.id}`).json({ connector: connectorView(created) });
  });

  router.get(`${BASE}/:id`, readers, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json({ connector: connectorView(await connectors.get(actingOf(res), id)) });
  });

  router.patch(`${BASE}/:id`, writers, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json({ connector: connectorView(await connectors.update(actingOf(res), id, validate(updateBody, req.body))) });
  });

  for (const [action, status] of [['disable', 'disabled'], ['enable', 'active']] as const) {
    router.post(`${BASE}/:id/${action}`, writers, async (req, res) => {
      const { id } = validate(idParams, req.params, 'params');
      res.json({ connector: connectorView(await connectors.setStatus(actingOf(res), id, status)) });
    });
  }
}
