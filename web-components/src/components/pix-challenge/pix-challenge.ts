import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AssessmentProgress, ChallengeState, ChallengeView } from '../../api/contract.js';
import { FocusWatchController } from '../../controllers/focus-watch.js';
import type { AnswerDetail } from '../../events/events.js';
import { base, tokens } from '../../styles/theme.js';
import { PixElement } from '../../util/pix-element.js';
import { contentHtml } from '../../util/sanitize.js';
import '../pix-timer/pix-timer.js';
import { checkDraft, emptyDraft, fieldsOf, valueOf, type Draft, type FieldPart } from './answer-form.js';
import { styles } from './pix-challenge.styles.js';

/**
 * One challenge of any type (QCU radio group, QCM checkboxes, QROC, QROCM-ind,
 * QROCM-dep), with its illustration, attachments and simulator, the briefing before a
 * timed or focused challenge, the timer, focus mode, "Je passe" and "Je valide".
 * It does not talk to the server: it fires events and its host sends them.
 *
 * @fires pix-answer - validated, skipped, or carried on after the time ran out (`AnswerDetail`).
 * @fires pix-challenge-start - the learner pressed "start" on a timed or focused challenge.
 * @fires pix-focus-lost - the page lost focus during a focused challenge.
 * @csspart card - the challenge's card.
 */
@customElement('pix-challenge')
export class PixChallenge extends PixElement {
  static override styles = [tokens, base, styles];

  @property({ attribute: false }) challenge?: ChallengeView;
  @property({ attribute: false }) state: ChallengeState = { number: 1, focusedOut: false };
  @property({ attribute: false }) progress?: AssessmentProgress;
  /** An answer is being sent: the buttons say so and do nothing more. */
  @property({ type: Boolean }) busy = false;

  @state() private draft: Draft = emptyDraft();
  @state() private problem?: { message: string; invalidKeys: string[] };
  @state() private timedOut = false;
  @state() private focusedOut = false;
  @state() private embedAnswered = false;

  @query('#question-heading') private heading?: HTMLElement;

  private shownAt = performance.now();
  private readonly focusWatch = new FocusWatchController(this);

