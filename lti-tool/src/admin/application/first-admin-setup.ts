import { createHash, randomBytes } from 'node:crypto';
import type { Academies } from '../../organizations/application/academies.js';
import { AppError, badRequest, conflict } from '../../platform/errors.js';
import { ACADEMY_CODE } from '../domain/admin-principal.js';
import type { AdminAccountsRepository } from '../infrastructure/admin-accounts.repository.js';
import type { SetupTokensRepository } from '../infrastructure/setup-tokens.repository.js';
import { isEmail, type AdminAccounts } from './admin-accounts.js';

/** Long enough to read the terminal and fill one form; short enough that a leaked log line goes stale. */
export const SETUP_LINK_LIFETIME_SECONDS = 60 * 60;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const invalid = () => new AppError('ADMIN_SETUP_TOKEN_INVALID', 'This setup link is invalid, used or expired: restart the tool to print a new one, or create the admin with the CLI.', { status: 403 });

/**
 * The first admin of an empty installation, from a one-time link that `npm start` prints:
 * single-use, short-lived, stored hashed. Works only while no admin account exists.
 */
export class FirstAdminSetup {
  constructor(
    private readonly tokens: SetupTokensRepository,
    private readonly accountsRepository: AdminAccountsRepository,
    private readonly accounts: AdminAccounts,
    private readonly academies: Academies,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get expiryRule() {
    return { collection: this.tokens.collection, field: 'expiresAt' };
  }

  /** A new link (replacing any earlier one) when no admin exists yet; undefined otherwise. */
  async issueLink(publicUrl: string): Promise<{ url: string; expiresAt: Date } | undefined> {
    if ((await this.accountsRepository.count()) > 0) {
      await this.tokens.deleteAll();
      return undefined;
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + SETUP_LINK_LIFETIME_SECONDS * 1000);
    await this.tokens.replace(hashToken(token), now, expiresAt);
    // In the fragment: never sent to a server, so never in an access log.
    return { url: `${publicUrl}/admin/#/setup/${token}`, expiresAt };
  }

  async check(token: string): Promise<void> {
    if (!(await this.tokens.isLive(hashToken(token), this.clock()))) throw invalid();
  }

  /** Creates the academy (if new) and its first academy admin; consumes the link. */
  async complete(input: { token: string; email: string; displayName: string; password: string; academy: { code: string; name: string } }) {
    await this.check(input.token);
    if ((await this.accountsRepository.count()) > 0) throw conflict('ADMIN_SETUP_DONE', 'An admin already exists: sign in instead.');
    // Validate everything before consuming the link, so a weak password does not burn it.
    this.accounts.checkPassword(input.password, input.email, input.displayName);
    if (!isEmail(input.email)) throw badRequest('ADMIN_EMAIL_INVALID', `${input.email} is not an e-mail address.`);
    if (!ACADEMY_CODE.test(input.academy.code)) throw badRequest('ACADEMY_CODE_INVALID', `"${input.academy.code}" is not an academy code: 2–40 lower-case letters, digits or dashes (e.g. versailles).`);
    if (!(await this.tokens.consume(hashToken(input.token), this.clock()))) throw invalid();
    if (!(await this.academies.find(input.academy.code))) await this.academies.create(input.academy);
    const { account } = await this.accounts.create({
      email: input.email,
      displayName: input.displayName,
      role: 'academy-admin',
      academy: input.academy.code,
      password: input.password,
    });
    return account;
  }
}
