import { learnerIdOf } from '../../lti/session/identifiers.js';
import type { LaunchSession } from '../../lti/session/launch-session.js';
import { AppError } from '../../platform/errors.js';
import { toRosterMember, type RosterMember } from '../domain/member.js';
import type { MembershipSource } from '../infrastructure/nrps-client.js';

export interface Roster {
  contextId: string;
  members: RosterMember[];
  fetchedAt: Date;
  /** False when the platform's list was longer than we read (see nrps-client limits). */
  complete: boolean;
}

export interface RostersOptions {
  /** How long a course's roster is served from memory (default 5 minutes). */
  ttlMs?: number;
  /** A teacher's "refresh" is honoured once the cached roster is at least this old (default 30 s). */
  minRefreshMs?: number;
  /** Courses kept in memory at once (default 200). */
  maxEntries?: number;
  clock?: () => Date;
}

/**
 * Course rosters for the teacher dashboard, read from the LMS through NRPS and cached
 * per (tenant, course) for a few minutes. In memory only, never stored: a roster may
 * carry minors' names, and a dashboard re-reads it in a second; each instance keeps its
 * own short-lived copy. Concurrent requests for one course share one fetch.
 */
export class Rosters {
  private readonly cache = new Map<string, Roster>();
  private readonly inflight = new Map<string, Promise<Roster>>();
  private readonly ttlMs: number;
  private readonly minRefreshMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => Date;

  constructor(
    private readonly source: MembershipSource,
    options: RostersOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.minRefreshMs = options.minRefreshMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 200;
    this.clock = options.clock ?? (() => new Date());
  }

  /** The members of the launch's course. Throws ROSTER_UNAVAILABLE when the LMS offered no NRPS for it. */
  async members(session: LaunchSession, options: { refresh?: boolean } = {}): Promise<Roster> {
    const contextId = session.context?.id;
    const membershipsUrl = session.nrps?.membershipsUrl;
    if (!contextId || !membershipsUrl) {
      throw new AppError(
        'ROSTER_UNAVAILABLE',
        'The LMS did not offer the course members service for this launch (in Moodle: the tool\'s "IMS LTI Names and Role Provisioning" setting).',
        { status: 409 },
      );
    }
    const key = `${session.tenantId}\n${contextId}`;
    const now = this.clock().getTime();
    const cached = this.cache.get(key);
    if (cached) {
      const age = now - cached.fetchedAt.getTime();
      if (age < this.ttlMs && !(options.refresh && age >= this.minRefreshMs)) return cached;
      this.cache.delete(key);
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetch(session, contextId, membershipsUrl).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    const roster = await pending;
    this.remember(key, roster);
    return roster;
  }

  /** Drops every cached roster (e.g. a registration's privacy settings changed). */
  forgetAll(): void {
    this.cache.clear();
  }

  private async fetch(session: LaunchSession, contextId: string, membershipsUrl: string): Promise<Roster> {
    const pages = await this.source(session.registrationId, membershipsUrl);
    if (pages.contextId !== undefined && pages.contextId !== contextId) {
      throw new AppError('ROSTER_CONTEXT_MISMATCH', 'The LMS answered with the members of another course; nothing is shown.', { status: 502 });
    }
    const members: RosterMember[] = [];
    const seen = new Set<string>();
    for (const raw of pages.members) {
      const member = toRosterMember(raw, (userId) => learnerIdOf(session.tenantId, userId));
      if (!member || seen.has(member.userId)) continue;
      seen.add(member.userId);
      members.push(member);
    }
    return { contextId, members, fetchedAt: this.clock(), complete: pages.complete };
  }

  private remember(key: string, roster: Roster): void {
    this.cache.delete(key);
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, roster);
  }
}
