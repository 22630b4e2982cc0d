import type { Router } from 'express';
import { z } from 'zod';
import { actingOf, adminOf, type AdminGuard } from '../../admin/http/require-admin.js';
import { validate } from '../../platform/http/validate.js';
import type { Academies } from '../application/academies.js';
import type { Schools } from '../application/schools.js';
import type { School } from '../domain/organization.js';

const uaiParam = z.string().trim().min(1).max(16);
const platformId = z.string().trim().min(1).max(100);
const name = z.string().trim().min(1).max(200);
const city = z.string().trim().min(1).max(120);
const listQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    platformId: platformId.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const schoolView = (s: School) => ({ uai: s.uai, name: s.name, city: s.city, academy: s.academy, platformIds: s.platformIds, createdAt: s.createdAt, updatedAt: s.updatedAt });

/** Academies and schools (UAI) with their platforms; the rules live in the use cases. */
export function organizationsRoutes(router: Router, deps: { requireAdmin: AdminGuard; academies: Academies; schools: Schools }): void {
  const { requireAdmin, academies, schools } = deps;

  router.get('/api/admin/academies', requireAdmin(), async (_req, res) => {
    res.json({ academies: await academies.listFor(adminOf(res)) });
  });

  router.get('/api/admin/academies/:code', requireAdmin(), async (req, res) => {
    const { code } = validate(z.object({ code: z.string().min(1).max(40) }), req.params, 'params');
    res.json({ academy: await academies.get(adminOf(res), code) });
  });

  router.patch('/api/admin/academies/:code', requireAdmin({ roles: ['academy-admin'] }), async (req, res) => {
    const { code } = validate(z.object({ code: z.string().min(1).max(40) }), req.params, 'params');
    const body = validate(z.object({ name }).strict(), req.body);
    res.json({ academy: await academies.rename(actingOf(res), code, body.name) });
  });

  router.get('/api/admin/schools', requireAdmin(), async (req, res) => {
    const query = validate(listQuery, req.query, 'query');
    const page = await schools.list(adminOf(res), { search: query.q, platformId: query.platformId, page: query.page, pageSize: query.pageSize });
    res.json({ ...page, schools: page.schools.map(schoolView) });
  });

  router.post('/api/admin/schools', requireAdmin({ roles: ['academy-admin'] }), async (req, res) => {
    const body = validate(z.object({ uai: uaiParam, name, city }).strict(), req.body);
    const school = await schools.create(actingOf(res), body);
    res.status(201).location(`/api/admin/schools/${school.uai}`).json({ school: schoolView(school) });
  });

  router.get('/api/admin/schools/:uai', requireAdmin(), async (req, res) => {
    const { uai } = validate(z.object({ uai: uaiParam }), req.params, 'params');
    res.json({ school: schoolView(await schools.get(adminOf(res), uai)) });
  });

  router.patch('/api/admin/schools/:uai', requireAdmin({ roles: ['academy-admin', 'school-admin'] }), async (req, res) => {
    const { uai } = validate(z.object({ uai: uaiParam }), req.params, 'params');
    const body = validate(
      z.object({ name: name.optional(), city: city.optional() }).strict().refine((b) => b.name !== undefined || b.city !== undefined, { message: 'nothing to change' }),
      req.body,
    );
    res.json({ school: schoolView(await schools.update(actingOf(res), uai, body)) });
  });

  router.delete('/api/admin/schools/:uai', requireAdmin({ roles: ['academy-admin'] }), async (req, res) => {
    const { uai } = validate(z.object({ uai: uaiParam }), req.params, 'params');
    await schools.remove(actingOf(res), uai);
    res.status(204).end();
  });

  router.put('/api/admin/schools/:uai/platforms/:platformId', requireAdmin({ roles: ['academy-admin', 'school-admin'] }), async (req, res) => {
    const params = validate(z.object({ uai: uaiParam, platformId }), req.params, 'params');
    res.json({ school: schoolView(await schools.linkPlatform(actingOf(res), params.uai, params.platformId)) });
  });

  router.delete('/api/admin/schools/:uai/platforms/:platformId', requireAdmin({ roles: ['academy-admin', 'school-admin'] }), async (req, res) => {
    const params = validate(z.object({ uai: uaiParam, platformId }), req.params, 'params');
    res.json({ school: schoolView(await schools.unlinkPlatform(actingOf(res), params.uai, params.platformId)) });
  });
}
