import { html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { AssessmentResults } from '../../api/contract.js';
import { base, tokens } from '../../styles/theme.js';
import { PixElement } from '../../util/pix-element.js';
import '../pix-competence-chart/pix-competence-chart.js';
import { styles } from './pix-results.styles.js';

/**
 * The end of a test: pix score, mastery, certifiable or not, the level in each
 * competence as a chart *and* a table (the table is the accessible equivalent), and
 * the learner's explicit choice to send the results to the teacher.
 *
 * @fires pix-share - the learner pressed "J'envoie mes résultats".
 * @csspart card - the results' card.
 * @slot after-share - extra content under the sharing section (e.g. a link back to the ENT).
 */
@customElement('pix-results')
export class PixResults extends PixElement {
  static override styles = [tokens, base, styles];

  @property({ attribute: false }) results?: AssessmentResults;
  /** Sharing is being sent. */
  @property({ type: Boolean }) sharing = false;
  /** Text of the polite live region (set by the host after sharing). */
  @property() announcement = '';

  @query('h2') private heading?: HTMLElement;

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.heading?.focus();
  }

  override render() {
    const r = this.results;
    if (!r) return nothing;
    const m = this.m.results;
    return html`
      <article class="card" part="card" aria-labelledby="results-heading">
        <h2 id="results-heading" tabindex="-1">${m.title}</h2>
        <p class="muted">${r.activity.title}</p>
        <div class="headline">
          <p class="score"><strong>${m.score(r.pixScore)}</strong><span>${m.scoreOutOf(r.maxPixScore)}</span></p>
          <div class="facts">
            <p>${m.mastery(this.m.common.percent(r.masteryRate))}</p>
            <p class="certifiable">${r.certifiable ? m.certifiable : m.notCertifiable}</p>
          </div>
        </div>
        <section aria-labelledby="competences-heading">
          <h3 id="competences-heading">${m.competencesTitle}</h3>
          <pix-competence-chart .items=${r.competences} label=${m.chartLabel}></pix-competence-chart>
          <div class="scroll" tabindex="0" role="region" aria-label=${m.tableCaption}>
            <table>
              <caption class="visually-hidden">${m.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">${m.colCompetence}</th>
                  <th scope="col" class="num">${m.colLevel}</th>
                  <th scope="col" class="num">${m.colPix}</th>
                </tr>
              </thead>
              <tbody>
                ${r.competences.map(
                  (c) => html`<tr>
                    <th scope="row">${c.code} ${c.name}</th>
                    <td class="num">${m.levelOf(c.level, c.maxLevel)}</td>
                    <td class="num">${c.pixScore}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </section>
        ${this.renderShare(r)}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        <slot name="after-share"></slot>
      </article>
    `;
  }

  private renderShare(r: AssessmentResults) {
    const m = this.m.results;
    if (r.sharing.status === 'NOT_SHAREABLE') return html`<section class="share"><p class="muted">${m.notShareable}</p></section>`;
    return html`<section class="share" aria-labelledby="share-heading">
      <h3 id="share-heading">${m.shareTitle}</h3>
      ${r.sharing.status === 'SHARED'
        ? html`<p class="notice success">${m.shared(this.m.common.dateTime(r.sharing.sharedAt ?? new Date().toISOString()))}</p>`
        : html`<p>${m.shareText}</p>
            <div class="actions">
              <button type="button" aria-disabled=${this.sharing ? 'true' : 'false'} @click=${this.onShare}>${this.sharing ? m.sharing : m.shareButton}</button>
            </div>`}
    </section>`;
  }

  private onShare(): void {
    if (this.sharing) return;
    this.emit('pix-share', undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-results': PixResults;
  }
}
