import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, signedInAdmin } from '../api/session.js';
import type { AdminGrade, GradeStatus, GradeSummary, LaunchFailures, Outbox, Registration } from '../api/types.js';
import { errorMessage, locale } from '../i18n/i18n.js';
import { barChart, barChartStyles } from '../ui/bar-chart.js';
import { AdminScreen } from '../ui/screen.js';

const GRADE_STATUSES: GradeStatus[] = ['failed', 'pending', 'delivering', 'delivered', 'superseded'];
const WINDOWS = [1, 7, 30] as const;
const GRADE_PAGE = 50;

/**
 * What waits or failed, per academy: grades per platform (the LMS's reason, send again),
 * the registry outbox and its dead letters (replay), and recent LTI launch errors by
 * code as a chart with its table.
 */
@customElement('pix-admin-operations')
export class PixAdminOperations extends AdminScreen {
  static override styles = [...AdminScreen.styles, barChartStyles];

  @state() private platforms?: Registration[];
  @state() private platformId = '';
  @state() private gradeStatus: GradeStatus = 'failed';
  @state() private summary?: GradeSummary;
  @state() private grades?: AdminGrade[];
  @state() private gradesNext: string | null = null;
  @state() private gradesError?: string;
  @state() private outbox?: Outbox;
  @state() private outboxError?: string;
  @state() private days: (typeof WINDOWS)[number] = 7;
  @state() private failures?: LaunchFailures;
  @state() private failuresError?: string;

  private get writable(): boolean {
    return signedInAdmin()?.role === 'academy-admin';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadPlatforms();
    void this.loadFailures();
    if (this.writable) void this.loadOutbox();
  }

  private async loadPlatforms(): Promise<void> {
    try {
      this.platforms = (await api.get<{ registrations: Registration[] }>('/lti/registrations')).registrations.filter((r) => r.status === 'active' || r.status === 'disabled');
      this.platformId = this.platforms[0]?.id ?? '';
      if (this.platformId) await this.loadGrades();
    } catch (err) {
      this.gradesError = errorMessage(this.m, err);
    }
  }

  private async loadGrades(more = false): Promise<void> {
    if (!this.platformId) return;
    try {
      const [summary, list] = await Promise.all([
        api.get<GradeSummary>('/grades/summary', { registrationId: this.platformId }),
        api.get<{ grades: AdminGrade[]; next: string | null }>('/grades', { registrationId: this.platformId, status: this.gradeStatus, limit: GRADE_PAGE, before: more ? (this.gradesNext ?? undefined) : undefined }),
      ]);
      this.summary = summary;
      this.grades = more ? [...(this.grades ?? []), ...list.grades] : list.grades;
      this.gradesNext = list.next;
      this.gradesError = undefined;
    } catch (err) {
      this.gradesError = errorMessage(this.m, err);
    }
  }

  private async loadOutbox(): Promise<void> {
    try {
      this.outbox = await api.get<Outbox>('/registry/outbox', { state: 'dead', limit: 100 });
      this.outboxError = undefined;
    } catch (err) {
      this.outboxError = errorMessage(this.m, err);
    }
  }

  private async loadFailures(): Promise<void> {
    try {
      this.failures = await api.get<LaunchFailures>('/lti/launch-failures', { days: this.days });
      this.failuresError = undefined;
    } catch (err) {
      this.failuresError = errorMessage(this.m, err);
    }
  }

