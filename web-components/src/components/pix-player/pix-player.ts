import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiRequestError, NetworkError, type PixApi } from '../../api/client.js';
import type { AssessmentResults, AssessmentSummary, NextStep, SubmitAnswerRequest } from '../../api/contract.js';
import { newIdempotencyKey } from '../../api/answer-queue.js';
import { AnswerSender, type Delivery } from '../../controllers/answer-sender.js';
import type { AnswerDetail } from '../../events/events.js';
import { base, tokens } from '../../styles/theme.js';
import { PixElement } from '../../util/pix-element.js';
import '../pix-challenge/pix-challenge.js';
import '../pix-checkpoint/pix-checkpoint.js';
import '../pix-results/pix-results.js';
import { styles } from './pix-player.styles.js';

type View =
  | { kind: 'loading'; text?: string }
  | { kind: 'error'; code: string; requestId?: string; retry?: () => void }
  | { kind: 'intro' }
  | { kind: 'step'; step: Exclude<NextStep, { kind: 'completed' }> }
  | { kind: 'results'; results: AssessmentResults };

/**
 * The student's whole test: start or resume, each challenge, the checkpoint every 5
 * answers, the end with results and sharing. Answers go through the `AnswerSender`, so
 * an answer given while the network is down is kept on the device and sent when it
 * returns, exactly once.
 *
 * Focus moves to the heading of each new screen (question, checkpoint, results), and a
 * polite live region says what happened ("Réponse enregistrée. Question 4.").
 *
 * @fires pix-assessment-completed - the results are shown (`{ assessmentId }`).
 * @csspart card - each screen's card.
 */
@customElement('pix-player')
export class PixPlayer extends PixElement {
  static override styles = [tokens, base, styles];

  /** The API client (bearer token inside). */
  @property({ attribute: false }) api?: PixApi;
  /** ENT pages: the campaign to join. In an LTI launch the activity comes from the launch. */
  @property({ attribute: 'campaign-code' }) campaignCode?: string;

  @state() private view: View = { kind: 'loading' };
  @state() private busy = false;
  @state() private announcement = '';
  @state() private restored = '';
  @state() private sharing = false;
  @state() private shareAnnouncement = '';

