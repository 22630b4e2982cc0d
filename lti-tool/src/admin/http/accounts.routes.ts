import type { Router } from 'express';
import { z } from 'zod';
import { validate } from '../../platform/http/validate.js';
import type { AdminAccounts } from '../application/admin-accounts.js';
import { ADMIN_ROLES } from '../domain/admin-principal.js';
import type { AdminAccount } from '../infrastructure/admin-accounts.repository.js';
import { actingOf, adminOf, type AdminGuard } from './require-admin.js';

const BASE = '/api/admin/accounts';
const idParams = z.object({ id: z.string().uuid() });
const uai = z.string().trim().toUpperCase().regex(/^\d{7}[A-Z]$/, { message: 'must be a UAI (7 digits and a letter)' });
const createBody = z
  .object({
    email: z.string().trim().email().max(254),
    displayName: z.string().trim().min(1).max(120),
    role: z.enum(ADMIN_ROLES),
    uai: uai.optional(),
  })
  .strict();
const updateBody = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    role: z.enum(ADMIN_ROLES).optional(),
    uai: uai.optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export const accountView = (a: AdminAccount) => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  role: a.role,
  academy: a.academy,
  uai: a.uai ?? null,
  status: a.status,
  createdAt: a.createdAt,
  lastLoginAt: a.lastLoginAt ?? null,
});

/** Admin accounts of the academy: academy admins manage them, others read their scope. */
export function accountsRoutes(router: Router, deps: { requireAdmin: AdminGuard; accounts: AdminAccounts }): void {
  const { requireAdmin, accounts } = deps;
  const manage = requireAdmin({ roles: ['academy-admin'] });

  router.get(BASE, requireAdmin(), async (_req, res) => {
    res.json({ accounts: (await accounts.list(adminOf(res))).map(accountView) });
  });

  router.post(BASE, manage, async (req, res) => {
    const body = validate(createBody, req.body);
    const acting = actingOf(res);
    const { account, generatedPassword } = await accounts.create({ ...body, academy: acting.principal.academy }, acting);
    res.status(201).location(`${BASE}/${account.id}`).json({ account: accountView(account), password: generatedPassword });
  });

  router.get(`${BASE}/:id`, requireAdmin(), async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json({ account: accountView(await accounts.get(adminOf(res), id)) });
  });

  router.patch(`${BASE}/:id`, manage, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json({ account: accountView(await accounts.update(actingOf(res), id, validate(updateBody, req.body))) });
  });

  router.post(`${BASE}/:id/password-reset`, manage, async (req, res) => {
    const { id } = validate(idParams, req.params, 'params');
    res.json({ password: await accounts.resetPassword(actingOf(res), id) });
  });
}
