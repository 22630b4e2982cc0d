import { randomUUID } from 'node:crypto';
import type { ClaimedEntry } from '../infrastructure/outbox.repository.js';
import type { RegistryDeps } from './dependencies.js';
import { deliverEntry } from './deliver-entry.js';

export interface OutboxWorkerOptions {
  concurrency: number;
  pollIntervalMs: number;
}

/**
 * Delivers the outbox: claims due entries (leases make several instances safe) up to
 * `concurrency` at a time, claims more as soon as one finishes, and polls when idle.
 * `stop()` stops claiming and waits for the deliveries in flight (graceful shutdown);
 * a process killed mid-delivery leaves a lease that expires, and the entry is retried.
 */
export class OutboxWorker {
  readonly owner = `worker-${randomUUID().slice(0, 8)}`;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly deps: RegistryDeps,
    private readonly options: OutboxWorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming, then waits for the deliveries in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Makes an idle worker look for due entries now (after a publication). */
  nudge(): void {
    this.wake?.();
  }

  /** Claims and delivers until nothing is due; for tests and the CLI. Returns how many attempts ran. */
  async drainOnce(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const entries = await this.claimBatch(this.options.concurrency);
      if (entries.length === 0) return attempts;
      attempts += entries.length;
      await Promise.all(entries.map((entry) => deliverEntry(entry, this.deps)));
    }
  }

  private claimBatch(limit: number) {
    const now = this.deps.clock();
    return this.deps.outbox.claimBatch(this.owner, now, this.deps.policy.leaseMs, limit, this.deps.gates.blocked(now));
  }

  private launch(entry: ClaimedEntry): void {
    const task = deliverEntry(entry, this.deps)
      .then(() => undefined)
      .catch((err: unknown) => {
        // The lease will expire and another attempt will run; the probe, if this was one, is released.
        this.deps.gates.close(entry.result.academyId);
        this.deps.log.error({ err, certificationId: entry.result.id }, 'registry outbox: delivery crashed; the lease will expire and it will be retried');
      })
      .finally(() => {
        this.inFlight.delete(task);
        this.wake?.();
      });
    this.inFlight.add(task);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = false;
      // Claim when half the slots are free (or none is busy): one scan then claims several entries.
      const refill = Math.max(1, Math.floor(this.options.concurrency / 2));
      while (this.running && (this.inFlight.size === 0 || this.options.concurrency - this.inFlight.size >= refill)) {
        let entries;
        try {
          entries = await this.claimBatch(this.options.concurrency - this.inFlight.size);
        } catch (err) {
          this.deps.log.warn({ err }, 'registry outbox: claim failed');
          break;
        }
        if (entries.length === 0) break;
        claimed = true;
        for (const entry of entries) this.launch(entry);
      }
      if (!this.running) break;
      // Full, or nothing due: wait for a slot to free up, a nudge, or the poll interval.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, claimed && this.options.concurrency - this.inFlight.size >= refill ? 0 : this.options.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
