import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { InvigilatorApi } from '../../api/certification-client.js';
import { ApiRequestError, PixApi } from '../../api/client.js';
import type * as C from '../../api/contract.js';
import { certificationMessagesFor, type CertificationMessages } from '../../i18n/certification.js';
import { formCard } from '../../styles/forms.js';
import { base, tokens } from '../../styles/theme.js';
import { defaultApiBase } from '../../util/api-base.js';
import { PixElement } from '../../util/pix-element.js';

/** The list is refreshed this often (candidates join, answer, run out of time). */
const POLL_MS = 4000;
/** The token stays in this tab only (sessionStorage): a reload keeps the invigilator signed in, another browser does not. */
const STORAGE_KEY = 'pix-invigilator-token';

/** Which actions each state offers, in the order shown. */
const ACTIONS: Record<C.CertificationCourseState, C.InvigilatorAction[]> = {
  registered: ['confirm-presence'],
  present: ['admit', 'cancel-presence'],
  admitted: ['end'],
  in_progress: ['pause', 'end'],
  resumed: ['pause', 'end'],
  paused: ['resume', 'end'],
  ended: [],
};

/** A place taken by the wrong pupil can be released until the test starts (ADR 0022). */
const RELEASABLE: readonly C.CertificationCourseState[] = ['registered', 'present', 'admitted'];

/**
 * The invigilator's space, served by the tool at `/certification/surveillance`: sign in
 * with the session number and the invigilator password, open the session, then follow
 * the candidates live (refreshed every few seconds): confirm presence, admit, pause and
 * resume, grant extra time, end a test, release a place taken by the wrong pupil (with
 * an inline confirmation), record incidents. Every action's outcome is announced in a
 * polite live region.
 */
