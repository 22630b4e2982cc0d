import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import type { AdminPrincipal } from '../domain/admin-principal.js';
import type { AdminAccountsRepository } from '../infrastructure/admin-accounts.repository.js';
import type { AdminSessionRecord, AdminSessionsRepository } from '../infrastructure/admin-sessions.repository.js';

export interface AdminSessionTimeouts {
  /** Signed out after this long without a request. */
  idleSeconds: number;
  /** Signed out this long after signing in, active or not. */
  maxSeconds: number;
}

export interface ResolvedAdminSession {
  principal: AdminPrincipal;
  session: AdminSessionRecord;
  /** The synchronizer token the panel must echo in `X-CSRF-Token` on every change. */
  csrfToken: string;
}

/** Sliding the idle expiry costs a write: at most one a minute per session. */
const TOUCH_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Admin sessions stored in the database behind an opaque cookie value (only its hash
 * is stored), with idle and absolute timeouts, revocable one by one or per account.
 * The CSRF token is an HMAC of the session id under a key derived from ENCRYPTION_KEY:
 * bound to the session, unguessable without the key, and nothing more to store.
 */
export class AdminSessions {
  private readonly csrfKey: Buffer;

  constructor(
    private readonly sessions: AdminSessionsRepository,
    private readonly accounts: AdminAccountsRepository,
    private readonly timeouts: AdminSessionTimeouts,
    encryptionKey: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.csrfKey = Buffer.from(hkdfSync('sha256', encryptionKey, 'pix-lti', 'admin-csrf', 32));
  }

  get expiryRule(): ExpiryRule {
    return { collection: this.sessions.collection, field: 'expiresAt' };
  }

  /** A new session (a new id at every sign-in: no fixation); returns the cookie value. */
  async open(accountId: string, client: { ip?: string; userAgent?: string }): Promise<{ token: string; session: AdminSessionRecord }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const absoluteExpiresAt = new Date(now.getTime() + this.timeouts.maxSeconds * 1000);
    const session: AdminSessionRecord = {
      id: hashToken(token),
      accountId,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt,
      expiresAt: this.slide(now, absoluteExpiresAt),
      ...(client.ip ? { ip: client.ip } : {}),
      ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 200) } : {}),
    };
    await this.sessions.insert(session);
    return { token, session };
  }

  /** The live session of a cookie value and its (active) account, sliding the idle timeout. */
  async resolve(token: string): Promise<ResolvedAdminSession | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const now = this.clock();
    const session = await this.sessions.findLive(hashToken(token), now);
    if (!session) return undefined;
    const account = await this.accounts.findById(session.accountId);
    if (!account || account.status !== 'active') {
      await this.sessions.delete(session.id);
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      session.lastSeenAt = now;
      session.expiresAt = this.slide(now, session.absoluteExpiresAt);
      await this.sessions.touch(session.id, session.lastSeenAt, session.expiresAt);
    }
    const { status: _s, createdAt: _c, updatedAt: _u, passwordChangedAt: _p, lastLoginAt: _l, ...principal } = account;
    return { principal, session, csrfToken: this.csrfTokenOf(session.id) };
  }

  csrfTokenOf(sessionId: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionId).digest('base64url');
  }

  /** Constant-time comparison of the token a request carries with the session's. */
  csrfMatches(sessionId: string, presented: string | undefined): boolean {
    if (!presented) return false;
    const expected = Buffer.from(this.csrfTokenOf(sessionId));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async close(token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
  }

  /** Signs an account out everywhere (disabled account, password changed, role changed). */
  async closeAllFor(accountId: string, except?: string): Promise<number> {
    if (!except) return this.sessions.deleteForAccount(accountId);
    const keep = hashToken(except);
    let closed = 0;
    for (const s of await this.sessions.listForAccount(accountId)) {
      if (s.id === keep) continue;
      await this.sessions.delete(s.id);
      closed += 1;
    }
    return closed;
  }

  /** Sessions of an account as the admin may see them (no ids: they are credentials' hashes). */
  async listFor(accountId: string): Promise<Array<Omit<AdminSessionRecord, 'id'>>> {
    return (await this.sessions.listForAccount(accountId)).map(({ id: _id, ...rest }) => rest);
  }

  private slide(now: Date, absoluteExpiresAt: Date): Date {
    return new Date(Math.min(now.getTime() + this.timeouts.idleSeconds * 1000, absoluteExpiresAt.getTime()));
  }
}
