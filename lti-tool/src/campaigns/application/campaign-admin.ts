import { randomBytes, randomInt } from 'node:crypto';
import type { Acting } from '../../admin/application/acting.js';
import { auditBy } from '../../admin/application/acting.js';
import { canRead, canWrite, scopeFilter, type AdminPrincipal } from '../../admin/domain/admin-principal.js';
import type { AuditLog } from '../../audit/application/audit-log.js';
import type { ContentService } from '../../content/application/content-service.js';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import { campaignDefinitionProblems, type AssessmentMethod, type Campaign, type CampaignType } from '../domain/campaign.js';
import { generateCampaignCode, type RandomInt } from '../domain/campaign-code.js';
import { buildTargetProfile, type TargetProfileSpec } from '../domain/target-profile.js';
import type { CampaignListQuery, CampaignsRepository } from '../infrastructure/campaigns.repository.js';

export interface NewCampaign {
  title: string;
  description?: string;
  type: CampaignType;
  method: AssessmentMethod;
  flashLength?: number;
  targetProfile?: TargetProfileSpec;
  multipleSendings: boolean;
  /** A school of the admin's academy; forced to their own school for a school admin. */
  uai?: string;
  registrationIds?: string[];
}

export interface CampaignChanges {
  title?: string;
  description?: string | null;
  multipleSendings?: boolean;
  registrationIds?: string[];
}

const CODE_ATTEMPTS = 20;
const campaignNotFound = () => notFound('CAMPAIGN_NOT_FOUND', 'No such campaign in your academy.');

/**
 * Campaign management for academy and school admins: create (target profile by
 * competence, tube and level cap; a unique code), change what may change once learners
 * are in (title, text, multiple sendings, platforms — never the target profile), archive
 * and restore, draw a new code. Every change is audited; scope rules are the admin
 * module's (a school admin manages their school's campaigns only).
 */
export class CampaignAdmin {
  constructor(
    private readonly deps: {
      campaigns: CampaignsRepository;
      content: Pick<ContentService, 'snapshot'>;
      audit: AuditLog;
      clock?: () => Date;
      randomInt?: RandomInt;
    },
  ) {}

  private now(): Date {
    return (this.deps.clock ?? (() => new Date()))();
  }

  async list(principal: AdminPrincipal, query: Omit<CampaignListQuery, 'academy' | 'uai'>) {
    return this.deps.campaigns.list({ ...query, ...scopeFilter(principal) });
  }

  async get(principal: AdminPrincipal, id: string): Promise<Campaign> {
    const campaign = await this.deps.campaigns.findById(id);
    if (!campaign || !canRead(principal, scopeOf(campaign))) throw campaignNotFound();
    return campaign;
  }

