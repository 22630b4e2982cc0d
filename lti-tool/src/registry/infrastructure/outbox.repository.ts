import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { CertificationResult } from '../../certification/domain/certification-result.js';
import { toResult, type ResultDoc } from '../../certification/infrastructure/results.repository.js';
import type { Delivery, DeliveryState } from '../domain/delivery.js';

export interface ClaimedEntry {
  result: CertificationResult;
  delivery: Delivery;
  leaseToken: string;
}

/**
 * The registry outbox, embedded in the published results (ADR 0020). Every transition
 * is one atomic single-document update: a claim takes a lease (owner, token, expiry) and
 * counts an attempt; only the lease holder may record a failure; a success is a fact
 * and is recorded whoever holds the lease.
 */
export class OutboxRepository {
  constructor(private readonly model: Model<ResultDoc>) {}

  /** Takes the next due entry (pending and due, or delivering with an expired lease), skipping academies whose circuit is open. */
  async claim(owner: string, now: Date, leaseMs: number, excludeAcademies: readonly string[] = []): Promise<ClaimedEntry | undefined> {
    return this.claimOne(this.dueFilter(now, excludeAcademies), owner, now, leaseMs);
  }

  private dueFilter(now: Date, excludeAcademies: readonly string[]): Record<string, unknown> {
    return {
      ...(excludeAcademies.length > 0 ? { academyId: { $nin: [...excludeAcademies] } } : {}),
      $or: [
        { 'delivery.state': 'pending', 'delivery.nextAttemptAt': { $lte: now } },
        { 'delivery.state': 'delivering', 'delivery.leaseUntil': { $lt: now } },
      ],
    };
  }

  private async claimOne(filter: Record<string, unknown>, owner: string, now: Date, leaseMs: number): Promise<ClaimedEntry | undefined> {
    const leaseToken = randomUUID();
    const doc = await this.model
      .findOneAndUpdate(
        filter,
        {
          $set: {
            'delivery.state': 'delivering',
            'delivery.leaseOwner': owner,
            'delivery.leaseToken': leaseToken,
            'delivery.leaseUntil': new Date(now.getTime() + leaseMs),
            'delivery.lastAttemptAt': now,
          },
          $inc: { 'delivery.attempts': 1 },
        },
        { sort: { 'delivery.nextAttemptAt': 1 }, new: true },
      )
      .lean();
    return doc ? { result: toResult(doc), delivery: doc.delivery, leaseToken } : undefined;
  }

  /**
   * Claims up to `limit` due entries with one scan to find them, then one conditional
   * update each by id (on FerretDB every filter scans the collection, so claiming one at a
   * time cost a full scan per delivery).
   */
  async claimBatch(owner: string, now: Date, leaseMs: number, limit: number, excludeAcademies: readonly string[] = []): Promise<ClaimedEntry[]> {
    const due = await this.model.find(this.dueFilter(now, excludeAcademies), { _id: 1 }).sort({ 'delivery.nextAttemptAt': 1 }).limit(limit).lean();
    const claimed: ClaimedEntry[] = [];
    for (const { _id } of due) {
      const entry = await this.claimOne({ _id, ...this.dueFilter(now, []) }, owner, now, leaseMs);
      if (entry) claimed.push(entry);
    }
    return claimed;
  }