  private onGradeFilter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.platformId = String(data.get('platform') ?? '');
    this.gradeStatus = String(data.get('status') ?? 'failed') as GradeStatus;
    void this.loadGrades().then(() => this.announce(`${this.m.operations.gradesCaption(this.m.operations.gradeStatuses[this.gradeStatus] ?? '')} : ${this.grades?.length ?? 0}`));
  }

  private async resend(grade: AdminGrade): Promise<void> {
    try {
      await api.post(`/grades/${encodeURIComponent(grade.id)}/resend`);
      await this.loadGrades();
      this.announce(this.m.operations.resent);
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async resendAll(): Promise<void> {
    try {
      const { resent } = await api.post<{ resent: number }>('/grades/resend-failed', { registrationId: this.platformId });
      await this.loadGrades();
      this.announce(this.m.operations.resentAll(resent));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async replay(): Promise<void> {
    try {
      const { replayed } = await api.post<{ replayed: number }>('/registry/outbox/replay', {});
      await this.loadOutbox();
      this.announce(this.m.operations.replayed(replayed));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private onWindow(event: Event): void {
    this.days = Number((event.target as HTMLSelectElement).value) as (typeof WINDOWS)[number];
    void this.loadFailures().then(() => this.announce(this.m.operations.totalErrors(this.failures?.total ?? 0)));
  }

  override render() {
    const m = this.m.operations;
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <p>${m.intro}</p>
      ${this.renderGrades()} ${this.writable ? this.renderOutbox() : nothing} ${this.renderFailures()}
    </div>`;
  }

  private renderGrades() {
    const m = this.m.operations;
    const platforms = this.platforms;
    return html`<section class="card" aria-labelledby="grades-title">
      <h2 id="grades-title">${m.grades}</h2>
      ${this.gradesError ? html`<p class="notice error" role="alert">${this.gradesError}</p>` : nothing}
      ${!platforms
        ? html`<p role="status">${this.m.loading}</p>`
        : platforms.length === 0
          ? html`<p>${m.noPlatform}</p>`
          : html`<form class="inline" @submit=${this.onGradeFilter}>
                <div class="field">
                  <label for="g-platform">${m.platform}</label>
                  <select id="g-platform" name="platform">${platforms.map((p) => html`<option value=${p.id} ?selected=${p.id === this.platformId}>${p.name}</option>`)}</select>
                </div>
                <div class="field">
                  <label for="g-status">${this.m.itemBank.status}</label>
                  <select id="g-status" name="status">${GRADE_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.gradeStatus}>${m.gradeStatuses[s]}</option>`)}</select>
                </div>
                <button type="submit" class="secondary">${m.show}</button>
              </form>
              ${this.summary
                ? html`<p>${m.gradeCounts} : ${GRADE_STATUSES.map((s) => `${m.gradeStatuses[s]} ${this.summary!.counts[s] ?? 0}`).join(', ')}.
                    ${this.summary.oldestWaitingSince ? m.oldestWaiting(this.m.dateTime(this.summary.oldestWaitingSince)) : nothing}</p>`
                : nothing}
              ${this.grades ? this.renderGradeTable(this.grades) : nothing}`}
    </section>`;
  }

  private renderGradeTable(grades: AdminGrade[]) {
    const m = this.m.operations;
    if (grades.length === 0) return html`<p>${m.noGrades}</p>`;
    const canResend = this.writable && (this.gradeStatus === 'failed' || this.gradeStatus === 'superseded');
    return html`${canResend && this.gradeStatus === 'failed' ? html`<div class="actions"><button class="secondary" @click=${this.resendAll}>${m.resendAll}</button></div>` : nothing}
      <div class="scroll"><table data-grades>
        <caption>${m.gradesCaption(m.gradeStatuses[this.gradeStatus] ?? this.gradeStatus)}</caption>
        <thead><tr>
          <th scope="col">${m.learner}</th><th scope="col" class="num">${m.score}</th><th scope="col" class="num">${m.attempts}</th>
          <th scope="col">${m.reason}</th><th scope="col">${m.updated}</th>${canResend ? html`<th scope="col">${this.m.itemBank.actions}</th>` : nothing}
        </tr></thead>
        <tbody>
          ${grades.map((g) => {
            const error = g.failure ?? g.lastError;
            return html`<tr>
              <th scope="row" class="mono">${g.learnerId}</th>
              <td class="num">${g.scoreGiven} / ${g.scoreMaximum}</td>
              <td class="num">${g.attempts}</td>
              <td>${error ? html`<span class="mono">${error.code}${error.httpStatus ? ` (HTTP ${error.httpStatus})` : ''}</span> — ${error.reason}` : '—'}
                ${g.nextAttemptAt ? html`<br /><span class="hint">${m.nextAttempt(this.m.dateTime(g.nextAttemptAt))}</span>` : nothing}</td>
              <td>${this.m.dateTime(g.updatedAt)}</td>
              ${canResend ? html`<td><button class="secondary" aria-label=${m.resend(g.learnerId)} @click=${() => this.resend(g)}>${m.resendShort}</button></td>` : nothing}
            </tr>`;
          })}
        </tbody>
      </table></div>
      ${this.gradesNext
        ? html`<div class="actions"><button class="secondary" @click=${() => this.loadGrades(true).then(() => this.announce(m.shown(this.grades?.length ?? 0)))}>${m.moreGrades}</button></div>`
        : nothing}`;
  }

  private renderOutbox() {
    const m = this.m.operations;
    const outbox = this.outbox;
    return html`<section class="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">${m.outbox}</h2>
      ${this.outboxError ? html`<p class="notice error" role="alert">${this.outboxError}</p>` : nothing}
      ${outbox
        ? html`<p>${(['pending', 'delivering', 'delivered', 'dead'] as const).map((s) => `${m.outboxStates[s]} ${outbox.counts[s] ?? 0}`).join(', ')}.</p>
            <h3>${m.deadLetters}</h3>
            ${outbox.entries.length === 0
              ? html`<p>${m.noDead}</p>`
              : html`<div class="scroll"><table>
                    <caption class="visually-hidden">${m.deadLetters}</caption>
                    <thead><tr><th scope="col">${m.certification}</th><th scope="col">${this.m.campaigns.school}</th><th scope="col" class="num">${m.attempts}</th><th scope="col">${m.lastError}</th></tr></thead>
                    <tbody>
                      ${outbox.entries.map(
                        (e) => html`<tr>
                          <th scope="row" class="mono">${e.id}</th>
                          <td class="mono">${e.centreUai}</td>
                          <td class="num">${e.delivery.attempts}</td>
                          <td>${e.delivery.lastError ?? '—'}</td>
                        </tr>`,
                      )}
                    </tbody>
                  </table></div>
                  <div class="actions"><button @click=${this.replay}>${m.replay}</button></div>`}`
        : this.outboxError
          ? nothing
          : html`<p role="status">${this.m.loading}</p>`}
    </section>`;
  }

  private renderFailures() {
    const m = this.m.operations;
    const f = this.failures;
    const dayFormat = new Intl.DateTimeFormat(locale() === 'en' ? 'en-GB' : 'fr-FR', f?.step === 'hour' ? { hour: '2-digit' } : { day: '2-digit', month: '2-digit' });
    const points = (f?.series ?? []).map((p) => ({ label: dayFormat.format(new Date(p.at)), longLabel: this.m.dateTime(p.at), value: p.total }));
    const peak = points.reduce<(typeof points)[number] | undefined>((best, p) => (!best || p.value > best.value ? p : best), undefined);
    const windowLabel = m.windows[this.days] ?? '';
    const topCodes = (f?.codes ?? []).slice(0, 5).map((c) => c.code);
    return html`<section class="card" aria-labelledby="lti-title">
      <h2 id="lti-title">${m.ltiErrors}</h2>
      <div class="field">
        <label for="lti-window">${m.window}</label>
        <select id="lti-window" @change=${this.onWindow}>${WINDOWS.map((d) => html`<option value=${d} ?selected=${d === this.days}>${m.windows[d]}</option>`)}</select>
      </div>
      ${this.failuresError ? html`<p class="notice error" role="alert">${this.failuresError}</p>` : nothing}
      ${!f
        ? this.failuresError
          ? nothing
          : html`<p role="status">${this.m.loading}</p>`
        : html`<p data-total>${m.totalErrors(f.total)}</p>
            ${barChart(points, { id: 'lti-chart', title: m.chartTitle(windowLabel), description: m.chartDesc(f.total, peak && peak.value > 0 ? `${peak.longLabel} (${peak.value})` : '—') })}
            <details>
              <summary>${m.tableAlternative}</summary>
              <div class="scroll"><table>
                <caption>${m.chartTitle(windowLabel)}</caption>
                <thead><tr><th scope="col">${m.period}</th>${topCodes.map((c) => html`<th scope="col" class="num mono">${c}</th>`)}<th scope="col" class="num">${m.errorsLabel}</th></tr></thead>
                <tbody>
                  ${f.series.map(
                    (p) => html`<tr><th scope="row">${this.m.dateTime(p.at)}</th>${topCodes.map((c) => html`<td class="num">${p.counts[c] ?? 0}</td>`)}<td class="num">${p.total}</td></tr>`,
                  )}
                </tbody>
              </table></div>
            </details>
            ${f.codes.length > 0
              ? html`<div class="scroll"><table data-codes>
                    <caption>${m.byCode}</caption>
                    <thead><tr><th scope="col">${m.code}</th><th scope="col">${m.meaning}</th><th scope="col" class="num">${m.count}</th></tr></thead>
                    <tbody>
                      ${f.codes.map((c) => html`<tr><th scope="row" class="mono">${c.code}</th><td>${this.m.ltiCodes[c.code] ?? '—'}</td><td class="num">${c.total}</td></tr>`)}
                    </tbody>
                  </table></div>
                  <div class="scroll"><table>
                    <caption>${m.byPlatform}</caption>
                    <thead><tr><th scope="col">${m.platform}</th><th scope="col" class="num">${m.count}</th></tr></thead>
                    <tbody>
                      ${f.platforms.map((p) => html`<tr><th scope="row">${p.name ?? (p.registrationId ? html`<span class="mono">${p.registrationId}</span>` : m.unattributed)}</th><td class="num">${p.total}</td></tr>`)}
                    </tbody>
                  </table></div>`
              : nothing}`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-operations': PixAdminOperations;
  }
}