  async create(acting: Acting, input: NewCampaign): Promise<Campaign> {
    const { principal } = acting;
    const uai = principal.role === 'school-admin' ? principal.uai : input.uai;
    const scope = { academy: principal.academy, ...(uai ? { uai } : {}) };
    if (!canWrite(principal, scope)) throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Your role cannot create campaigns here.', { role: principal.role });
    const snapshot = await this.deps.content.snapshot();
    let targetTubes: Campaign['targetTubes'] = [];
    let skillIds: string[] = [];
    if (input.type !== 'PROFILES_COLLECTION') {
      const built = buildTargetProfile(input.targetProfile ?? {}, snapshot);
      if (!built.ok) throw badRequest('TARGET_PROFILE_INVALID', 'The target profile is invalid.', built.problems);
      targetTubes = built.tubes;
      skillIds = built.skillIds;
    } else if (input.targetProfile && ((input.targetProfile.competences?.length ?? 0) > 0 || (input.targetProfile.tubes?.length ?? 0) > 0)) {
      throw badRequest('CAMPAIGN_DEFINITION_INVALID', 'A profiles collection has no target profile.', { problems: ['TARGET_PROFILE_NOT_ALLOWED'] });
    }
    const problems = campaignDefinitionProblems({ type: input.type, method: input.method, targetTubes, flashLength: input.flashLength });
    if (problems.length > 0) throw badRequest('CAMPAIGN_DEFINITION_INVALID', `The campaign is invalid: ${problems.join(', ')}.`, { problems });

    const now = this.now();
    const base: Omit<Campaign, 'code'> = {
      id: `cmp_${randomBytes(9).toString('base64url')}`,
      title: input.title,
      type: input.type,
      method: input.method,
      targetTubes,
      skillIds,
      multipleSendings: input.multipleSendings,
      academy: principal.academy,
      registrationIds: input.registrationIds ?? [],
      createdBy: principal.id,
      createdAt: now,
      updatedAt: now,
      ...(input.description ? { description: input.description } : {}),
      ...(input.flashLength !== undefined ? { flashLength: input.flashLength } : {}),
      ...(uai ? { uai } : {}),
    };
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const campaign: Campaign = { ...base, code: this.drawCode() };
      if (await this.deps.campaigns.insert(campaign)) {
        await auditBy(this.deps.audit, acting, { action: 'campaign.create', target: target(campaign), scope, after: auditView(campaign) });
        return campaign;
      }
    }
    throw new AppError('CAMPAIGN_CODE_EXHAUSTED', 'No free campaign code could be drawn; try again.', { status: 503 });
  }

  async update(acting: Acting, id: string, changes: CampaignChanges): Promise<Campaign> {
    const before = await this.writable(acting.principal, id);
    const set: Partial<Campaign> = { updatedAt: this.now() };
    const unset: Array<keyof Campaign> = [];
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.multipleSendings !== undefined) set.multipleSendings = changes.multipleSendings;
    if (changes.registrationIds !== undefined) set.registrationIds = changes.registrationIds;
    if (changes.description === null) unset.push('description');
    else if (changes.description !== undefined) set.description = changes.description;
    const after = (await this.deps.campaigns.update(id, set, unset)) ?? before;
    await auditBy(this.deps.audit, acting, { action: 'campaign.update', target: target(after), scope: scopeOf(after), before: auditView(before), after: auditView(after) });
    return after;
  }

  async setArchived(acting: Acting, id: string, archived: boolean): Promise<Campaign> {
    const before = await this.writable(acting.principal, id);
    if (archived === (before.archivedAt !== undefined)) return before;
    const now = this.now();
    const after = archived ? await this.deps.campaigns.update(id, { archivedAt: now, updatedAt: now }) : await this.deps.campaigns.update(id, { updatedAt: now }, ['archivedAt']);
    await auditBy(this.deps.audit, acting, { action: archived ? 'campaign.archive' : 'campaign.unarchive', target: target(before), scope: scopeOf(before), before: auditView(before), after: after && auditView(after) });
    return after ?? before;
  }

  /** A new code (the old one leaked, or was mistyped on a handout): links added to courses keep working (they name the id). */
  async regenerateCode(acting: Acting, id: string): Promise<Campaign> {
    const before = await this.writable(acting.principal, id);
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const changed = await this.deps.campaigns.changeCode(id, this.drawCode(), this.now());
      if (changed === false) continue;
      const after = changed ?? before;
      await auditBy(this.deps.audit, acting, { action: 'campaign.code.regenerate', target: target(after), scope: scopeOf(after), before: { code: before.code }, after: { code: after.code } });
      return after;
    }
    throw new AppError('CAMPAIGN_CODE_EXHAUSTED', 'No free campaign code could be drawn; try again.', { status: 503 });
  }

  private drawCode(): string {
    return generateCampaignCode(this.deps.randomInt ?? ((max) => randomInt(max)));
  }

  private async writable(principal: AdminPrincipal, id: string): Promise<Campaign> {
    const campaign = await this.get(principal, id);
    if (!canWrite(principal, scopeOf(campaign))) throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Your role can read this campaign but not change it.', { role: principal.role });
    return campaign;
  }
}

const scopeOf = (c: Campaign) => ({ academy: c.academy, ...(c.uai ? { uai: c.uai } : {}) });
const target = (c: Campaign) => ({ type: 'campaign', id: c.id, label: `${c.code} ${c.title}` });
const auditView = (c: Campaign) => ({
  code: c.code,
  title: c.title,
  type: c.type,
  method: c.method,
  multipleSendings: c.multipleSendings,
  targetTubes: c.targetTubes.map((t) => `${t.tubeId}≤${t.maxLevel}`),
  uai: c.uai,
  registrationIds: c.registrationIds,
  archivedAt: c.archivedAt,
});
