import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/application/audit-log.js';
import type { OrganizationsRepository } from '../../organizations/infrastructure/organizations.repository.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { PersonalDataProvider } from '../../platform/privacy/personal-data.js';
import { ADMIN_ROLES, canRead, scopeFilter, type AdminPrincipal, type AdminRole } from '../domain/admin-principal.js';
import { passwordProblems } from '../domain/password-policy.js';
import type { AccountChanges, AdminAccount, AdminAccountsRepository } from '../infrastructure/admin-accounts.repository.js';
import { auditBy, OPERATOR, type Acting } from './acting.js';
import type { AdminSessions } from './admin-sessions.js';
import type { PasswordHasher } from './password-hasher.js';

export interface NewAdminAccount {
  email: string;
  displayName: string;
  role: AdminRole;
  academy: string;
  uai?: string;
  /** Omitted: a strong one is generated and returned once. */
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmail = (email: string) => EMAIL.test(normaliseEmail(email));

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** 18 random bytes: 24 characters, ~144 bits; shown once to whoever creates the account. */
export const generatePassword = () => randomBytes(18).toString('base64url');

/** Admin accounts: created by an academy admin (their academy) or an operator (CLI, setup link). */
export class AdminAccounts {
  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly sessions: AdminSessions,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** `acting` undefined: an operator's act. Returns the generated password, if one was. */
  async create(input: NewAdminAccount, acting?: Acting): Promise<{ account: AdminAccount; generatedPassword?: string }> {
    const email = normaliseEmail(input.email);
    if (!EMAIL.test(email)) throw badRequest('ADMIN_EMAIL_INVALID', `${input.email} is not an e-mail address.`);
    if (!ADMIN_ROLES.includes(input.role)) throw badRequest('ADMIN_ROLE_INVALID', `Unknown role ${input.role}: one of ${ADMIN_ROLES.join(', ')}.`);
    if (acting && (acting.principal.role !== 'academy-admin' || acting.principal.academy !== input.academy)) {
      throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Only an admin of the academy can create its admin accounts.');
    }
    await this.checkScope(input.role, input.academy, input.uai);
    const password = input.password ?? generatePassword();
    this.checkPassword(password, email, input.displayName);
    const now = this.clock();
    const account: AdminAccount = {
      id: randomUUID(),
      email,
      displayName: input.displayName.trim(),
      role: input.role,
      academy: input.academy,
      ...(input.role === 'school-admin' ? { uai: input.uai } : {}),
      status: 'active',
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
    };
    try {
      await this.accounts.insert(account, await this.hasher.hash(password));
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw conflict('ADMIN_EMAIL_TAKEN', `An admin account already uses ${email}.`);
      throw err;
    }
    const entry = { action: 'admin-account.create', target: accountTarget(account), scope: scopeOfAccount(account), after: view(account) };
    await (acting ? auditBy(this.audit, acting, entry) : this.audit.record({ ...entry, actor: OPERATOR }));
    return { account, ...(input.password === undefined ? { generatedPassword: password } : {}) };
  }

  /** Operators only (CLI). */
  async findByEmail(email: string): Promise<AdminAccount | undefined> {
    return (await this.accounts.findCredentials(normaliseEmail(email)))?.account;
  }

  async list(principal: AdminPrincipal): Promise<AdminAccount[]> {
    return this.accounts.list(scopeFilter(principal));
  }

  async get(principal: AdminPrincipal, id: string): Promise<AdminAccount> {
    const account = await this.accounts.findById(id);
    if (!account || !canRead(principal, scopeOfAccount(account))) throw notFound('ADMIN_ACCOUNT_NOT_FOUND', 'No such admin account in your academy.');
    return account;
  }

