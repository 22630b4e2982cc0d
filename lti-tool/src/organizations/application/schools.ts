import { auditBy, type Acting } from '../../admin/application/acting.js';
import { canRead, canWrite, scopeFilter, type AdminPrincipal } from '../../admin/domain/admin-principal.js';
import type { AuditLog } from '../../audit/application/audit-log.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { PlatformDirectory, School } from '../domain/organization.js';
import { normaliseUai, uaiProblem } from '../domain/uai.js';
import type { OrganizationsRepository } from '../infrastructure/organizations.repository.js';

export interface NewSchool {
  uai: string;
  name: string;
  city: string;
  /** Defaults to the acting admin's academy; another academy is refused. */
  academy?: string;
}

const schoolNotFound = (uai: string) => notFound('SCHOOL_NOT_FOUND', `No school with UAI ${uai} in your academy.`, { uai });

/**
 * Schools by UAI and the LMS platforms they use. Every method takes the acting admin:
 * a school outside what they may read is "not found" (other academies stay invisible),
 * one they may read but not change is "forbidden".
 */
export class Schools {
  constructor(
    private readonly repository: OrganizationsRepository,
    private readonly platforms: PlatformDirectory,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(principal: AdminPrincipal, query: { search?: string; platformId?: string; page: number; pageSize: number }) {
    const { schools, total } = await this.repository.listSchools({
      ...scopeFilter(principal),
      ...(query.search ? { search: query.search } : {}),
      ...(query.platformId ? { platformId: query.platformId } : {}),
      skip: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return { schools, total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: AdminPrincipal, uai: string): Promise<School> {
    const school = await this.repository.findSchool(normaliseUai(uai));
    if (!school || !canRead(principal, { academy: school.academy, uai: school.uai })) throw schoolNotFound(uai);
    return school;
  }

  async create(acting: Acting, input: NewSchool): Promise<School> {
    const { principal } = acting;
    const uai = normaliseUai(input.uai);
    const problem = uaiProblem(uai);
    if (problem) {
      throw badRequest('UAI_INVALID', problem === 'format' ? `${uai} is not a UAI: 7 digits then a letter, e.g. 0750654D.` : `${uai} has a wrong check letter: check the UAI.`, { uai, problem });
    }
    const academy = input.academy ?? principal.academy;
    if (principal.role !== 'academy-admin' || academy !== principal.academy) {
      throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Only an admin of the academy can add its schools.');
    }
    if (!(await this.repository.findAcademy(academy))) throw notFound('ACADEMY_NOT_FOUND', `No academy ${academy}.`, { academy });
    const now = this.clock();
    const school: School = { uai, name: input.name, city: input.city, academy, platformIds: [], createdAt: now, updatedAt: now };
    try {
      await this.repository.insertSchool(school);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) {
        // Said the same way whether the UAI is in this academy or another: no leak.
        throw conflict('SCHOOL_EXISTS', `A school with UAI ${uai} is already registered.`, { uai });
      }
      throw err;
    }
    await auditBy(this.audit, acting, { action: 'school.create', target: schoolTarget(school), scope: { academy, uai }, after: view(school) });
    return school;
  }

  async update(acting: Acting, uai: string, changes: { name?: string; city?: string }): Promise<School> {
    const before = await this.writable(acting.principal, uai);
    const after = (await this.repository.updateSchool(before.uai, changes, this.clock()))!;
    await auditBy(this.audit, acting, { action: 'school.update', target: schoolTarget(after), scope: scopeOf(after), before: view(before), after: view(after) });
    return after;
  }

  async remove(acting: Acting, uai: string): Promise<void> {
    const school = await this.writable(acting.principal, uai);
    if (acting.principal.role !== 'academy-admin') throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Only an admin of the academy can remove one of its schools.');
    await this.repository.deleteSchool(school.uai);
    await auditBy(this.audit, acting, { action: 'school.delete', target: schoolTarget(school), scope: scopeOf(school), before: view(school) });
  }

  async linkPlatform(acting: Acting, uai: string, platformId: string): Promise<School> {
    const school = await this.writable(acting.principal, uai);
    const platform = await this.platforms.find(platformId);
    // Another academy's platform is reported as unknown, like a missing one.
    if (!platform || platform.academy !== school.academy) {
      throw notFound('PLATFORM_NOT_FOUND', `No platform ${platformId} registered for academy ${school.academy}.`, { platformId });
    }
    if (platform.status === 'rejected') throw conflict('PLATFORM_REJECTED', `Platform ${platform.name} was rejected: approve it before linking schools to it.`, { platformId });
    if (school.platformIds.includes(platformId)) return school;
    const after = (await this.repository.linkPlatform(school.uai, platformId, this.clock()))!;
    await auditBy(this.audit, acting, {
      action: 'school.platform.link',
      target: schoolTarget(after),
      scope: scopeOf(after),
      before: { platformIds: school.platformIds },
      after: { platformIds: after.platformIds, linked: { id: platform.id, name: platform.name } },
    });
    return after;
  }

  async unlinkPlatform(acting: Acting, uai: string, platformId: string): Promise<School> {
    const school = await this.writable(acting.principal, uai);
    if (!school.platformIds.includes(platformId)) throw notFound('SCHOOL_PLATFORM_NOT_LINKED', `Platform ${platformId} is not linked to ${school.uai}.`, { platformId });
    const after = (await this.repository.unlinkPlatform(school.uai, platformId, this.clock()))!;
    await auditBy(this.audit, acting, {
      action: 'school.platform.unlink',
      target: schoolTarget(after),
      scope: scopeOf(after),
      before: { platformIds: school.platformIds },
      after: { platformIds: after.platformIds },
    });
    return after;
  }

  /** The schools (of `principal`'s scope) linked to a platform: a school admin sees a platform through them. */
  async linkedTo(principal: AdminPrincipal, platformId: string): Promise<School[]> {
    return (await this.repository.listSchools({ ...scopeFilter(principal), platformId, skip: 0, limit: 1000 })).schools;
  }

  private async writable(principal: AdminPrincipal, uai: string): Promise<School> {
    const school = await this.get(principal, uai);
    if (!canWrite(principal, scopeOf(school))) throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Your role can read this school but not change it.');
    return school;
  }
}

const scopeOf = (s: School) => ({ academy: s.academy, uai: s.uai });
const schoolTarget = (s: School) => ({ type: 'school', id: s.uai, label: s.name });
const view = (s: School) => ({ uai: s.uai, name: s.name, city: s.city, academy: s.academy, platformIds: s.platformIds });

