import type { Logger } from '../../platform/logger.js';

/**
 * Work a request starts but need not wait for before answering: writes that only copy or
 * follow from something already committed, which a later read repairs if they never happen
 * (ADR 0062). Kept here so that stopping the module waits for them instead of cutting them.
 */
export class AfterResponse {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Starts `work` now (its first database call is queued before the response is sent). */
  run(what: string, work: () => Promise<void>): void {
    const running = work().catch((err: unknown) => this.log.warn({ err, what }, 'a write after the response failed: the next read of the assessment repairs it'));
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
  }

  /** Resolves when nothing is left running (work started meanwhile included). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
