import type { AssessmentDeps } from './assessment-deps.js';
import { sendGrade } from './send-grade.js';

/**
 * Finds shared results whose grade was never queued — the process stopped between
 * sharing and queueing — and queues them: a shared result always reaches the gradebook.
 * Runs in the background every `intervalMs` (and on demand in tests).
 */
export class GradeSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: AssessmentDeps,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer || !this.deps.grades) return;
    this.timer = setInterval(() => void this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'the grade sweep failed')), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many grades it queued. */
  sweep(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    if (!this.deps.grades) return 0;
    let queued = 0;
    for (const participation of await this.deps.participations.listAwaitingGrade(100)) {
      const [activity, shared] = await Promise.all([this.deps.activities.existing(participation.activity), this.deps.shared.find(participation.id)]);
      if (!activity || !shared) continue;
      if (await sendGrade(this.deps, { participation, activity, results: shared.results })) queued++;
    }
    if (queued > 0) this.deps.log.warn({ queued }, 'queued grades of shared results an interruption had left unsent');
    return queued;
  }
}
