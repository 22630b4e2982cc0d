import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { CandidateCertificationApi } from '../../api/certification-client.js';
import { ApiRequestError, PixApi } from '../../api/client.js';
import type * as C from '../../api/contract.js';
import type { AnswerDetail } from '../../events/events.js';
import { certificationMessagesFor, type CertificationMessages } from '../../i18n/certification.js';
import { base, tokens } from '../../styles/theme.js';
import { defaultApiBase } from '../../util/api-base.js';
import { PixElement } from '../../util/pix-element.js';
import '../pix-challenge/pix-challenge.js';
import { styles } from './pix-certification-candidate.styles.js';

/** How often the waiting screen asks whether the invigilator admitted, paused or resumed. */
const WAIT_POLL_MS = 3000;
/** How often the question screen checks for a pause or an end decided by the invigilator. */
const RUN_POLL_MS = 10_000;
/** Minutes left at which the time is announced (the count itself is a silent timer). */
const ANNOUNCE_AT_MINUTES = [30, 15, 5, 1];

type View =
  | { kind: 'join' }
  | { kind: 'course'; course: C.CandidateCourseView }
  | { kind: 'question'; question: Extract<C.CandidateQuestionResponse, { kind: 'question' }>; startedAt?: string }
  | { kind: 'error'; message: string; retry?: () => void };

/**
 * The candidate's certification screens: join (session number, access code, identity),
 * wait for the invigilator, start, the 32 questions of the live flash test with the time
 * left (server clock) and "Signaler un problème", then the end. A closed browser resumes
 * at the same question after joining again. Cookie-less: the launch's bearer token only.
 *
 * ```html
 * <pix-certification-candidate token="…" lang="fr"></pix-certification-candidate>
 * ```
 */
@customElement('pix-certification-candidate')
export class PixCertificationCandidate extends PixElement {
  static override styles = [tokens, base, ...styles];

  /** Set by `<pix-launch-app>`; otherwise built from `token` and `api-base`. */
  @property({ attribute: false }) api?: PixApi;
  @property() token = '';
  @property({ attribute: 'api-base' }) apiBase = '';

  @state() private view: View = { kind: 'join' };
  @state() private busy = false;
  @state() private formError = '';
  @state() private announcement = '';
  @state() private remaining?: number;
  @state() private reporting = false;
  @state() private reportNotice = '';

  @query('h1, h2') private heading?: HTMLElement;

  private cert?: CandidateCertificationApi;
  private courseId?: string;
  private poll?: ReturnType<typeof setTimeout>;
  private tick?: ReturnType<typeof setInterval>;
  private announced = new Set<number>();

