import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { validate } from '../../../platform/http/validate.js';
import type { KeyStore } from '../../../keys/application/key-store.js';
import { createRegistrationLink, REGISTRATION_LINK_MAX_DAYS } from '../../dynamic-registration/application/registration-links.js';
import type { Registrations } from '../application/registrations.js';
import type { Registration } from '../domain/registration.js';

export interface RegistrationAdminRoutesOptions {
  /** The admin authentication middleware (built by the admin module); every route sits behind it. */
  guard: RequestHandler | RequestHandler[];
  /** Who acts, for the status history (e.g. the admin's id the guard put in `res.locals`). */
  actorOf?: (req: Request, res: Response) => string | undefined;
}

const BASE = '/api/admin/lti/registrations';

const url = z.string().trim().url({ message: 'must be an absolute URL' }).max(2048);
const deploymentId = z.string().trim().min(1).max(255);
const privacy = z.object({ sendNames: z.boolean().optional(), sendEmail: z.boolean().optional() }).strict();
const academy = z.string().trim().min(1).max(100);

const createBody = z
  .object({
    issuer: url,
    clientId: z.string().trim().min(1).max(255),
    name: z.string().trim().min(1).max(200),
    authLoginUrl: url,
    tokenUrl: url,
    jwksUrl: url,
    authServer: z.string().trim().min(1).max(2048).optional(),
    productFamily: z.string().trim().min(1).max(100).optional(),
    academy: academy.optional(),
    privacy: privacy.optional(),
    deploymentIds: z.array(deploymentId).max(100).optional(),
    /** An admin registering by hand approves at the same time, unless asked otherwise. */
    activate: z.boolean().default(true),
  })
  .strict();

const updateBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    academy: academy.optional(),
    authLoginUrl: url.optional(),
    tokenUrl: url.optional(),
    jwksUrl: url.optional(),
    authServer: z.string().trim().min(1).max(2048).optional(),
    productFamily: z.string().trim().min(1).max(100).optional(),
    privacy: privacy.optional(),
  })
  .strict();

const reasonBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();
const listQuery = z.object({ status: z.enum(['pending', 'active', 'rejected', 'disabled']).optional(), academy: academy.optional() });
const idParams = z.object({ id: z.string().min(1).max(100) });
const deploymentParams = idParams.extend({ deploymentId });

/** The JSON an admin sees: everything but internal field names. */
export function registrationView(r: Registration) {
  return {
    id: r.id,
    issuer: r.issuer,
    clientId: r.clientId,
    name: r.name,
    productFamily: r.productFamily ?? null,
    authLoginUrl: r.authLoginUrl,
    tokenUrl: r.tokenUrl,
    jwksUrl: r.jwksUrl,
    authServer: r.authServer ?? null,
    privacy: r.privacy,
    status: r.status,
    statusHistory: r.statusHistory,
    origin: r.origin,
    academy: r.academy ?? null,
    deploymentIds: r.deploymentIds,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * Admin API over platform registrations. Mounted by the admin module with its real
 * guard; never mounted unguarded (see lti.module.ts).
 */
export function registrationAdminRoutes(
  router: Router,
  registrations: Registrations,
  options: RegistrationAdminRoutesOptions & { links?: { keys: Pick<KeyStore, 'sign'>; toolUrl: string } },
): void {
  const guard = Array.isArray(options.guard) ? options.guard : [options.guard];
  const actor = (req: Request, res: Response) => options.actorOf?.(req, res);

  router.get(BASE, ...guard, async (req, res) => {
    const filter = validate(listQuery, req.query, 'query');
    res.json({ registrations: (await registrations.list(filter)).map(registrationView) });
  });

  router.post(BASE, ...guard, async (req, res) => {
    const body = validate(createBody, req.body);
    const { activate, ...input } = body;
    const created = await registrations.register({ ...input, status: activate ? 'active' : 'pending', origin: 'manual', by: actor(req, res) });
    res.status(201).location(`${BASE}/${created.id}`).json(registrationView(created));
  });

  router.get(`${BASE}/:id`, ...guard, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json(registrationView(await registrations.get(id)));
  });

  router.patch(`${BASE}/:id`, ...guard, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json(registrationView(await registrations.update(id, validate(updateBody, req.body))));
  });

  for (const action of ['approve', 'reject', 'disable'] as const) {
    router.post(`${BASE}/:id/${action}`, ...guard, async (req, res) => {
      const { id } = validate(idParams, req.params, 'params');
      const { reason } = validate(reasonBody, req.body ?? {});
      res.json(registrationView(await registrations.changeStatus(id, action, actor(req, res), reason)));
    });
  }

  /** A dynamic-registration URL carrying the academy and privacy choices (see registration-links.ts). */
  router.post('/api/admin/lti/registration-links', ...guard, async (req, res) => {
    if (!options.links) throw new Error('registration links need the tool keys');
    const body = validate(
      z.object({ academy: academy.optional(), privacy: privacy.optional(), validDays: z.number().int().min(1).max(REGISTRATION_LINK_MAX_DAYS).default(30) }).strict(),
      req.body ?? {},
    );
    const link = await createRegistrationLink(
      { academy: body.academy, privacy: { sendNames: body.privacy?.sendNames ?? false, sendEmail: body.privacy?.sendEmail ?? false }, validDays: body.validDays },
      options.links,
    );
    res.status(201).json(link);
  });

  router.post(`${BASE}/:id/deployments`, ...guard, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    const body = validate(z.object({ deploymentId }).strict(), req.body);
    res.status(201).json(registrationView(await registrations.addDeployment(id, body.deploymentId)));
  });

  router.delete(`${BASE}/:id/deployments/:deploymentId`, ...guard, async (req, res) => {
    const params = validate(deploymentParams, req.params, 'params');
    res.json(registrationView(await registrations.removeDeployment(params.id, params.deploymentId)));
  });
}
