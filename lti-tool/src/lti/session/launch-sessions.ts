import { createHash, randomBytes } from 'node:crypto';
import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';
import { learnerIdOf, tenantIdOf } from './identifiers.js';
import type { LaunchSession, NewLaunchSession } from './launch-session.js';
import type { LaunchSessionsRepository } from './launch-sessions.repository.js';

/** A test of 1 h 45 plus extra time, a pause and a resume fit in one session. */
export const SESSION_LIFETIME_SECONDS = 8 * 3600;
const CACHE_MS = 60_000;
const CACHE_MAX = 5000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Launch sessions behind opaque bearer tokens. The token travels in the
 * `Authorization` header, never in a cookie, so it works inside an LMS iframe with
 * third-party cookies blocked (Safari, Chrome with them off). Resolving is on every
 * API call: a short in-memory cache saves a database round trip on that hot path.
 */
export class LaunchSessions {
  private readonly cache = new Map<string, { session: LaunchSession; at: number }>();

  constructor(
    private readonly repository: LaunchSessionsRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get expiryRule(): ExpiryRule {
    return { collection: this.repository.collection, field: 'expiresAt' };
  }

  /** Stores a session for a verified launch; returns the bearer token and the session. */
  async create(input: NewLaunchSession, lifetimeSeconds = SESSION_LIFETIME_SECONDS): Promise<{ token: string; session: LaunchSession }> {
    const token = randomBytes(32).toString('base64url');
    const id = hashToken(token);
    const now = this.clock();
    const tenantId = tenantIdOf(input.tenant);
    const session: LaunchSession = {
      ...input,
      id,
      tenantId,
      user: { ...input.user, id: learnerIdOf(tenantId, input.user.sub) },
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
    };
    const { id: _omit, ...stored } = session;
    await this.repository.insert(id, stored);
    // The launch page's first API call follows at once: answer it from memory.
    this.remember(id, session);
    return { token, session };
  }

  /** The live session of a bearer token, or undefined (unknown, expired or malformed). */
  async resolve(token: string): Promise<LaunchSession | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const id = hashToken(token);
    const now = this.clock();
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < CACHE_MS && hit.session.expiresAt > now) return hit.session;
    const stored = await this.repository.findLive(id, now);
    if (!stored) {
      this.cache.delete(id);
      return undefined;
    }
    const session: LaunchSession = { ...stored, id };
    this.remember(id, session);
    return session;
  }

  private remember(id: string, session: LaunchSession): void {
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { session, at: Date.now() });
  }

  async revoke(token: string): Promise<void> {
    const id = hashToken(token);
    this.cache.delete(id);
    await this.repository.delete(id);
  }
}