  private get c(): CertificationMessages['candidate'] {
    return certificationMessagesFor(this.uiLocale).candidate;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.cert = new CandidateCertificationApi(this.api ?? new PixApi({ apiBase: this.apiBase || defaultApiBase(), token: this.token }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.poll);
    clearInterval(this.tick);
  }

  override render(): TemplateResult {
    return html`<section aria-labelledby="cert-title">
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderView()}
    </section>`;
  }

  private renderView(): TemplateResult {
    const v = this.view;
    switch (v.kind) {
      case 'join':
        return this.renderJoin();
      case 'course':
        return this.renderCourse(v.course);
      case 'question':
        return this.renderQuestion(v.question, v.startedAt);
      case 'error':
        return html`<h1 id="cert-title" tabindex="-1">${this.m.common.errorTitle}</h1>
          <p class="notice error" role="alert">${v.message}</p>
          ${v.retry ? html`<button type="button" @click=${v.retry}>${this.m.common.retry}</button>` : nothing}`;
    }
  }

  private renderJoin(): TemplateResult {
    const c = this.c;
    return html`<h1 id="cert-title" tabindex="-1">${c.title}</h1>
      <p>${c.joinIntro}</p>
      <form class="card" novalidate @submit=${this.onJoin} aria-describedby=${this.formError ? 'join-error' : nothing}>
        ${this.formError ? html`<p id="join-error" class="notice error" role="alert" tabindex="-1">${this.formError}</p>` : nothing}
        <label for="session-number">${c.sessionNumber}</label>
        <input id="session-number" name="sessionNumber" inputmode="numeric" autocomplete="off" required />
        <label for="access-code">${c.accessCode} <span class="hint" id="access-code-hint">(${c.accessCodeHint})</span></label>
        <input id="access-code" name="accessCode" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="access-code-hint" />
        <label for="first-name">${c.firstName}</label>
        <input id="first-name" name="firstName" autocomplete="given-name" required />
        <label for="last-name">${c.lastName}</label>
        <input id="last-name" name="lastName" autocomplete="family-name" required />
        <label for="birthdate">${c.birthdate}</label>
        <input id="birthdate" name="birthdate" type="date" autocomplete="bday" />
        <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${c.join}</button></div>
      </form>`;
  }

  private renderCourse(course: C.CandidateCourseView): TemplateResult {
    const c = this.c;
    if (course.state === 'ended') {
      return html`<h1 id="cert-title" tabindex="-1">${c.endTitle}</h1>
        <p class="notice success">${c.endText[course.endReason ?? 'completed']}</p>
        <p>${c.answered(course.answered)}</p>
        <p>${c.endResults}</p>`;
    }
    if (course.state === 'admitted') {
      return html`<h1 id="cert-title" tabindex="-1">${c.admittedTitle}</h1>
        <p>${c.admittedText(Math.round(course.allowedSeconds / 60))}</p>
        <div class="actions"><button type="button" @click=${this.onStart} aria-disabled=${this.busy ? 'true' : 'false'}>${c.start}</button></div>`;
    }
    if (course.state === 'paused') {
      return html`<h1 id="cert-title" tabindex="-1">${c.pausedTitle}</h1>
        <p>${c.pausedText}</p>
        ${this.renderClock()}`;
    }
    return html`<h1 id="cert-title" tabindex="-1">${c.waitingTitle}</h1>
      <p>${c.waitingText(course.session.number, course.session.room)}</p>`;
  }

  private renderClock(): TemplateResult | typeof nothing {
    if (this.remaining === undefined) return nothing;
    return html`<p>
      <span id="clock-label">${this.c.timeLeft}</span> :
      <span class="clock" role="timer" aria-labelledby="clock-label">${this.m.common.duration(Math.max(0, this.remaining))}</span>
    </p>`;
  }

  private renderQuestion(q: Extract<C.CandidateQuestionResponse, { kind: 'question' }>, startedAt?: string): TemplateResult {
    const c = this.c;
    const challengeState: C.ChallengeState = { number: q.index + 1, focusedOut: false, ...(startedAt ? { startedAt } : {}) };
    return html`<h1 id="cert-title" class="visually-hidden">${c.title}</h1>
      <div class="bar">${this.renderClock()}</div>
      <pix-challenge
        .challenge=${q.challenge}
        .state=${challengeState}
        .progress=${{ answered: q.course.answered, total: q.course.total }}
        ?busy=${this.busy}
        @pix-answer=${this.onAnswer}
        @pix-challenge-start=${this.onChallengeStart}
      ></pix-challenge>
      <div class="report">
        ${this.reportNotice ? html`<p class="notice success" role="status">${this.reportNotice}</p>` : nothing}
        ${this.reporting ? this.renderReportForm(q.index) : html`<button type="button" class="secondary" @click=${this.openReport}>${c.report}</button>`}
      </div>`;
  }

  private renderReportForm(index: number): TemplateResult {
    const c = this.c;
    return html`<form class="card" @submit=${(e: SubmitEvent) => this.onReport(e, index)} aria-labelledby="report-title">
      <h2 id="report-title" tabindex="-1">${c.reportTitle}</h2>
      <label for="report-kind">${c.reportKind}</label>
      <select id="report-kind" name="kind">
        ${Object.entries(c.reportKinds).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
      </select>
      <label for="report-description">${c.reportDescription}</label>
      <textarea id="report-description" name="description" rows="3" maxlength="1000"></textarea>
      <div class="actions">
        <button type="submit">${c.reportSend}</button>
        <button type="button" class="secondary" @click=${() => (this.reporting = false)}>${c.reportCancel}</button>
      </div>
    </form>`;
  }

  private async onJoin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const get = (k: string) => String(data.get(k) ?? '').trim();
    const c = this.c;
    const missing = (
      [
        ['sessionNumber', c.sessionNumber],
        ['accessCode', c.accessCode],
        ['firstName', c.firstName],
        ['lastName', c.lastName],
      ] as const
    ).find(([k]) => !get(k));
    if (missing) {
      this.formError = c.required(missing[1]);
      form.querySelector<HTMLInputElement>(`[name=${missing[0]}]`)?.focus();
      return;
    }
    const body: C.JoinCertificationRequest = {
      sessionNumber: Number(get('sessionNumber').replace(/\D/g, '')),
      accessCode: get('accessCode'),
      firstName: get('firstName'),
      lastName: get('lastName'),
      ...(get('birthdate') ? { birthdate: get('birthdate') } : {}),
    };
    this.busy = true;
    try {
      const { course } = await this.cert!.join(body);
      this.formError = '';
      this.courseId = course.id;
      await this.follow(course, true);
    } catch (err) {
      this.formError = this.messageOf(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#join-error')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async onStart(): Promise<void> {
    if (this.busy || !this.courseId) return;
    this.busy = true;
    try {
      await this.follow(await this.cert!.start(this.courseId), true);
    } catch (err) {
      this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** Shows what the course's state calls for: a waiting screen (polled), the question, or the end. */
  private async follow(course: C.CandidateCourseView, moveFocus: boolean): Promise<void> {
    clearTimeout(this.poll);
    this.setRemaining(course.remainingSeconds);
    if (course.state === 'in_progress' || course.state === 'resumed') {
      await this.loadQuestion(moveFocus);
      return;
    }
    const previous = this.view.kind === 'course' ? this.view.course.state : undefined;
    this.view = { kind: 'course', course };
    if (previous !== course.state) {
      this.announcement = course.state === 'ended' ? this.c.endTitle : course.state === 'admitted' ? this.c.admittedTitle : course.state === 'paused' ? this.c.pausedTitle : '';
      if (moveFocus || previous) await this.focusHeading();
    }
    if (course.state !== 'ended') this.poll = setTimeout(() => void this.refresh(), WAIT_POLL_MS);
  }

  private async refresh(): Promise<void> {
    if (!this.courseId || this.busy) {
      this.poll = setTimeout(() => void this.refresh(), WAIT_POLL_MS);
      return;
    }
    try {
      const course = await this.cert!.course(this.courseId);
      if (this.view.kind === 'question') {
        this.setRemaining(course.remainingSeconds);
        if (course.state === 'in_progress' || course.state === 'resumed') {
          this.poll = setTimeout(() => void this.refresh(), RUN_POLL_MS);
          return;
        }
      }
      await this.follow(course, false);
    } catch (err) {
      if (await this.placeLost(err)) return;
      // A missed poll is retried; the answer path reports real failures.
      this.poll = setTimeout(() => void this.refresh(), WAIT_POLL_MS);
    }
  }

  private async loadQuestion(moveFocus: boolean): Promise<void> {
    const q = await this.cert!.question(this.courseId!);
    this.setRemaining(q.course.remainingSeconds);
    if (q.kind !== 'question') {
      await this.follow(q.course, true);
      return;
    }
    const same = this.view.kind === 'question' && this.view.question.index === q.index;
    this.view = { kind: 'question', question: q, startedAt: same && this.view.kind === 'question' ? this.view.startedAt : undefined };
    if (!same) {
      this.reporting = false;
      this.reportNotice = '';
      this.announcement = this.c.questionOf(q.index + 1, q.course.total);
      if (moveFocus) {
        await this.updateComplete;
        await this.renderRoot.querySelector('pix-challenge')?.focusHeading();
      }
    }
    clearTimeout(this.poll);
    this.poll = setTimeout(() => void this.refresh(), RUN_POLL_MS);
  }

  private onChallengeStart(): void {
    if (this.view.kind === 'question') this.view = { ...this.view, startedAt: new Date().toISOString() };
  }

  private async onAnswer(event: CustomEvent<AnswerDetail>): Promise<void> {
    const v = this.view;
    if (this.busy || v.kind !== 'question') return;
    const d = event.detail;
    const body: C.CandidateAnswerRequest = { questionIndex: v.question.index, challengeId: d.challengeId, value: d.value, focusedOut: d.focusedOut };
    this.busy = true;
    try {
      await this.sendAnswer(body);
      await this.loadQuestion(true);
    } catch (err) {
      if (err instanceof ApiRequestError && ['TIME_LIMIT_REACHED', 'COURSE_NOT_RUNNING', 'CHALLENGE_NOT_CURRENT'].includes(err.code)) {
        this.announcement = this.messageOf(err);
        await this.loadQuestion(true).catch((e: unknown) => this.fail(e));
      } else {
        this.fail(err, () => void this.onAnswer(event));
      }
    } finally {
      this.busy = false;
    }
  }

  /** Answers are idempotent by question: a lost response is sent again (3 tries) before giving up. */
  private async sendAnswer(body: C.CandidateAnswerRequest): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { course } = await this.cert!.answer(this.courseId!, body);
        this.setRemaining(course.remainingSeconds);
        return;
      } catch (err) {
        if (err instanceof ApiRequestError || attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 1000 * attempt));
      }
    }
  }

