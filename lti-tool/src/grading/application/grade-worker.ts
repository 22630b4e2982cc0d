import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/logger.js';
import type { GradeJob } from '../domain/grade.js';
import type { ClaimCandidate, GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';
import type { ClaimedJob, DeliveryResult } from './deliver-grade.js';

const BATCH_PER_LANE = 8;

export interface GradeWorkerOptions {
  /** Deliveries in flight at once in this instance. */
  concurrency: number;
  /** How often an idle worker looks for due grades (other instances' enqueues, retries coming due). */
  pollMs: number;
  /** How long a claimed grade stays with this worker before another may take it over (crash recovery). */
  leaseMs: number;
  /**
   * How often an idle worker reads the queue for due grades it was not told about (other
   * instances' enqueues, expired leases). Grades enqueued or retried in this instance are
   * known without reading.
   */
  scanIntervalMs: number;
}

export interface GradeWorkerDeps {
  jobs: Pick<GradeJobsRepository, 'due' | 'claim' | 'findById'>;
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
  private lastScan = 0;
  /** Grades this instance knows are due (enqueued, resent, retry time come), with their state then if known. */
  private readonly hinted = new Map<string, ClaimCandidate | undefined>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

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
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (!this.running) return;
    this.running = false;
    this.wake();
    await Promise.all(this.lanes);
    this.lanes = [];
  }

  /** Wakes idle lanes. */
  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /**
   * The grade `id` is due at `at` (now when absent): a lane claims it then, without reading
   * the queue. With `state` (its status and due time as written), the claim needs no read
   * first when the state is the whole grade, and a read by `_id` otherwise.
   */
  hint(id: string, at?: Date, state?: Omit<ClaimCandidate, 'id'>): void {
    const candidate = state && { ...state, id };
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    // Real time, bounded: a test clock may run ahead; the periodic read is the safety net.
    const wait = at ? at.getTime() - this.deps.clock().getTime() : 0;
    // +1 ms: Node may run a timer a millisecond before its time.
    const delay = wait > 0 ? Math.min(wait + 1, 3600_000) : 0;
    if (delay === 0) {
      this.hinted.set(id, candidate);
      this.wake();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.hinted.set(id, candidate);
      this.wake();
    }, delay);
    timer.unref();
    this.timers.set(id, timer);
  }

  /**
   * Delivers every grade due now, then returns how many attempts were made (tests, scripts).
   * Not to be mixed with `start()`.
   */
  async drain(): Promise<number> {
    let count = 0;
    for (;;) {
      const job = await this.claimNext(true);
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

  /**
   * The next due grade, claimed for this worker; undefined when none is due. Grades this
   * instance was told about come first (a read by id); the queue itself is read at most
   * every `scanIntervalMs` (always when `scan` is set), in batches.
   */
  private async claimNext(scan = false): Promise<ClaimedJob | undefined> {
    for (;;) {
      const hinted = this.hinted.entries().next();
      if (!hinted.done) {
        const [id, known] = hinted.value;
        this.hinted.delete(id);
        const job = known ?? (await this.deps.jobs.findById(id));
        if (!job || (job.status !== 'pending' && job.status !== 'delivering')) continue;
        const now = this.deps.clock();
        if (job.dueAt > now) {
          // Not yet (a timer may fire a millisecond early): look again when it is due.
          this.hint(id, job.dueAt, known);
          continue;
        }
        // A stale `known` state fails the compare-and-set; the queue read finds the grade later.
        const claimed = await this.deps.jobs.claim(job, now, this.options.leaseMs, randomUUID());
        if (claimed) return claimed;
        continue;
      }
      if (this.candidates.length === 0) {
        if (!scan && Date.now() - this.lastScan < this.options.scanIntervalMs && !this.reading) return undefined;
        this.reading ??= this.deps.jobs
          .due(this.deps.clock(), this.options.concurrency * BATCH_PER_LANE)
          .then((due) => {
            this.lastScan = Date.now();
            this.candidates = due.filter((job) => !this.hinted.has(job.id));
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