  /** Moves the keyboard focus to the question's heading (after a new question appears). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.heading?.focus();
  }

  private get needsBriefing(): boolean {
    const c = this.challenge;
    return !!c && (!!c.timer || c.focused) && !this.state.startedAt;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('challenge') && changed.get('challenge')?.id !== this.challenge?.id) {
      this.draft = emptyDraft();
      this.problem = undefined;
      this.timedOut = this.state.remainingSeconds === 0;
      this.embedAnswered = false;
      this.shownAt = performance.now();
    }
    if (changed.has('state')) {
      this.focusedOut = this.state.focusedOut;
      if (this.state.remainingSeconds === 0) this.timedOut = true;
      if (changed.get('state')?.startedAt !== this.state.startedAt) this.shownAt = performance.now();
    }
  }

  protected override updated(): void {
    const watching = !!this.challenge?.focused && !this.needsBriefing && !this.focusedOut && !this.busy;
    if (watching) this.focusWatch.watch(() => this.onFocusLost());
    else this.focusWatch.unwatch();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onEmbedMessage);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onEmbedMessage);
    super.disconnectedCallback();
  }

  override render() {
    const c = this.challenge;
    if (!c) return nothing;
    const contentLang = c.locale.slice(0, 2) !== this.uiLocale ? c.locale : undefined;
    return html`
      <section class="card" part="card" aria-labelledby="question-heading">
        <header>
          <h2 id="question-heading" tabindex="-1">${this.m.player.questionNumber(this.state.number, this.progress?.total)}</h2>
          <p class="competence muted">${this.m.challenge.competence(c.competence.code, c.competence.name)}</p>
        </header>
        ${this.needsBriefing ? this.renderBriefing(c) : this.renderQuestion(c, contentLang)}
      </section>
    `;
  }

  private renderBriefing(c: ChallengeView): TemplateResult {
    const base = c.timer;
    const allowed = this.state.allowedSeconds ?? base;
    return html`
      ${base && allowed
        ? html`<div class="notice warning">
            <p class="notice-title">${this.m.challenge.timedTitle}</p>
            <p>${this.m.challenge.timedText(this.m.common.duration(allowed))}</p>
            ${allowed > base ? html`<p>${this.m.challenge.timedExtra(this.m.common.duration(allowed - base))}</p>` : nothing}
            <p>${this.m.challenge.timedEssential}</p>
          </div>`
        : nothing}
      ${c.focused
        ? html`<div class="notice">
            <p class="notice-title">${this.m.challenge.focusTitle}</p>
            <p>${this.m.challenge.focusText}</p>
          </div>`
        : nothing}
      <div class="actions">
        <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.onStart}>${this.m.challenge.startQuestion}</button>
      </div>
    `;
  }

  private renderQuestion(c: ChallengeView, contentLang: string | undefined): TemplateResult {
    const errorId = this.problem ? 'answer-error' : undefined;
    return html`
      ${c.timer
        ? html`<pix-timer
            allowed-seconds=${this.state.allowedSeconds ?? c.timer}
            remaining-seconds=${this.state.remainingSeconds ?? this.state.allowedSeconds ?? c.timer}
            @pix-timer-expired=${this.onTimerExpired}
          ></pix-timer>`
        : nothing}
      ${c.focused && !this.focusedOut ? html`<p class="notice">${this.m.challenge.focusReminder}</p>` : nothing}
      ${this.focusedOut
        ? html`<div class="notice warning">
            <p class="notice-title">${this.m.challenge.focusedOutTitle}</p>
            <p>${this.m.challenge.focusedOutText}</p>
          </div>`
        : nothing}
      <div class="instruction" id="instruction" lang=${contentLang ?? nothing}>${contentHtml(c.instructionHtml)}</div>
      ${c.illustration ? html`<figure><img src=${c.illustration.url} alt=${c.illustration.alt} /></figure>` : nothing}
      ${c.embed
        ? html`<iframe
            src=${c.embed.url}
            title=${c.embed.title}
            height=${c.embed.height}
            sandbox="allow-scripts allow-same-origin allow-forms allow-popups"
            referrerpolicy="no-referrer"
          ></iframe>`
        : nothing}
      ${c.attachments.length
        ? html`<div class="attachments">
            <h3>${this.m.challenge.attachments}</h3>
            <ul>
              ${c.attachments.map((a) => html`<li><a href=${a.url} download>${this.m.challenge.attachmentLink(a.name, formatOf(a.url))}</a></li>`)}
            </ul>
          </div>`
        : nothing}
      <form novalidate @submit=${this.onSubmit} lang=${contentLang ?? nothing}>
        ${c.response.kind === 'choices' ? this.renderChoices(c.response.multiple, c.response.choices, errorId) : this.renderFields(c, errorId)}
        ${this.problem ? html`<p id="answer-error" class="notice error" role="alert">${this.problem.message}</p>` : nothing}
        ${this.timedOut
          ? html`<div class="notice warning" role="alert">
              <p class="notice-title">${this.m.challenge.timedOutTitle}</p>
              <p>${this.m.challenge.timedOutText}</p>
            </div>`
          : nothing}
        <div class="actions" lang=${this.uiLocale}>
          ${this.timedOut
            ? html`<button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.m.player.sending : this.m.common.continue}</button>`
            : html`<button type="button" class="secondary" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.onSkip}>${this.m.challenge.skip}</button>
                <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? this.m.player.sending : this.m.challenge.validate}</button>`}
        </div>
      </form>
    `;
  }

  private renderChoices(multiple: boolean, choices: { value: number; html: string }[], errorId: string | undefined): TemplateResult {
    return html`
      <fieldset aria-describedby=${errorId ?? nothing}>
        <legend lang=${this.uiLocale}>${multiple ? this.m.challenge.chooseMany : this.m.challenge.chooseOne}</legend>
        <div class="choices">
          ${choices.map(
            (choice) => html`
              <label class="choice">
                <input
                  type=${multiple ? 'checkbox' : 'radio'}
                  name="choice"
                  value=${choice.value}
                  .checked=${this.draft.choices.includes(choice.value)}
                  @change=${(e: Event) => this.toggleChoice(choice.value, (e.target as HTMLInputElement).checked, multiple)}
                />
                <span>${contentHtml(choice.html)}</span>
              </label>
            `,
          )}
        </div>
      </fieldset>
    `;
  }

  private renderFields(c: ChallengeView, errorId: string | undefined): TemplateResult {
    if (c.response.kind !== 'fields') return html``;
    if (c.embed?.autoReply) {
      return html`<p class="notice" role="status">${this.embedAnswered ? this.m.challenge.embedAnswered : this.m.challenge.embedWaiting}</p>`;
    }
    const parts = c.response.parts;
    const fields = fieldsOf(c);
    // A lone field, or fields with no text around them, get visible labels above; blanks inside text are labelled for assistive technologies.
    const inline = parts.some((p) => p.type === 'text') && !(fields.length === 1 && parts.length === 1);
    if (!inline) return html`<div class="fields">${fields.map((f) => html`<div class="field">${this.renderControl(f, errorId, false)}</div>`)}</div>`;
    return html`<p class="layout">
      ${parts.map((part) => (part.type === 'text' ? contentHtml(part.html) : part.type === 'break' ? html`<br />` : this.renderControl(part, errorId, true)))}
    </p>`;
  }

  private renderControl(field: FieldPart, errorId: string | undefined, inline: boolean): TemplateResult {
    const id = `field-${field.key}`;
    const invalid = this.problem?.invalidKeys.includes(field.key) ?? false;
    const value = this.draft.fields[field.key] ?? '';
    const onInput = (e: Event) => this.setField(field.key, (e.target as HTMLInputElement).value);
    const label = html`<label for=${id} class=${inline ? 'visually-hidden' : ''}>${field.label}</label>`;
    const described = invalid ? errorId : undefined;
    if (field.input === 'select') {
      return html`${label}<select id=${id} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${described ?? nothing} @change=${onInput}>
          <option value="" ?selected=${value === ''}>${this.m.challenge.chooseOption}</option>
          ${(field.options ?? []).map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
        </select>`;
    }
    return html`${label}<input
        id=${id}
        type="text"
        class=${field.input}
        size=${field.size ? Math.min(40, Math.max(4, field.size + 2)) : nothing}
        .value=${value}
        inputmode=${field.input === 'number' ? 'decimal' : 'text'}
        autocomplete="off"
        spellcheck="false"
        placeholder=${field.placeholder ?? nothing}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${described ?? nothing}
        @input=${onInput}
      />${field.unit ? html`<span class="unit">${field.unit}</span>` : nothing}`;
  }

  private toggleChoice(value: number, checked: boolean, multiple: boolean): void {
    const current = multiple ? this.draft.choices.filter((c) => c !== value) : [];
    this.draft = { ...this.draft, choices: checked ? [...current, value] : current };
    this.problem = undefined;
  }

  private setField(key: string, value: string): void {
    this.draft = { ...this.draft, fields: { ...this.draft.fields, [key]: value } };
    if (this.problem?.invalidKeys.includes(key)) this.problem = undefined;
  }

  private onStart(): void {
    if (this.busy || !this.challenge) return;
    this.emit('pix-challenge-start', { challengeId: this.challenge.id });
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    if (this.busy || !this.challenge) return;
    if (!this.timedOut) {
      const problem = checkDraft(this.challenge, this.draft, this.m);
      if (problem) {
        this.problem = problem;
        void this.focusFirstInvalid();
        return;
      }
    }
    this.send(false);
  }

  private onSkip(): void {
    if (this.busy) return;
    this.send(true);
  }

  private send(skipped: boolean): void {
    const c = this.challenge!;
    this.focusWatch.unwatch();
    const detail: AnswerDetail = {
      challengeId: c.id,
      value: skipped ? { kind: 'skip' } : valueOf(c, this.draft),
      timedOut: this.timedOut,
      focusedOut: this.focusedOut,
      timeSpentSeconds: Math.max(0, Math.round((performance.now() - this.shownAt) / 1000)),
    };
    this.emit('pix-answer', detail);
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    const key = this.problem?.invalidKeys[0];
    const target = key ? this.renderRoot.querySelector<HTMLElement>(`#field-${CSS.escape(key)}`) : this.renderRoot.querySelector<HTMLElement>('input[name="choice"]');
    target?.focus();
  }

  private onTimerExpired(): void {
    this.timedOut = true;
    this.problem = undefined;
  }

  private onFocusLost(): void {
    if (!this.challenge || this.focusedOut) return;
    this.focusedOut = true;
    this.emit('pix-focus-lost', { challengeId: this.challenge.id });
  }

  private readonly onEmbedMessage = (event: MessageEvent) => {
    const c = this.challenge;
    const frame = this.renderRoot.querySelector('iframe');
    if (!c?.embed?.autoReply || !frame || event.source !== frame.contentWindow) return;
    const data = event.data as { from?: string; type?: string; answer?: unknown } | string;
    const answer = typeof data === 'string' ? data : data?.from === 'pix' && data.type === 'answer' ? data.answer : undefined;
    const key = fieldsOf(c)[0]?.key;
    if (typeof answer !== 'string' || !key) return;
    this.setField(key, answer);
    this.embedAnswered = true;
  };
}

/** "scores.ods" → "ODS"; the format a download link announces. */
function formatOf(url: string): string {
  const match = /\.([a-z0-9]{1,6})(?:[?#]|$)/i.exec(url);
  return match ? match[1]! : '';
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-challenge': PixChallenge;
  }
}