@customElement('pix-invigilator')
export class PixInvigilator extends PixElement {
  static override styles = [
    tokens,
    base,
    formCard,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
        margin: 1rem 0;
      }
      th,
      td {
        text-align: left;
        padding: 0.5rem;
        border-bottom: 1px solid var(--_divider);
        vertical-align: top;
      }
      td .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0;
      }
      .code {
        font-size: 2rem;
        font-weight: 700;
        letter-spacing: 0.2em;
        font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
      }
      .extra {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      .extra input {
        width: 5rem;
      }
      .confirm {
        flex-basis: 100%;
        border: 2px solid var(--_text-muted, #555);
        border-radius: 4px;
        padding: 0.5rem;
      }
      .confirm p {
        margin: 0 0 0.5rem;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 1rem;
      }
    `,
  ];

  @property({ attribute: 'api-base' }) apiBase = '';

  @state() private token = '';
  @state() private view?: C.InvigilatedSessionView;
  @state() private error = '';
  @state() private announcement = '';
  @state() private busy = false;
  @state() private refreshedAt = '';
  /** The candidate whose « Libérer la place » awaits confirmation (inline, not window.confirm). */
  @state() private confirmingRelease = '';

  @query('h1') private heading?: HTMLElement;

  private poll?: ReturnType<typeof setTimeout>;

  private get t(): CertificationMessages['invigilator'] {
    return certificationMessagesFor(this.uiLocale).invigilator;
  }

  private get base(): string {
    return this.apiBase || defaultApiBase();
  }

  private get api(): InvigilatorApi {
    return new InvigilatorApi(new PixApi({ apiBase: this.base, token: this.token }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.token = sessionStorage.getItem(STORAGE_KEY) ?? '';
    if (this.token) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.poll);
  }

  override render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.view ? this.renderSession(this.view) : this.renderSignIn()}`;
  }

  private renderSignIn(): TemplateResult {
    const t = this.t;
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.signInIntro}</p>
      <form class="card" @submit=${this.onSignIn}>
        ${this.error ? html`<p class="notice error" role="alert" id="sign-in-error">${this.error}</p>` : nothing}
        <label for="inv-number">${t.sessionNumber}</label>
        <input id="inv-number" name="sessionNumber" inputmode="numeric" autocomplete="off" required />
        <label for="inv-password">${t.password}</label>
        <input id="inv-password" name="password" type="password" autocomplete="off" autocapitalize="characters" required />
        <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${t.signIn}</button></div>
      </form>`;
  }

  private renderSession(v: C.InvigilatedSessionView): TemplateResult {
    const t = this.t;
    const s = v.session;
    return html`<div class="head">
        <div>
          <h1 tabindex="-1">${t.title} — ${t.session(s.number)}</h1>
          <p>${t.details(s.date, s.time, s.room)} · ${s.invigilator}</p>
        </div>
        <div><button type="button" class="secondary" @click=${this.onSignOut}>${t.signOut}</button></div>
      </div>
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      <p>${t.accessCode} : <span class="code">${s.accessCode}</span></p>
      ${s.status === 'created'
        ? html`<p>${t.openHint}</p>
            <div class="actions"><button type="button" @click=${this.onOpen}>${t.open}</button></div>`
        : html`<p class="muted">${t.opened}</p>`}
      <h2>${t.candidates(v.total)}</h2>
      <p class="muted">${this.refreshedAt ? t.refreshed(this.refreshedAt) : nothing}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.columns.name}</th>
            <th scope="col">${t.columns.state}</th>
            <th scope="col">${t.columns.answered}</th>
            <th scope="col">${t.columns.time}</th>
            <th scope="col">${t.columns.extra}</th>
            <th scope="col">${t.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${v.candidates.map((c) => this.renderCandidate(c, s.status === 'started'))}
        </tbody>
      </table>
      ${s.status === 'started' || s.status === 'created' ? this.renderIncidentForm(v) : nothing}`;
  }

  private renderCandidate(c: C.InvigilatedCandidateView, open: boolean): TemplateResult {
    const t = this.t;
    const name = nameOf(c);
    return html`<tr data-course=${c.id}>
      <th scope="row" tabindex="-1">${name}${c.joined || c.state === 'ended' ? nothing : html`<br /><span class="muted">${t.notJoined}</span>`}</th>
      <td>${t.states[c.state]}${c.reportedProblems > 0 ? html`<br /><strong>${t.problems(c.reportedProblems)}</strong>` : nothing}</td>
      <td>${c.answered}/32</td>
      <td>${c.remainingSeconds === undefined ? '—' : this.m.common.duration(c.remainingSeconds)}</td>
      <td>
        ${c.state === 'ended'
          ? html`${c.extraTimePercentage} %`
          : html`<form class="extra" @submit=${(e: SubmitEvent) => this.onExtraTime(e, c)}>
              <label class="visually-hidden" for="extra-${c.id}">${t.extraTimeFor(name)}</label>
              <input id="extra-${c.id}" name="extra" type="number" min="0" max="100" step="any" .value=${String(c.extraTimePercentage)} />
              <button type="submit" class="secondary" aria-label=${t.actionFor(t.saveExtra, name)}>${t.saveExtra}</button>
            </form>`}
      </td>
      <td>
        <div class="actions">
          ${open
            ? ACTIONS[c.state].map(
                (action) =>
                  html`<button type="button" class=${action === 'end' || action === 'cancel-presence' ? 'secondary' : ''} aria-label=${t.actionFor(t.actions[action], name)} @click=${() => this.onAct(c, action)}>
                    ${t.actions[action]}
                  </button>`,
              )
            : nothing}
          ${open && c.joined && RELEASABLE.includes(c.state) ? this.renderRelease(c, name) : nothing}
        </div>
      </td>
    </tr>`;
  }

  private renderRelease(c: C.InvigilatedCandidateView, name: string): TemplateResult {
    const t = this.t;
    if (this.confirmingRelease !== c.id) {
      return html`<button type="button" class="secondary" id="release-${c.id}" aria-label=${t.actionFor(t.release, name)} @click=${() => this.askRelease(c)}>${t.release}</button>`;
    }
    return html`<div class="confirm" role="group" aria-labelledby="release-question-${c.id}" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancelRelease(c)}>
      <p id="release-question-${c.id}">${t.confirmRelease(name)}</p>
      <div class="actions">
        <button type="button" id="release-yes-${c.id}" @click=${() => this.onRelease(c)}>${t.releaseYes}</button>
        <button type="button" class="secondary" @click=${() => this.cancelRelease(c)}>${t.releaseNo}</button>
      </div>
    </div>`;
  }

  private renderIncidentForm(v: C.InvigilatedSessionView): TemplateResult {
    const t = this.t;
    return html`<form class="card" @submit=${this.onIncident} aria-labelledby="incident-title">
      <h2 id="incident-title">${t.incidentTitle}</h2>
      <label for="incident-course">${t.incidentCandidate}</label>
      <select id="incident-course" name="courseId">
        <option value="">${t.incidentNone}</option>
        ${v.candidates.map((c) => html`<option value=${c.id}>${nameOf(c)}</option>`)}
      </select>
      <label for="incident-category">${t.incidentCategory}</label>
      <select id="incident-category" name="category">
        ${Object.entries(t.incidentCategories).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
      </select>
      <label for="incident-description">${t.incidentDescription}</label>
      <textarea id="incident-description" name="description" rows="3" maxlength="2000" required></textarea>
      <div class="actions"><button type="submit">${t.incidentSave}</button></div>
    </form>`;
  }

  private async onSignIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    try {
      const api = new PixApi({ apiBase: this.base, token: 'none' });
      const res = await api.request<C.InvigilatorSignInResponse>('POST', '/certification/invigilation/sign-in', {
        sessionNumber: String(data.get('sessionNumber') ?? '').trim(),
        password: String(data.get('password') ?? '').trim(),
      });
      this.token = res.token;
      sessionStorage.setItem(STORAGE_KEY, res.token);
      this.error = '';
      await this.load();
      await this.updateComplete;
      this.heading?.focus();
    } catch (err) {
      this.error = this.messageOf(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#inv-number')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async load(): Promise<void> {
    clearTimeout(this.poll);
    try {
      this.view = await this.api.session();
      this.dropStaleRelease(this.view);
      this.refreshedAt = new Date().toLocaleTimeString(this.uiLocale === 'en' ? 'en-GB' : 'fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) {
        this.signedOut(this.messageOf(err));
        return;
      }
      // A missed refresh is retried; the list stays as it was.
    }
    this.poll = setTimeout(() => void this.load(), POLL_MS);
  }

  private async onOpen(): Promise<void> {
    await this.run(async () => {
      this.view = await this.api.open();
      this.announcement = this.t.opened;
    });
  }

  private async onAct(c: C.InvigilatedCandidateView, action: C.InvigilatorAction): Promise<void> {
    const name = nameOf(c);
    if (action === 'end' && !window.confirm(this.t.confirmEnd(name))) return;
    await this.run(async () => {
      await this.api.act(c.id, action);
      this.announcement = this.t.done(this.t.actions[action], name);
      await this.load();
    });
  }

  private async askRelease(c: C.InvigilatedCandidateView): Promise<void> {
    this.confirmingRelease = c.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#release-yes-${CSS.escape(c.id)}`)?.focus();
  }

  private async cancelRelease(c: C.InvigilatedCandidateView): Promise<void> {
    this.confirmingRelease = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#release-${CSS.escape(c.id)}`)?.focus();
  }

  /** The candidate started (or the place was freed) while the question was open: it no longer applies. */
  private dropStaleRelease(view: C.InvigilatedSessionView): void {
    const id = this.confirmingRelease;
    if (!id || view.candidates.some((c) => c.id === id && c.joined && RELEASABLE.includes(c.state))) return;
    const hadFocus = this.shadowRoot?.activeElement?.closest('.confirm') != null;
    this.confirmingRelease = '';
    if (hadFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`tr[data-course="${CSS.escape(id)}"] th`)?.focus());
  }

  private async onRelease(c: C.InvigilatedCandidateView): Promise<void> {
    const name = nameOf(c);
    await this.run(async () => {
      await this.api.release(c.id);
      this.confirmingRelease = '';
      this.announcement = this.t.released(name);
      await this.load();
      // The button is gone (nobody holds the place now): focus goes back to the candidate's row.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`tr[data-course="${CSS.escape(c.id)}"] th`)?.focus();
    });
    if (!this.confirmingRelease) return;
    // Refused (the test started meanwhile…): the alert says why; the question closes and focus stays on the row.
    this.confirmingRelease = '';
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(`#release-${CSS.escape(c.id)}`) ?? this.renderRoot.querySelector<HTMLElement>(`tr[data-course="${CSS.escape(c.id)}"] th`))?.focus();
  }

  private async onExtraTime(event: SubmitEvent, c: C.InvigilatedCandidateView): Promise<void> {
    event.preventDefault();
    const value = Number(new FormData(event.target as HTMLFormElement).get('extra'));
    await this.run(async () => {
      await this.api.extraTime(c.id, value);
      this.announcement = this.t.done(this.t.extraTime, nameOf(c));
      await this.load();
    });
  }

  private async onIncident(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const courseId = String(data.get('courseId') ?? '');
    await this.run(async () => {
      await this.api.incident({ ...(courseId ? { courseId } : {}), category: String(data.get('category')), description: String(data.get('description') ?? '').trim() });
      form.reset();
      this.announcement = this.t.incidentSaved;
    });
  }

  private async onSignOut(): Promise<void> {
    await this.api.signOut().catch(() => undefined);
    this.signedOut('');
  }

  private signedOut(error: string): void {
    clearTimeout(this.poll);
    sessionStorage.removeItem(STORAGE_KEY);
    this.token = '';
    this.view = undefined;
    this.error = error;
  }

  /** One action at a time; its error is shown in an alert and announced. */
  private async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) this.signedOut(this.messageOf(err));
      else this.error = this.messageOf(err);
    } finally {
      this.busy = false;
    }
  }

  private messageOf(err: unknown): string {
    if (err instanceof ApiRequestError) return this.t.errors[err.code] ?? err.message;
    return this.m.errors.NETWORK;
  }
}

function nameOf(c: Pick<C.InvigilatedCandidateView, 'firstName' | 'lastName'>): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || '—';
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-invigilator': PixInvigilator;
  }
}
