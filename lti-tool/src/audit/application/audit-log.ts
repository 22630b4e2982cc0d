import { randomUUID } from 'node:crypto';
import { badRequest } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { PersonalDataProvider } from '../../platform/privacy/personal-data.js';
import { changedFields, summarise, type AuditEntry, type AuditRecordInput } from '../domain/audit-entry.js';
import type { AuditLogRepository, AuditQuery } from '../infrastructure/audit-log.repository.js';

export const AUDIT_PAGE_MAX = 100;

/**
 * The audit log every admin write goes through (`record`), read back paged and filtered
 * by admins of the same academy and auditors (`query`). A failed write of an entry is
 * logged as an error and rethrown: an admin change must not go unaudited silently.
 */
export class AuditLog {
  constructor(
    private readonly repository: AuditLogRepository,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(input: AuditRecordInput): Promise<AuditEntry> {
    const before = input.before === undefined ? undefined : summarise(input.before);
    const after = input.after === undefined ? undefined : summarise(input.after);
    const entry: AuditEntry = {
      id: `${this.clock().getTime().toString(36).padStart(9, '0')}-${randomUUID()}`,
      at: this.clock(),
      actor: summarise(input.actor) as AuditEntry['actor'],
      action: input.action,
      target: input.target,
      scope: input.scope.uai ? { academy: input.scope.academy, uai: input.scope.uai } : { academy: input.scope.academy },
      outcome: input.outcome ?? 'success',
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      ...(before !== undefined || after !== undefined ? { changed: changedFields(before, after) } : {}),
      ...(input.requestId ? { requestId: input.requestId } : {}),
      ...(input.ip ? { ip: input.ip } : {}),
    };
    try {
      await this.repository.insert(entry);
    } catch (err) {
      this.log.error({ err, action: entry.action, target: entry.target, actor: entry.actor }, 'could not write an audit entry');
      throw err;
    }
    return entry;
  }

  /** One page, newest first; `next` is the cursor of the following page, if any. */
  async query(query: Omit<AuditQuery, 'before'> & { cursor?: string }): Promise<{ entries: AuditEntry[]; next?: string }> {
    const limit = Math.min(Math.max(query.limit, 1), AUDIT_PAGE_MAX);
    const entries = await this.repository.find({ ...query, before: decodeCursor(query.cursor), limit: limit + 1 });
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return { entries: page, ...(entries.length > limit && last ? { next: encodeCursor(last) } : {}) };
  }

  /** GDPR: entries where an admin acted, or where a learner is the target; past retention, deleted. */
  personalData(): PersonalDataProvider {
    return {
      name: 'audit.entries',
      description: 'Audit log entries where the person acted (admins) or is the target of an admin action.',
      exportFor: (subject) =>
        this.repository.findAbout(subject.kind === 'admin' ? { actorId: subject.adminId, targetId: subject.adminId } : { targetId: subject.learnerId }),
      purge: (cutoff) => this.repository.deleteOlderThan(cutoff.before, cutoff.dryRun),
    };
  }
}

function encodeCursor(entry: AuditEntry): string {
  return Buffer.from(JSON.stringify([entry.at.getTime(), entry.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): AuditQuery['before'] {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'number' && typeof id === 'string') return { at: new Date(at), id };
  } catch {
    // Reported below.
  }
  throw badRequest('AUDIT_CURSOR_INVALID', 'The page cursor is not one this server gave: start again from the first page.');
}