  /** Role, school, name or status; signs the account out everywhere when its rights change. */
  async update(acting: Acting, id: string, changes: AccountChanges): Promise<AdminAccount> {
    const before = await this.get(acting.principal, id);
    if (acting.principal.role !== 'academy-admin') throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Only an admin of the academy can change admin accounts.');
    if (id === acting.principal.id && (changes.role !== undefined || changes.status !== undefined || changes.uai !== undefined)) {
      throw conflict('ADMIN_SELF_CHANGE', 'You cannot change your own role or status: ask another admin of the academy.');
    }
    const role = changes.role ?? before.role;
    const uai = role === 'school-admin' ? (changes.uai ?? before.uai) : undefined;
    await this.checkScope(role, before.academy, uai);
    const after = (await this.accounts.update(id, { ...changes, role, uai }, this.clock()))!;
    const rightsChanged = after.role !== before.role || after.uai !== before.uai || after.status !== before.status;
    if (rightsChanged) await this.sessions.closeAllFor(id);
    await auditBy(this.audit, acting, { action: 'admin-account.update', target: accountTarget(after), scope: scopeOfAccount(after), before: view(before), after: view(after) });
    return after;
  }

  /** The signed-in admin changes their own password; other sessions are closed. */
  async changeOwnPassword(acting: Acting, currentPassword: string, newPassword: string, keepSessionToken?: string): Promise<void> {
    const { principal } = acting;
    const hash = await this.accounts.passwordHashOf(principal.id);
    if (!hash || !(await this.hasher.verify(hash, currentPassword))) {
      throw badRequest('ADMIN_PASSWORD_WRONG', 'The current password is not right.');
    }
    this.checkPassword(newPassword, principal.email, principal.displayName);
    await this.accounts.setPasswordHash(principal.id, await this.hasher.hash(newPassword), this.clock(), true);
    await this.sessions.closeAllFor(principal.id, keepSessionToken);
    await auditBy(this.audit, acting, { action: 'admin-account.password.change', target: accountTarget(principal), scope: scopeOfAccount(principal) });
  }

  /** An academy admin resets another admin's password; returns the new one, shown once. */
  async resetPassword(acting: Acting, id: string): Promise<string> {
    const account = await this.get(acting.principal, id);
    if (acting.principal.role !== 'academy-admin') throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Only an admin of the academy can reset passwords.');
    const password = generatePassword();
    await this.accounts.setPasswordHash(id, await this.hasher.hash(password), this.clock(), true);
    await this.sessions.closeAllFor(id);
    await auditBy(this.audit, acting, { action: 'admin-account.password.reset', target: accountTarget(account), scope: scopeOfAccount(account) });
    return password;
  }

  personalData(): PersonalDataProvider {
    return {
      name: 'admin.accounts',
      description: 'The admin account (without its password hash) and its open sessions.',
      exportFor: async (subject) => {
        if (subject.kind !== 'admin') return [];
        const account = await this.accounts.exportById(subject.adminId);
        return account ? [account, ...(await this.sessions.listFor(subject.adminId))] : [];
      },
    };
  }

  checkPassword(password: string, email: string, displayName: string): void {
    const problems = passwordProblems(password, { email, displayName });
    if (problems.length) {
      throw badRequest('ADMIN_PASSWORD_WEAK', `The password is too weak (${problems.join(', ')}): use at least 12 characters, e.g. a few unrelated words.`, { problems });
    }
  }

  private async checkScope(role: AdminRole, academy: string, uai: string | undefined): Promise<void> {
    if (!(await this.organizations.findAcademy(academy))) throw notFound('ACADEMY_NOT_FOUND', `No academy ${academy}.`, { academy });
    if (role !== 'school-admin') return;
    if (!uai) throw badRequest('ADMIN_SCOPE_INVALID', 'A school admin needs the UAI of their school.');
    const school = await this.organizations.findSchool(uai);
    if (!school || school.academy !== academy) throw notFound('SCHOOL_NOT_FOUND', `No school with UAI ${uai} in academy ${academy}.`, { uai });
  }
}

const scopeOfAccount = (a: Pick<AdminPrincipal, 'academy' | 'uai'>) => ({ academy: a.academy, ...(a.uai ? { uai: a.uai } : {}) });
const accountTarget = (a: Pick<AdminPrincipal, 'id' | 'email'>) => ({ type: 'admin-account', id: a.id, label: a.email });
const view = (a: AdminAccount) => ({ email: a.email, displayName: a.displayName, role: a.role, academy: a.academy, uai: a.uai, status: a.status });
