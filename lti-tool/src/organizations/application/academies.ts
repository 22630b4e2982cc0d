import { auditBy, OPERATOR, type Acting } from '../../admin/application/acting.js';
import { ACADEMY_CODE, type AdminPrincipal } from '../../admin/domain/admin-principal.js';
import type { AuditLog } from '../../audit/application/audit-log.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { Academy } from '../domain/organization.js';
import type { OrganizationsRepository } from '../infrastructure/organizations.repository.js';

/**
 * Academies. An admin sees only their own; creating one is an operator's act (CLI or
 * the first-admin setup), since no admin role spans academies.
 */
export class Academies {
  constructor(
    private readonly repository: OrganizationsRepository,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async listFor(principal: AdminPrincipal): Promise<Array<Academy & { schoolCount: number }>> {
    const academies = await this.repository.listAcademies([principal.academy]);
    return Promise.all(academies.map(async (a) => ({ ...a, schoolCount: await this.repository.countSchools(a.code) })));
  }

  async get(principal: AdminPrincipal, code: string): Promise<Academy> {
    const academy = code === principal.academy ? await this.repository.findAcademy(code) : undefined;
    if (!academy) throw notFound('ACADEMY_NOT_FOUND', `No academy ${code} among yours.`, { academy: code });
    return academy;
  }

  async rename(acting: Acting, code: string, name: string): Promise<Academy> {
    const before = await this.get(acting.principal, code);
    if (acting.principal.role !== 'academy-admin') throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Only an admin of the academy can rename it.');
    await this.repository.renameAcademy(code, name, this.clock());
    const after = { ...before, name, updatedAt: this.clock() };
    await auditBy(this.audit, acting, { action: 'academy.update', target: { type: 'academy', id: code, label: name }, scope: { academy: code }, before: { name: before.name }, after: { name } });
    return after;
  }

  /** Operator only (CLI, first-admin setup). */
  async create(input: { code: string; name: string }): Promise<Academy> {
    if (!ACADEMY_CODE.test(input.code)) {
      throw badRequest('ACADEMY_CODE_INVALID', `"${input.code}" is not an academy code: 2–40 lower-case letters, digits or dashes, starting with a letter (e.g. versailles).`);
    }
    const now = this.clock();
    const academy: Academy = { code: input.code, name: input.name.trim(), createdAt: now, updatedAt: now };
    if (!academy.name) throw badRequest('ACADEMY_NAME_MISSING', 'An academy needs a name.');
    try {
      await this.repository.insertAcademy(academy);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw conflict('ACADEMY_EXISTS', `Academy ${input.code} already exists.`, { academy: input.code });
      throw err;
    }
    await this.audit.record({ actor: OPERATOR, action: 'academy.create', target: { type: 'academy', id: academy.code, label: academy.name }, scope: { academy: academy.code }, after: { code: academy.code, name: academy.name } });
    return academy;
  }

  /** Every academy: for operators only (CLI), never for an admin's view. */
  async all(): Promise<Academy[]> {
    return this.repository.listAcademies();
  }

  async find(code: string): Promise<Academy | undefined> {
    return this.repository.findAcademy(code);
  }
}