  async markDelivered(id: string, status: number, now: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, 'delivery.state': { $ne: 'delivered' } },
      {
        $set: { 'delivery.state': 'delivered', 'delivery.deliveredAt': now, 'delivery.deliveredStatus': status, 'delivery.lastStatus': status },
        $unset: { 'delivery.leaseOwner': '', 'delivery.leaseToken': '', 'delivery.leaseUntil': '', 'delivery.lastError': '' },
      },
    );
  }

  /** Records a failed attempt if we still hold the lease; false if another worker took over. */
  async markFailed(id: string, leaseToken: string, next: { state: 'pending'; nextAttemptAt: Date } | { state: 'dead' }, failure: { error: string; status?: number }, now: Date): Promise<boolean> {
    const set: Record<string, unknown> = { 'delivery.state': next.state, 'delivery.lastError': failure.error };
    if (failure.status !== undefined) set['delivery.lastStatus'] = failure.status;
    if (next.state === 'pending') set['delivery.nextAttemptAt'] = next.nextAttemptAt;
    else set['delivery.deadAt'] = now;
    const result = await this.model.updateOne(
      { _id: id, 'delivery.state': 'delivering', 'delivery.leaseToken': leaseToken },
      { $set: set, $unset: { 'delivery.leaseOwner': '', 'delivery.leaseToken': '', 'delivery.leaseUntil': '' } },
    );
    return result.modifiedCount === 1;
  }

  /** Puts an entry back without counting the attempt (e.g. no endpoint configured yet). */
  async postpone(id: string, leaseToken: string, until: Date, reason?: string): Promise<void> {
    const set: Record<string, unknown> = { 'delivery.state': 'pending', 'delivery.nextAttemptAt': until };
    if (reason) set['delivery.lastError'] = reason;
    await this.model.updateOne(
      { _id: id, 'delivery.state': 'delivering', 'delivery.leaseToken': leaseToken },
      {
        $set: set,
        $inc: { 'delivery.attempts': -1 },
        $unset: { 'delivery.leaseOwner': '', 'delivery.leaseToken': '', 'delivery.leaseUntil': '' },
      },
    );
  }

  /** Makes an academy's waiting entries due now (the endpoint recovered or was just configured). */
  async wakeAcademy(academyId: string, now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { academyId, 'delivery.state': 'pending', 'delivery.nextAttemptAt': { $gt: now } },
      { $set: { 'delivery.nextAttemptAt': now } },
    );
    return result.modifiedCount;
  }

  /** Sends dead entries back to the queue with a fresh attempt budget. */
  async replay(filter: { academyIds: 'all' | readonly string[]; ids?: string[] }, now: Date): Promise<number> {
    const query: Record<string, unknown> = { 'delivery.state': 'dead' };
    if (filter.academyIds !== 'all') query.academyId = { $in: [...filter.academyIds] };
    if (filter.ids) query._id = { $in: filter.ids };
    const result = await this.model.updateMany(query, {
      $set: { 'delivery.state': 'pending', 'delivery.attempts': 0, 'delivery.nextAttemptAt': now },
      $inc: { 'delivery.replays': 1 },
      $unset: { 'delivery.deadAt': '' },
    });
    return result.modifiedCount;
  }

  async counts(academyIds: 'all' | readonly string[]): Promise<Record<DeliveryState, number>> {
    const base: Record<string, unknown> = academyIds === 'all' ? {} : { academyId: { $in: [...academyIds] } };
    const states: DeliveryState[] = ['pending', 'delivering', 'delivered', 'dead'];
    const values = await Promise.all(states.map((state) => this.model.countDocuments({ ...base, 'delivery.state': state })));
    return Object.fromEntries(states.map((s, i) => [s, values[i]!])) as Record<DeliveryState, number>;
  }

  async list(filter: { academyIds: 'all' | readonly string[]; state?: DeliveryState; limit: number }): Promise<Array<{ id: string; academyId: string; centreUai: string; sessionNumber: number; publishedAt: Date; delivery: Delivery }>> {
    const query: Record<string, unknown> = {};
    if (filter.academyIds !== 'all') query.academyId = { $in: [...filter.academyIds] };
    if (filter.state) query['delivery.state'] = filter.state;
    const docs = await this.model.find(query).sort({ publishedAt: -1, _id: 1 }).limit(filter.limit).lean();
    return docs.map((d) => ({ id: d._id, academyId: d.academyId, centreUai: d.centreUai, sessionNumber: d.sessionNumber, publishedAt: d.publishedAt, delivery: d.delivery }));
  }

  async deliveryOf(id: string): Promise<Delivery | undefined> {
    return (await this.model.findById(id).lean())?.delivery;
  }
}
