import type { Router } from 'express';
import { z } from 'zod';
import { actingOf, adminOf, type AdminGuard } from '../../admin/http/require-admin.js';
import { validate } from '../../platform/http/validate.js';
import type { CampaignAdmin } from '../application/campaign-admin.js';
import { ASSESSMENT_METHODS, CAMPAIGN_TYPES, type Campaign } from '../domain/campaign.js';

const idParam = z.object({ id: z.string().regex(/^cmp_[A-Za-z0-9_-]{1,40}$/, 'a campaign id') });
const level = z.number().int().min(1).max(8);
const title = z.string().trim().min(1).max(200);
const description = z.string().trim().max(2000);
const registrationIds = z.array(z.string().trim().min(1).max(100)).max(100);

const createBody = z
  .object({
    title,
    description: description.optional(),
    type: z.enum(CAMPAIGN_TYPES),
    method: z.enum(ASSESSMENT_METHODS).default('SMART_RANDOM'),
    flashLength: z.number().int().optional(),
    targetProfile: z
      .object({
        competences: z.array(z.object({ code: z.string().regex(/^\d\.\d$/), maxLevel: level }).strict()).max(16).optional(),
        tubes: z.array(z.object({ id: z.string().min(1).max(100), maxLevel: level }).strict()).max(500).optional(),
      })
      .strict()
      .optional(),
    multipleSendings: z.boolean().default(false),
    uai: z.string().trim().min(1).max(16).optional(),
    registrationIds: registrationIds.optional(),
  })
  .strict();

const updateBody = z
  .object({ title: title.optional(), description: description.nullable().optional(), multipleSendings: z.boolean().optional(), registrationIds: registrationIds.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

const listQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    includeArchived: z.enum(['true', 'false']).default('false'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const campaignView = (c: Campaign) => ({
  id: c.id,
  code: c.code,
  title: c.title,
  description: c.description,
  type: c.type,
  method: c.method,
  flashLength: c.flashLength,
  targetTubes: c.targetTubes,
  skillCount: c.skillIds.length,
  multipleSendings: c.multipleSendings,
  academy: c.academy,
  uai: c.uai,
  registrationIds: c.registrationIds,
  archivedAt: c.archivedAt,
  activity: { type: 'campaign', id: c.id },
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

/**
 * Campaign management for the admin panel, mounted by the admin module under its guard
 * (an `AdminRoutesFactory`): academy admins everywhere in their academy, school admins
 * for their school's campaigns, auditors read only.
 */
export function campaignAdminRoutes(router: Router, requireAdmin: AdminGuard, deps: { admin: CampaignAdmin }): void {
  const { admin } = deps;
  const writers = requireAdmin({ roles: ['academy-admin', 'school-admin'] });

  router.get('/api/admin/campaigns', requireAdmin(), async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const page = await admin.list(adminOf(res), { search: q.q, includeArchived: q.includeArchived === 'true', skip: (q.page - 1) * q.pageSize, limit: q.pageSize });
    res.json({ total: page.total, page: q.page, pageSize: q.pageSize, campaigns: page.campaigns.map(campaignView) });
  });

  router.post('/api/admin/campaigns', writers, async (req, res) => {
    const body = validate(createBody, req.body);
    const campaign = await admin.create(actingOf(res), body);
    res.status(201).location(`/api/admin/campaigns/${campaign.id}`).json({ campaign: campaignView(campaign) });
  });

  router.get('/api/admin/campaigns/:id', requireAdmin(), async (req, res) => {
    const { id } = validate(idParam, req.params, 'params');
    res.json({ campaign: campaignView(await admin.get(adminOf(res), id)) });
  });

  router.patch('/api/admin/campaigns/:id', writers, async (req, res) => {
    const { id } = validate(idParam, req.params, 'params');
    const body = validate(updateBody, req.body);
    res.json({ campaign: campaignView(await admin.update(actingOf(res), id, body)) });
  });

  router.post('/api/admin/campaigns/:id/archive', writers, async (req, res) => {
    const { id } = validate(idParam, req.params, 'params');
    res.json({ campaign: campaignView(await admin.setArchived(actingOf(res), id, true)) });
  });

  router.post('/api/admin/campaigns/:id/unarchive', writers, async (req, res) => {
    const { id } = validate(idParam, req.params, 'params');
    res.json({ campaign: campaignView(await admin.setArchived(actingOf(res), id, false)) });
  });

  router.post('/api/admin/campaigns/:id/code', writers, async (req, res) => {
    const { id } = validate(idParam, req.params, 'params');
    res.json({ campaign: campaignView(await admin.regenerateCode(actingOf(res), id)) });
  });
}
