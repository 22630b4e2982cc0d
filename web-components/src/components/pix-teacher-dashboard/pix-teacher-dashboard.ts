import { html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiRequestError, type PixApi } from '../../api/client.js';
import type { ClassProgress, GradeStatus, LearnerProgress, LearnerStatus } from '../../api/contract.js';
import { base, tokens } from '../../styles/theme.js';
import { teacherMessagesFor } from '../../i18n/teacher.js';
import { PixElement } from '../../util/pix-element.js';
import '../pix-competence-chart/pix-competence-chart.js';
import { classCsv } from './class-csv.js';
import { styles } from './pix-teacher-dashboard.styles.js';

const STATUSES: LearnerStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'TO_SHARE', 'SHARED'];

/**
 * The teacher's view inside the LMS frame: the class from the course roster with each
 * learner's status (not started / in progress / finished / shared), results per learner
 * and per competence (chart and table), a CSV export, and each grade's delivery to the
 * gradebook with "Envoyer à nouveau".
 *
 * @csspart card - each section's card.
 */
@customElement('pix-teacher-dashboard')
export class PixTeacherDashboard extends PixElement {
  static override styles = [tokens, base, styles];

  private get t() {
    return teacherMessagesFor(this.uiLocale);
  }

  @property({ attribute: false }) api?: PixApi;
  /** The launch's resource link, for the grade statuses. */
  @property({ attribute: 'resource-link-id' }) resourceLinkId = '';

