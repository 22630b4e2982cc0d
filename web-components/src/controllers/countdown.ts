import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A countdown that cannot drift: it keeps a deadline on the monotonic clock and reads
 * it several times a second, re-rendering its host only when the displayed second
 * changes. It calls `onThreshold` once when each threshold (seconds left) is crossed,
 * and `onExpired` once at zero.
 */
export class CountdownController implements ReactiveController {
  remaining = 0;
  private deadline = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private pending = new Set<number>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: { thresholds: number[]; onThreshold(seconds: number): void; onExpired(): void },
  ) {
    host.addController(this);
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(remainingSeconds: number): void {
    this.stop();
    this.remaining = Math.max(0, Math.ceil(remainingSeconds));
    this.deadline = performance.now() + remainingSeconds * 1000;
    // Thresholds already behind us (a resumed question) are not announced again.
    this.pending = new Set(this.callbacks.thresholds.filter((t) => t < this.remaining));
    if (this.remaining === 0) {
      this.callbacks.onExpired();
      return;
    }
    this.timer = setInterval(() => this.tick(), 250);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  private tick(): void {
    const left = Math.max(0, Math.ceil((this.deadline - performance.now()) / 1000));
    if (left === this.remaining) return;
    this.remaining = left;
    this.host.requestUpdate();
    for (const threshold of [...this.pending]) {
      if (left <= threshold) {
        this.pending.delete(threshold);
        if (left > 0) this.callbacks.onThreshold(threshold);
      }
    }
    if (left === 0) {
      this.stop();
      this.callbacks.onExpired();
    }
  }
}