  private assessment?: AssessmentSummary;
  private pendingStep?: NextStep;
  private readonly sender = new AnswerSender(this, () => this.api!);
  private started = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.started) {
      this.started = true;
      void this.load();
    }
  }

  /** Starts (or resumes) the assessment, delivering first any answer left on this device. */
  private async load(): Promise<void> {
    if (!this.api) return this.fail('TOKEN_MISSING');
    this.view = { kind: 'loading' };
    try {
      const started = await this.api.startAssessment(this.campaignCode ? { campaignCode: this.campaignCode } : {});
      this.assessment = started.assessment;
      let next = started.next;
      if (this.sender.hasPending(started.assessment.id)) {
        const delivery = await this.sender.flush(started.assessment.id);
        next = (await this.afterDelivery(delivery)) ?? next;
        this.assessment = { ...started.assessment, progress: next.progress };
      }
      if (started.assessment.status === 'completed' && next.kind === 'completed') return this.showStep(next, false);
      this.pendingStep = next;
      this.view = { kind: 'intro' };
    } catch (err) {
      this.failWith(err, () => void this.load());
    }
  }

  override render(): TemplateResult {
    return html`
      <div role="region" aria-labelledby="activity-title">
        <h1 id="activity-title" class="title">${this.assessment?.activity.title ?? this.m.player.regionLabel}</h1>
        ${this.sender.waiting ? this.renderOffline() : nothing}
        ${this.restored ? html`<div class="notice success"><p class="notice-title">${this.m.player.resentTitle}</p><p>${this.restored}</p></div>` : nothing}
        ${this.renderView()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
    `;
  }

  private renderView(): TemplateResult | typeof nothing {
    const v = this.view;
    switch (v.kind) {
      case 'loading':
        return html`<p class="center muted" role="status">${v.text ?? this.m.common.loading}</p>`;
      case 'error':
        return html`<div class="card" part="card">
          <h2 id="error-heading" tabindex="-1">${this.m.common.errorTitle}</h2>
          <p>${this.errorText(v.code)}</p>
          ${v.requestId ? html`<p class="muted">${this.m.common.requestId(v.requestId)}</p>` : nothing}
          ${v.retry ? html`<div class="actions"><button type="button" @click=${v.retry}>${this.m.common.retry}</button></div>` : nothing}
        </div>`;
      case 'intro':
        return this.renderIntro();
      case 'step':
        return this.renderStep(v.step);
      case 'results':
        return html`<pix-results
          .results=${v.results}
          ?sharing=${this.sharing}
          announcement=${this.shareAnnouncement}
          @pix-share=${this.onShare}
        ></pix-results>`;
    }
  }

  private renderIntro(): TemplateResult {
    const a = this.assessment!;
    const resumed = a.progress.answered > 0;
    return html`<section class="card intro" part="card" aria-labelledby="intro-heading">
      <h2 id="intro-heading" tabindex="-1">${resumed ? this.m.player.resumeTitle : this.m.player.startTitle}</h2>
      ${a.activity.description ? html`<p>${a.activity.description}</p>` : nothing}
      ${a.activity.code ? html`<p class="muted">${this.m.player.campaignCode(a.activity.code)}</p>` : nothing}
      ${resumed ? html`<p class="notice">${this.m.player.resumeInfo(a.progress.answered)}</p>` : nothing}
      <ul>
        <li>${this.m.player.startIntro}</li>
        <li>${this.m.player.startSaved}</li>
        <li>${this.m.player.startNotices}</li>
      </ul>
      <div class="actions">
        <button type="button" @click=${() => this.showStep(this.pendingStep!, true)}>${resumed ? this.m.player.resume : this.m.player.start}</button>
      </div>
    </section>`;
  }

  private renderStep(step: Exclude<NextStep, { kind: 'completed' }>): TemplateResult {
    const p = step.progress;
    const bar = p.total
      ? html`<div class="progress">
          <label for="progress">${this.m.player.progressLabel}</label>
          <progress id="progress" max=${p.total} .value=${p.answered}></progress>
          <span>${p.answered}/${p.total}</span>
        </div>`
      : nothing;
    if (step.kind === 'checkpoint') {
      return html`${bar}<pix-checkpoint .checkpoint=${step.checkpoint} ?busy=${this.busy} @pix-checkpoint-continue=${this.onCheckpointContinue}></pix-checkpoint>`;
    }
    return html`${bar}<pix-challenge
        .challenge=${step.challenge}
        .state=${step.state}
        .progress=${step.progress}
        ?busy=${this.busy}
        @pix-answer=${this.onAnswer}
        @pix-challenge-start=${this.onChallengeStart}
        @pix-focus-lost=${this.onFocusLost}
      ></pix-challenge>`;
  }

  private renderOffline(): TemplateResult {
    return html`<div class="notice warning" role="status">
      <p class="notice-title">${this.m.player.offlineTitle}</p>
      <p>${this.m.player.offlineText}</p>
      ${this.sender.queue.persistent ? nothing : html`<p><strong>${this.m.player.offlineMemoryOnly}</strong></p>`}
      <p>${this.m.player.offlineRetryIn(this.sender.retryInSeconds)}</p>
      <button type="button" class="secondary" @click=${this.sender.retryNow}>${this.m.player.retryNow}</button>
    </div>`;
  }

  private async showStep(step: NextStep, moveFocus: boolean): Promise<void> {
    if (step.kind === 'completed') {
      this.view = { kind: 'loading', text: this.m.player.loadingResults };
      try {
        const results = await this.api!.getResults(this.assessment!.id);
        this.view = { kind: 'results', results };
        this.announcement = this.m.player.completedTitle;
        this.emit('pix-assessment-completed', { assessmentId: this.assessment!.id });
        await this.focusScreen('pix-results');
      } catch (err) {
        this.failWith(err, () => void this.showStep(step, moveFocus));
      }
      return;
    }
    this.view = { kind: 'step', step };
    if (moveFocus) await this.focusScreen(step.kind === 'checkpoint' ? 'pix-checkpoint' : 'pix-challenge');
    // For the UI benchmark: when the first question can be answered.
    if (step.kind === 'challenge' && !performance.getEntriesByName('pix:challenge-interactive').length) performance.mark('pix:challenge-interactive');
  }

  private async focusScreen(tag: 'pix-challenge' | 'pix-checkpoint' | 'pix-results'): Promise<void> {
    await this.updateComplete;
    await this.renderRoot.querySelector(tag)?.focusHeading();
  }

  private async onAnswer(event: CustomEvent<AnswerDetail>): Promise<void> {
    if (this.busy || !this.assessment) return;
    const d = event.detail;
    const request: SubmitAnswerRequest = {
      idempotencyKey: newIdempotencyKey(),
      challengeId: d.challengeId,
      value: d.value,
      timedOut: d.timedOut,
      focusedOut: d.focusedOut,
      timeSpentSeconds: d.timeSpentSeconds,
      answeredAt: new Date().toISOString(),
    };
    this.busy = true;
    this.restored = '';
    try {
      const delivery = await this.sender.send(this.assessment.id, request);
      const next = await this.afterDelivery(delivery);
      if (next) {
        if (next.kind === 'challenge') this.announcement = this.m.player.answerSaved(next.state.number);
        await this.showStep(next, true);
      }
    } catch (err) {
      this.failWith(err);
    } finally {
      this.busy = false;
    }
  }

  /** The step to show after answers were delivered (or refused as no longer current). */
  private async afterDelivery(delivery: Delivery): Promise<NextStep | undefined> {
    if (delivery.sentAfterOutage > 0) this.restored = this.m.player.resent(delivery.sentAfterOutage);
    if (delivery.response && !delivery.rejected) return delivery.response.next;
    if (delivery.rejected && !['CHALLENGE_NOT_CURRENT', 'ASSESSMENT_COMPLETED'].includes(delivery.rejected.code)) throw delivery.rejected;
    if (delivery.rejected) this.restored = this.m.player.notCurrent;
    return (await this.api!.getNextStep(this.assessment!.id)).next;
  }

  private async onChallengeStart(event: CustomEvent<{ challengeId: string }>): Promise<void> {
    const v = this.view;
    if (this.busy || v.kind !== 'step' || v.step.kind !== 'challenge') return;
    this.busy = true;
    try {
      const { state } = await this.api!.startChallenge(this.assessment!.id, event.detail.challengeId);
      this.view = { kind: 'step', step: { ...v.step, state } };
      await this.focusScreen('pix-challenge');
    } catch (err) {
      this.failWith(err, () => void this.showStep(v.step, true));
    } finally {
      this.busy = false;
    }
  }

  private onFocusLost(event: CustomEvent<{ challengeId: string }>): void {
    // The answer carries `focusedOut` too, so a lost notice loses nothing.
    this.api?.focusLost(this.assessment!.id, event.detail.challengeId).catch(() => undefined);
  }

  private async onCheckpointContinue(event: CustomEvent<{ checkpointId: string }>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { next } = await this.api!.acknowledgeCheckpoint(this.assessment!.id, event.detail.checkpointId);
      await this.showStep(next, true);
    } catch (err) {
      this.failWith(err, () => void this.reloadStep());
    } finally {
      this.busy = false;
    }
  }

  private async reloadStep(): Promise<void> {
    try {
      const { next } = await this.api!.getNextStep(this.assessment!.id);
      await this.showStep(next, true);
    } catch (err) {
      this.failWith(err, () => void this.reloadStep());
    }
  }

  private async onShare(): Promise<void> {
    const v = this.view;
    if (v.kind !== 'results' || this.sharing) return;
    this.sharing = true;
    try {
      const { sharing } = await this.api!.shareResults(this.assessment!.id);
      this.view = { kind: 'results', results: { ...v.results, sharing } };
      this.shareAnnouncement = this.m.results.shared(this.m.common.dateTime(sharing.sharedAt ?? new Date().toISOString()));
    } catch (err) {
      this.failWith(err, () => void this.showStep({ kind: 'completed', progress: this.assessment!.progress }, true));
    } finally {
      this.sharing = false;
    }
  }

  private fail(code: string): void {
    this.view = { kind: 'error', code };
  }

  private failWith(err: unknown, retry?: () => void): void {
    if (err instanceof ApiRequestError) {
      const canRetry = err.status >= 500 || err.status === 409;
      this.view = { kind: 'error', code: err.code, requestId: err.requestId, retry: canRetry ? retry : undefined };
    } else if (err instanceof NetworkError) {
      this.view = { kind: 'error', code: 'NETWORK', retry };
    } else {
      console.error(err);
      this.view = { kind: 'error', code: 'unknown', retry };
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#error-heading')?.focus());
  }

  private errorText(code: string): string {
    const errors = this.m.errors as Record<string, string>;
    return errors[code] ?? errors.unknown!;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-player': PixPlayer;
  }
}
