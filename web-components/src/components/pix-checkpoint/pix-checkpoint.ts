import { html, nothing, svg } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { AnswerStatus, Checkpoint, CheckpointAnswer } from '../../api/contract.js';
import { base, tokens } from '../../styles/theme.js';
import { PixElement } from '../../util/pix-element.js';
import { contentHtml } from '../../util/sanitize.js';
import { styles } from './pix-checkpoint.styles.js';

const ICONS: Record<'ok' | 'ko' | 'other', ReturnType<typeof svg>> = {
  ok: svg`<path d="M3 8.5l3.2 3.2L13 4.8" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`,
  ko: svg`<path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>`,
  other: svg`<path d="M3 8h10" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>`,
};
const iconOf = (status: AnswerStatus) => (status === 'ok' ? ICONS.ok : status === 'aband' || status === 'unimplemented' ? ICONS.other : ICONS.ko);

/**
 * The checkpoint every 5 answers (and the final one): which answers were right, each
 * with its correction and tutorials, then "Continuer" (or "Voir mes résultats").
 * The result of each answer is written out, not only coloured or iconised.
 *
 * @fires pix-checkpoint-continue - the learner goes on (`{ checkpointId }`).
 * @csspart card - the checkpoint's card.
 */
@customElement('pix-checkpoint')
export class PixCheckpoint extends PixElement {
  static override styles = [tokens, base, styles];

  @property({ attribute: false }) checkpoint?: Checkpoint;
  @property({ type: Boolean }) busy = false;

  @query('h2') private heading?: HTMLElement;

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.heading?.focus();
  }

  override render() {
    const cp = this.checkpoint;
    if (!cp) return nothing;
    const ok = cp.answers.filter((a) => a.status === 'ok').length;
    return html`
      <section class="card" part="card" aria-labelledby="checkpoint-heading">
        <h2 id="checkpoint-heading" tabindex="-1">${this.m.checkpoint.title(cp.final)}</h2>
        <p>${this.m.checkpoint.intro(ok, cp.answers.length)}</p>
        <ol>
          ${cp.answers.map((a) => this.renderAnswer(a))}
        </ol>
        <div class="actions end">
          <button type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.onContinue}>
            ${cp.final ? this.m.checkpoint.seeResults : this.m.checkpoint.next}
          </button>
        </div>
      </section>
    `;
  }

  private renderAnswer(a: CheckpointAnswer) {
    const m = this.m.checkpoint;
    return html`<li>
      <div class="line">
        <strong>${m.question} ${a.number}</strong>
        <span class="badge ${a.status}"><svg viewBox="0 0 16 16" aria-hidden="true">${iconOf(a.status)}</svg>${m.status[a.status]}</span>
      </div>
      <details>
        <summary>${m.details}<span class="visually-hidden"> — ${m.question} ${a.number}</span></summary>
        <dl>
          <dt>${m.question}</dt>
          <dd>${contentHtml(a.instructionHtml)}</dd>
          <dt>${m.given}</dt>
          <dd>${a.givenAnswer || m.noAnswer}</dd>
          ${a.correction?.solutionHtml ? html`<dt>${m.solution}</dt><dd>${contentHtml(a.correction.solutionHtml)}</dd>` : nothing}
          ${a.correction?.explanationHtml ? html`<dt>${m.explanation}</dt><dd>${contentHtml(a.correction.explanationHtml)}</dd>` : nothing}
          ${a.tutorials.length
            ? html`<dt>${m.tutorials}</dt>
                <dd>
                  <ul>
                    ${a.tutorials.map(
                      (t) => html`<li>
                        <a href=${t.url} target="_blank" rel="noopener noreferrer">${t.title}</a>
                        <span class="muted">(${m.tutorialMeta(m.formats[t.format], t.durationMinutes)})</span>
                        <span class="visually-hidden">${this.m.common.opensInNewWindow}</span>
                      </li>`,
                    )}
                  </ul>
                </dd>`
            : nothing}
        </dl>
      </details>
    </li>`;
  }

  private onContinue(): void {
    if (this.busy || !this.checkpoint) return;
    this.emit('pix-checkpoint-continue', { checkpointId: this.checkpoint.id });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-checkpoint': PixCheckpoint;
  }
}