  @state() private progress?: ClassProgress;
  @state() private grades?: GradeStatus[];
  @state() private gradesFailed = false;
  @state() private error?: { code: string; requestId?: string };
  @state() private filter: '' | LearnerStatus = '';
  @state() private resending = new Set<string>();
  @state() private announcement = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(false);
  }

  private async load(announce: boolean): Promise<void> {
    this.error = undefined;
    const [progress, grades] = await Promise.allSettled([
      this.api!.getClassProgress(),
      this.resourceLinkId ? this.api!.getGrades(this.resourceLinkId) : Promise.resolve({ grades: [] }),
    ]);
    if (progress.status === 'rejected') {
      const err = progress.reason as unknown;
      this.error = err instanceof ApiRequestError ? { code: err.code, requestId: err.requestId } : { code: 'NETWORK' };
      return;
    }
    this.progress = progress.value;
    this.grades = grades.status === 'fulfilled' ? grades.value.grades : undefined;
    this.gradesFailed = grades.status === 'rejected';
    if (announce) this.announcement = this.t.dashboard.refreshed;
  }

  /** Names come from the roster; without one, a stable ordinal keeps learners apart. */
  private nameOf(learner: LearnerProgress, index: number): string {
    return learner.displayName ?? this.t.dashboard.anonymous(index + 1);
  }

  override render() {
    if (this.error) {
      return html`<div class="card" part="card">
        <h1>${this.t.dashboard.title}</h1>
        <p class="notice error" role="alert">${(this.m.errors as Record<string, string>)[this.error.code] ?? this.m.errors.unknown}</p>
        ${this.error.requestId ? html`<p class="muted">${this.m.common.requestId(this.error.requestId)}</p>` : nothing}
        <button type="button" @click=${() => void this.load(false)}>${this.m.common.retry}</button>
      </div>`;
    }
    const p = this.progress;
    if (!p) return html`<p class="muted" role="status">${this.m.common.loading}</p>`;
    const d = this.t.dashboard;
    return html`
      <div class="head">
        <div>
          <h1>${d.title} — ${p.activity.title}</h1>
          ${p.context.title ? html`<p class="muted">${d.course(p.context.title)}</p>` : nothing}
          <p class="muted">${d.updatedAt(this.m.common.time(p.generatedAt))}</p>
        </div>
        <div class="actions">
          <button type="button" class="secondary" @click=${() => void this.load(true)}>${d.refresh}</button>
          <button type="button" @click=${this.exportCsv}>${d.exportCsv}</button>
        </div>
      </div>
      ${this.renderSummary(p)} ${this.renderLearners(p)} ${this.renderCompetences(p)} ${this.renderGrades(p)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private renderSummary(p: ClassProgress) {
    const d = this.t.dashboard;
    const total = p.learners.length;
    const counts = STATUSES.map((s) => ({ s, n: p.learners.filter((l) => l.status === s).length }));
    return html`<section class="card" part="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">${d.summaryTitle}</h2>
      <svg class="stack" viewBox="0 0 ${Math.max(1, total)} 1" preserveAspectRatio="none" aria-hidden="true">
        ${counts.map(({ s, n }, i) => {
          const x = counts.slice(0, i).reduce((sum, c) => sum + c.n, 0);
          return n ? svg`<rect class="s-${s}" x=${x} width=${n} height="1"></rect>` : nothing;
        })}
      </svg>
      <ul class="summary">
        ${counts.map(({ s, n }) => html`<li class="s-${s}"><strong aria-hidden="true">${n}</strong><span aria-hidden="true">${d.status[s]}</span><span class="visually-hidden">${d.statusCount(d.status[s], n, total)}</span></li>`)}
      </ul>
      ${p.rosterSource === 'participants' ? html`<p class="notice">${d.rosterParticipants}</p>` : nothing}
    </section>`;
  }

  private renderLearners(p: ClassProgress) {
    const d = this.t.dashboard;
    const rows = p.learners.map((l, i) => ({ l, name: this.nameOf(l, i) })).filter(({ l }) => !this.filter || l.status === this.filter);
    return html`<section class="card" part="card" aria-labelledby="learners-heading">
      <h2 id="learners-heading">${d.learnersTitle}</h2>
      <div class="filter">
        <label for="status-filter">${d.filter}</label>
        <select id="status-filter" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as '' | LearnerStatus)}>
          <option value="">${d.filterAll}</option>
          ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.filter}>${d.status[s]}</option>`)}
        </select>
      </div>
      ${rows.length === 0
        ? html`<p>${d.noLearners}</p>`
        : html`<div class="scroll" tabindex="0" role="region" aria-label=${d.learnersTable}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${d.colLearner}</th>
                  <th scope="col">${d.colStatus}</th>
                  <th scope="col" class="num">${d.colAnswers}</th>
                  <th scope="col" class="num">${d.colPix}</th>
                  <th scope="col" class="num">${d.colMastery}</th>
                  <th scope="col">${d.colCertifiable}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  ({ l, name }) => html`<tr>
                    <th scope="row">${name}</th>
                    <td><span class="status s-${l.status}">${d.status[l.status]}</span></td>
                    <td class="num">${l.answered}</td>
                    <td class="num">${l.results ? l.results.pixScore : d.notAvailable}</td>
                    <td class="num">${l.results ? this.m.common.percent(l.results.masteryRate) : d.notAvailable}</td>
                    <td>${l.results ? (l.results.certifiable ? d.yes : d.no) : d.notAvailable}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  private renderCompetences(p: ClassProgress) {
    const d = this.t.dashboard;
    const shared = p.learners.map((l, i) => ({ l, name: this.nameOf(l, i) })).filter(({ l }) => l.results);
    if (shared.length === 0) {
      return html`<section class="card" part="card" aria-labelledby="competences-heading">
        <h2 id="competences-heading">${d.competencesTitle}</h2>
        <p>${d.competencesNone}</p>
      </section>`;
    }
    const levelOf = (l: LearnerProgress, code: string) => l.results?.competences.find((c) => c.code === code)?.level ?? 0;
    const averages = p.competences.map((c) => ({
      ...c,
      level: Math.round((shared.reduce((sum, { l }) => sum + levelOf(l, c.code), 0) / shared.length) * 10) / 10,
      maxLevel: Math.max(1, ...shared.flatMap(({ l }) => l.results?.competences.map((k) => k.level) ?? [0]), 5),
    }));
    const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', this.uiLocale === 'fr' ? ',' : '.'));
    return html`<section class="card" part="card" aria-labelledby="competences-heading">
      <h2 id="competences-heading">${d.competencesTitle}</h2>
      <p>${d.competencesIntro(shared.length)}</p>
      <pix-competence-chart .items=${averages} label=${d.chartLabel}></pix-competence-chart>
      <table>
        <thead>
          <tr>
            <th scope="col">${d.colCompetence}</th>
            <th scope="col" class="num">${d.colAverage}</th>
          </tr>
        </thead>
        <tbody>
          ${averages.map((c) => html`<tr><th scope="row">${c.code} ${c.name}</th><td class="num">${fmt(c.level)}</td></tr>`)}
        </tbody>
      </table>
      <h3 id="per-learner-heading">${d.perLearnerTitle}</h3>
      <div class="scroll" tabindex="0" role="region" aria-label=${d.perLearnerRegion}>
        <table aria-labelledby="per-learner-heading">
          <thead>
            <tr>
              <th scope="col">${d.colLearner}</th>
              ${p.competences.map((c) => html`<th scope="col" class="num"><abbr title=${c.name}>${c.code}</abbr></th>`)}
            </tr>
          </thead>
          <tbody>
            ${shared.map(({ l, name }) => html`<tr><th scope="row">${name}</th>${p.competences.map((c) => html`<td class="num">${levelOf(l, c.code)}</td>`)}</tr>`)}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private renderGrades(p: ClassProgress) {
    const d = this.t.dashboard;
    const names = new Map(p.learners.map((l, i) => [l.learnerId, this.nameOf(l, i)]));
    const grades = this.grades;
    return html`<section class="card" part="card" aria-labelledby="grades-heading">
      <h2 id="grades-heading">${d.gradesTitle}</h2>
      ${this.gradesFailed
        ? html`<p class="notice warning">${d.gradesUnavailable}</p>`
        : !grades?.length
          ? html`<p>${d.gradesNone}</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-label=${d.gradesTable}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${d.colLearner}</th>
                    <th scope="col" class="num">${d.colGrade}</th>
                    <th scope="col">${d.colDelivery}</th>
                    <th scope="col" class="num">${d.colAttempts}</th>
                    <th scope="col">${d.colLastAttempt}</th>
                    <th scope="col">${d.colAction}</th>
                  </tr>
                </thead>
                <tbody>
                  ${grades.map((g) => {
                    const name = names.get(g.learnerId) ?? g.learnerId;
                    const problem = g.failure ?? g.lastError;
                    return html`<tr>
                      <th scope="row">${name}</th>
                      <td class="num">${d.grade(g.scoreGiven, g.scoreMaximum)}</td>
                      <td>
                        <span class="delivery-${g.status}">${d.delivery[g.status]}</span>
                        ${problem ? html`<br /><span class="muted">${problem.reason}</span>` : nothing}
                      </td>
                      <td class="num">${g.attempts}</td>
                      <td>${this.m.common.dateTime(g.deliveredAt ?? g.updatedAt)}</td>
                      <td>
                        ${g.status !== 'failed'
                          ? d.notAvailable
                          : html`<button
                              type="button"
                              class="secondary"
                              aria-label=${d.resendLabel(name)}
                              aria-disabled=${this.resending.has(g.id) ? 'true' : 'false'}
                              @click=${() => void this.resend(g, name)}
                            >
                              ${d.resend}
                            </button>`}
                      </td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </div>`}
    </section>`;
  }

  private async resend(grade: GradeStatus, name: string): Promise<void> {
    if (this.resending.has(grade.id)) return;
    this.resending = new Set([...this.resending, grade.id]);
    const d = this.t.dashboard;
    try {
      const updated = await this.api!.resendGrade(grade.id);
      this.grades = this.grades?.map((g) => (g.id === updated.id ? updated : g));
      this.announcement = d.resent(name, d.delivery[updated.status]);
    } catch {
      this.announcement = d.resendFailed(name);
    } finally {
      const next = new Set(this.resending);
      next.delete(grade.id);
      this.resending = next;
    }
  }

  private exportCsv(): void {
    const p = this.progress;
    if (!p) return;
    const csv = classCsv(p, this.t, (i) => this.nameOf(p.learners[i]!, i));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.t.dashboard.csv.filename}-${p.activity.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40)}.csv`;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-teacher-dashboard': PixTeacherDashboard;
  }
}
