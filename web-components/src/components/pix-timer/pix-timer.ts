import { html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CountdownController } from '../../controllers/countdown.js';
import { base, tokens } from '../../styles/theme.js';
import { PixElement } from '../../util/pix-element.js';
import { styles } from './pix-timer.styles.js';

/** Seconds left at which the time is announced (RGAA 13.1: warned at least 20 s ahead). */
const THRESHOLDS = [60, 20, 10];
const LOW = 20;

/**
 * The time left on a timed challenge, visible all along and announced politely when the
 * countdown starts, at 60, 20 and 10 seconds left, and when it ends. The visible count
 * itself is not a live region (`role="timer"` is silent), so a screen reader is not
 * interrupted every second.
 *
 * @fires pix-timer-expired - the time is over (once).
 * @csspart timer - the box showing the time left.
 */
@customElement('pix-timer')
export class PixTimer extends PixElement {
  static override styles = [tokens, base, styles];

  /** Seconds this learner is allowed (extra time included). */
  @property({ type: Number, attribute: 'allowed-seconds' }) allowedSeconds = 60;
  /** Seconds left when the timer starts (less than `allowedSeconds` on a resumed question). */
  @property({ type: Number, attribute: 'remaining-seconds' }) remainingSeconds = 60;

  @state() private announcement = '';
  private expired = false;

  private readonly countdown = new CountdownController(this, {
    thresholds: THRESHOLDS,
    onThreshold: (seconds) => (this.announcement = this.m.timer.left(this.m.common.duration(seconds))),
    onExpired: () => {
      if (this.expired) return;
      this.expired = true;
      this.announcement = this.m.timer.expired;
      this.emit('pix-timer-expired', undefined);
    },
  });

  /** Seconds left now. */
  get remaining(): number {
    return this.countdown.remaining;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.restart();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('remainingSeconds') || changed.has('allowedSeconds')) this.restart();
  }

  private restart(): void {
    this.expired = false;
    const left = Math.min(this.remainingSeconds, this.allowedSeconds);
    this.countdown.start(left);
    if (left > 0) this.announcement = this.m.timer.started(this.m.common.duration(left));
  }

  override render() {
    const left = this.countdown.remaining;
    const ratio = this.allowedSeconds > 0 ? left / this.allowedSeconds : 0;
    const cls = left === 0 ? 'over' : left <= LOW ? 'low' : '';
    const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    return html`
      <div class="timer ${cls}" part="timer" role="timer" aria-label=${this.m.timer.remaining(this.m.common.duration(left))}>
        <span class="hint" aria-hidden="true">${left === 0 ? this.m.timer.expired : this.m.timer.label}</span>
        <span class="value" aria-hidden="true">${clock}</span>
        <svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect width=${Math.round(ratio * 1000) / 10} height="8"></rect></svg>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-timer': PixTimer;
  }
}