  private async openReport(): Promise<void> {
    this.reporting = true;
    this.reportNotice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#report-title')?.focus();
  }

  private async onReport(event: SubmitEvent, index: number): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const description = String(data.get('description') ?? '').trim();
    try {
      await this.cert!.report(this.courseId!, { questionIndex: index, kind: String(data.get('kind')) as C.CandidateProblemKind, ...(description ? { description } : {}) });
      this.reporting = false;
      this.reportNotice = this.c.reportSent;
    } catch (err) {
      this.reportNotice = this.messageOf(err);
    }
  }

  /** The time left ticks locally between server answers, which reset it. */
  private setRemaining(seconds: number | undefined): void {
    clearInterval(this.tick);
    this.remaining = seconds;
    if (seconds === undefined) return;
    this.tick = setInterval(() => {
      if (this.remaining === undefined || this.view.kind !== 'question') return;
      this.remaining = Math.max(0, this.remaining - 1);
      const minutes = this.remaining / 60;
      for (const at of ANNOUNCE_AT_MINUTES) {
        if (minutes <= at && minutes > at - 1 / 60 && !this.announced.has(at)) {
          this.announced.add(at);
          this.announcement = this.c.timeAnnounce(this.m.common.duration(at * 60));
        }
      }
      if (this.remaining === 0) void this.refresh();
    }, 1000);
  }

  private async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.heading?.focus();
  }

  private messageOf(err: unknown): string {
    if (err instanceof ApiRequestError) {
      const counts = err.details as { certifiableCompetences?: unknown; required?: unknown } | undefined;
      if (err.code === 'CANDIDATE_NOT_CERTIFIABLE' && typeof counts?.certifiableCompetences === 'number' && typeof counts.required === 'number') {
        return this.c.notCertifiable(counts.certifiableCompetences, counts.required);
      }
      return this.c.errors[err.code] ?? this.m.errors[err.code as keyof typeof this.m.errors] ?? err.message;
    }
    return this.m.errors.NETWORK;
  }

  /**
   * The course no longer answers to this launch: the invigilator released the place (this
   * pupil had joined under someone else's identity). Back to the join form, saying why.
   */
  private async placeLost(err: unknown): Promise<boolean> {
    if (!(err instanceof ApiRequestError && err.code === 'CANDIDATE_NOT_FOUND' && this.courseId)) return false;
    clearTimeout(this.poll);
    clearInterval(this.tick);
    this.courseId = undefined;
    this.formError = this.c.placeLost;
    this.view = { kind: 'join' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#join-error')?.focus();
    return true;
  }

  private fail(err: unknown, retry?: () => void): void {
    if (err instanceof ApiRequestError && err.code === 'CANDIDATE_NOT_FOUND' && this.courseId) {
      void this.placeLost(err);
      return;
    }
    this.view = { kind: 'error', message: this.messageOf(err), retry: retry ?? (() => void this.recover()) };
    void this.focusHeading();
  }

  private async recover(): Promise<void> {
    if (!this.courseId) {
      this.view = { kind: 'join' };
      return;
    }
    try {
      await this.follow(await this.cert!.course(this.courseId), true);
    } catch (err) {
      this.fail(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-certification-candidate': PixCertificationCandidate;
  }
}
