import { html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base, tokens } from '../../styles/theme.js';
import { PixElement } from '../../util/pix-element.js';
import { styles } from './pix-competence-chart.styles.js';

export interface ChartItem {
  code: string;
  name: string;
  areaCode: string;
  /** May be fractional (a class average). */
  level: number;
  maxLevel: number;
}

const SEGMENT = 40;
const GAP = 4;

/**
 * Levels per competence as segmented bars (one segment per level, coloured by area).
 * It is a picture: the whole chart is one image whose accessible name says where the
 * same figures are written out — its host always shows them in a table too.
 *
 * @csspart chart - the chart container.
 */
@customElement('pix-competence-chart')
export class PixCompetenceChart extends PixElement {
  static override styles = [tokens, base, styles];

  @property({ attribute: false }) items: ChartItem[] = [];
  /** Accessible name of the picture. */
  @property() label = '';

  override render() {
    return html`<div class="chart" part="chart" role="img" aria-label=${this.label}>
      ${this.items.map((item) => this.renderRow(item))}
    </div>`;
  }

  private renderRow(item: ChartItem) {
    const max = Math.max(1, item.maxLevel);
    const width = max * SEGMENT;
    const area = /^[1-5]$/.test(item.areaCode) ? `a${item.areaCode}` : 'a3';
    const shown = Number.isInteger(item.level) ? String(item.level) : item.level.toFixed(1).replace('.', this.uiLocale === 'fr' ? ',' : '.');
    return html`<div class="row">
      <span class="name" title=${item.name}><span class="code">${item.code}</span> <span class="label">${item.name}</span></span>
      <svg viewBox="0 0 ${width} 16" preserveAspectRatio="none" aria-hidden="true">
        ${Array.from({ length: max }, (_, i) => {
          const x = i * SEGMENT;
          const fill = Math.max(0, Math.min(1, item.level - i));
          return svg`<rect class="empty" x=${x + GAP / 2} y="1" width=${SEGMENT - GAP} height="14"></rect>
            ${fill > 0 ? svg`<rect class=${area} x=${x + GAP / 2} y="1" width=${(SEGMENT - GAP) * fill} height="14"></rect>` : ''}`;
        })}
      </svg>
      <span class="value">${shown}/${max}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-competence-chart': PixCompetenceChart;
  }
}
