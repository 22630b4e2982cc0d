import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/logger.js';
import type { GradeJob } from '../domain/grade.js';
import type { GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';
import type { ClaimedJob, DeliveryResult } from './deliver-grade.js';

const BATCH_PER_LANE = 8;

export interface GradeWorkerOptions {
  /** Deliveries in flight at once in this instance. */
  concurrency: number;
  /** How often an idle worker looks for due grades (other instances' enqueues, retries coming due). */
  pollMs: number;
  /** How long a claimed grade stays with this worker before another may take it over (crash recovery). */
  leaseMs: number;
}

export interface GradeWorkerDeps {
  jobs: Pick<GradeJobsRepository, 'due' | 'claim'>;
  deliver(job: ClaimedJob): Promise<DeliveryResult>;
  log: Logger;
  clock: () => Date;
  onDelivery?(result: DeliveryResult, job: ClaimedJob): void;
}

/**
 * The delivery loop: `concurrency` lanes, each claiming the grade due first and
 * delivering it, sleeping when nothing is due until the poll interval passes or an
 * enqueue in this process wakes it. Any number of instances may run it: claims are
 * atomic, and a crashed instance's grades come back when their lease ends.
 */
export class GradeWorker {
  private running = false;
  private lanes: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  /** Due grades read in one query and shared by the lanes, each claimed on its own. */
  private candidates: GradeJob[] = [];
  private reading?: Promise<void>;

  constructor(
    private readonly deps: GradeWorkerDeps,
    private readonly options: GradeWorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lanes = Array.from({ length: this.options.concurrency }, (_, lane) => this.lane(lane));
  }

  /** Stops claiming and waits for the deliveries in flight (graceful shutdown). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await Promise.all(this.lanes);
    this.lanes = [];
  }

  /** A grade was enqueued here: deliver it now rather than at the next poll. */
  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /**
   * Delivers every grade due now, then returns how many attempts were made (tests, scripts).
   * Not to be mixed with `start()`.
   */
  async drain(): Promise<number> {
    let count = 0;
    for (;;) {
      const job = await this.claimNext();
      if (!job) return count;
      count += 1;
      // Not `onDelivery?.(await deliver(job))`: an absent callback would skip the delivery itself.
      const result = await this.deps.deliver(job);
      this.deps.onDelivery?.(result, job);
    }
  }

  private async lane(lane: number): Promise<void> {
    let idleFailures = 0;
    while (this.running) {
      let job: ClaimedJob | undefined;
      try {
        job = await this.claimNext();
        idleFailures = 0;
      } catch (err) {
        idleFailures += 1;
        if (idleFailures === 1) this.deps.log.error({ err, lane }, 'cannot claim grades (database unavailable?); retrying');
        await this.sleep(Math.min(this.options.pollMs * 2 ** idleFailures, 30_000));
        continue;
      }
      if (!job) {
        await this.sleep(this.options.pollMs);
        continue;
      }
      try {
        const result = await this.deps.deliver(job);
        this.deps.onDelivery?.(result, job);
      } catch (err) {
        // deliverGrade records its own failures; this is the database failing under it. The lease brings the grade back.
        this.deps.log.error({ err, gradeId: job.id }, 'could not record a grade delivery; the grade will be retried after its lease');
        await this.sleep(this.options.pollMs);
      }
    }
  }

  /** The next due grade, claimed for this worker; undefined when none is due. */
  private async claimNext(): Promise<ClaimedJob | undefined> {
    for (;;) {
      if (this.candidates.length === 0) {
        this.reading ??= this.deps.jobs
          .due(this.deps.clock(), this.options.concurrency * BATCH_PER_LANE)
          .then((due) => {
            this.candidates = due;
          })
          .finally(() => (this.reading = undefined));
        await this.reading;
        if (this.candidates.length === 0) return undefined;
      }
      const candidate = this.candidates.shift()!;
      const claimed = await this.deps.jobs.claim(candidate, this.deps.clock(), this.options.leaseMs, randomUUID());
      if (claimed) return claimed;
      // Taken by another worker or changed since it was read: the next candidate.
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.sleepers.add(done);
    });
  }
}
