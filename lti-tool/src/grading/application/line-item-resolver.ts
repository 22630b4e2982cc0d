import { createHash } from 'node:crypto';
import { isResolvedTarget, type GradeJob } from '../domain/grade.js';
import type { LineItemsRepository } from '../infrastructure/line-items.repository.js';
import type { GradePublisher } from './grade-publisher.js';

export type ResolvedLineItem = { kind: 'resolved'; url: string; key?: string } | { kind: 'busy' };

const MEMORY_MAX = 20_000;

const hash = (parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url');

/**
 * Where a grade goes: the launch's `lineitem` claim when there was one (checked to be on
 * the registration's platform), else the line item of the resource link, found in the
 * platform's line items (all pages) or created there — once, whatever the number of
 * workers: resolution is claimed per resource link in the database.
 */
export class LineItemResolver {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly deps: {
      repository: Pick<LineItemsRepository, 'claim' | 'resolved' | 'abandon' | 'forget'>;
      publisher: GradePublisher;
      clock: () => Date;
      leaseMs: number;
    },
  ) {}

  async resolve(job: GradeJob, holder: string): Promise<ResolvedLineItem> {
    const target = job.lineItem;
    if (isResolvedTarget(target)) {
      await this.deps.publisher.checkLineItemUrl(job.registrationId, target.url);
      return { kind: 'resolved', url: target.url };
    }
    const key = hash([job.registrationId, target.lineItemsUrl, job.resourceLinkId, target.resourceId ?? '', target.tag ?? '']);
    const known = this.memory.get(key);
    if (known) return { kind: 'resolved', url: known, key };
    // Checked before the claim so a foreign container never takes a lock nor a token.
    await this.deps.publisher.checkLineItemUrl(job.registrationId, target.lineItemsUrl);
    const claim = await this.deps.repository.claim(key, job.registrationId, holder, this.deps.clock(), this.deps.leaseMs);
    if (claim.kind === 'busy') return claim;
    if (claim.kind === 'resolved') {
      await this.deps.publisher.checkLineItemUrl(job.registrationId, claim.url);
      this.remember(key, claim.url);
      return { kind: 'resolved', url: claim.url, key };
    }
    try {
      const match = { resourceLinkId: job.resourceLinkId, resourceId: target.resourceId, tag: target.tag };
      const url =
        (await this.deps.publisher.findLineItem(job.registrationId, target.lineItemsUrl, match)) ??
        (await this.deps.publisher.createLineItem(job.registrationId, target.lineItemsUrl, { ...match, label: target.label, scoreMaximum: target.scoreMaximum }));
      await this.deps.repository.resolved(key, holder, url, this.deps.clock());
      this.remember(key, url);
      return { kind: 'resolved', url, key };
    } catch (err) {
      await this.deps.repository.abandon(key, holder).catch(() => undefined);
      throw err;
    }
  }

  /** The LMS no longer knows the line item (404): look it up again next time. */
  async forget(key: string): Promise<void> {
    this.memory.delete(key);
    await this.deps.repository.forget(key);
  }

  private remember(key: string, url: string): void {
    if (this.memory.size >= MEMORY_MAX) this.memory.delete(this.memory.keys().next().value!);
    this.memory.set(key, url);
  }
}
