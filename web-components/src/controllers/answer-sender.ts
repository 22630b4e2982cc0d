import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AnswerQueue } from '../api/answer-queue.js';
import { ApiRequestError, NetworkError, type PixApi } from '../api/client.js';
import type { SubmitAnswerRequest, SubmitAnswerResponse } from '../api/contract.js';

export interface Delivery {
  /** The server's answer to the last answer it accepted (its `next` is the step to show). */
  response?: SubmitAnswerResponse;
  /** An answer the server refused for good (e.g. CHALLENGE_NOT_CURRENT); it left the queue. */
  rejected?: ApiRequestError;
  /** How many answers were sent after the network had been lost (to tell the learner). */
  sentAfterOutage: number;
}

const MAX_DELAY_S = 30;

/**
 * Sends answers so that none is ever lost or recorded twice: each answer is stored in
 * the `AnswerQueue` (with its idempotency key) before the first attempt, and leaves it
 * only once the server has acknowledged it. Without a network (or with a 5xx), it
 * retries with backoff, at once when the browser says it is back online, or when the
 * learner asks; meanwhile `waiting` is true and `retryInSeconds` counts down.
 */
export class AnswerSender implements ReactiveController {
  /** True while an answer waits for the network. */
  waiting = false;
  retryInSeconds = 0;

  private chain: Promise<unknown> = Promise.resolve();
  private wake: (() => void) | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => PixApi,
    readonly queue = new AnswerQueue(),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.retryNow);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.retryNow);
    this.stopTicking();
  }

  /** Keeps the answer on the device, then delivers every pending answer of the assessment in order. */
  send(assessmentId: string, request: SubmitAnswerRequest): Promise<Delivery> {
    this.queue.put({ assessmentId, request, queuedAt: new Date().toISOString() });
    return this.flush(assessmentId);
  }

  /** Delivers what an earlier page (or a crash) left in the queue. */
  flush(assessmentId: string): Promise<Delivery> {
    const run = this.chain.then(() => this.deliver(assessmentId));
    this.chain = run.catch(() => undefined);
    return run;
  }

  hasPending(assessmentId: string): boolean {
    return this.queue.pending(assessmentId).length > 0;
  }

  /** Skips the wait before the next attempt. */
  readonly retryNow = () => {
    this.wake?.();
  };

  private async deliver(assessmentId: string): Promise<Delivery> {
    const result: Delivery = { sentAfterOutage: 0 };
    let attempt = 0;
    let outage = false;
    for (;;) {
      const entry = this.queue.pending(assessmentId)[0];
      if (!entry) break;
      try {
        result.response = await this.api().submitAnswer(assessmentId, entry.request);
        this.queue.remove(entry.request.idempotencyKey);
        if (outage) result.sentAfterOutage++;
        attempt = 0;
      } catch (err) {
        if (isTransient(err)) {
          outage = true;
          await this.waitBeforeRetry(++attempt);
          continue;
        }
        // An expired session keeps the answer: the next launch sends it.
        if (err instanceof ApiRequestError && err.status === 401) throw err;
        if (!(err instanceof ApiRequestError)) throw err;
        // Refused for good (validation, not the current question, assessment over):
        // resending would be refused again.
        this.queue.remove(entry.request.idempotencyKey);
        result.rejected = err;
      }
    }
    this.setWaiting(false);
    return result;
  }

  private waitBeforeRetry(attempt: number): Promise<void> {
    const delay = Math.min(MAX_DELAY_S, 2 ** attempt);
    this.retryInSeconds = delay;
    this.setWaiting(true);
    this.stopTicking();
    this.tick = setInterval(() => {
      this.retryInSeconds = Math.max(0, this.retryInSeconds - 1);
      this.host.requestUpdate();
    }, 1000);
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.stopTicking();
        resolve();
      };
      const timer = setTimeout(done, delay * 1000);
      this.wake = done;
    });
  }

  private setWaiting(waiting: boolean): void {
    if (this.waiting === waiting) return;
    this.waiting = waiting;
    this.host.requestUpdate();
  }

  private stopTicking(): void {
    if (this.tick !== undefined) clearInterval(this.tick);
    this.tick = undefined;
  }
}

function isTransient(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiRequestError && (err.status >= 500 || err.status === 429 || err.status === 408));
}
