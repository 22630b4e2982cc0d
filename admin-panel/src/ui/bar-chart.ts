import { css, html, svg, nothing } from 'lit';

export interface BarPoint {
  /** Short label under the bar (hour or day). */
  label: string;
  /** Full label for the tooltip and the table (date and time). */
  longLabel: string;
  value: number;
}

export const barChartStyles = css`
  figure.chart {
    margin: 0;
  }
  figure.chart svg {
    width: 100%;
    height: auto;
    max-height: 16rem;
    display: block;
  }
  figure.chart .bar {
    fill: var(--_primary);
  }
  figure.chart .axis {
    stroke: var(--_border);
  }
  figure.chart text {
    fill: var(--_text);
    font-size: 11px;
  }
`;

/**
 * A bar chart as SVG for sighted users (role="img" named by its title and summarised by
 * its description); the caller gives the same numbers as a table beside it, which is what
 * assistive technologies read (RGAA 1.3: a complex image has a detailed alternative).
 */
export function barChart(points: readonly BarPoint[], text: { title: string; description: string; id: string }) {
  const width = 720;
  const height = 200;
  const left = 32;
  const bottom = 24;
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = (width - left) / Math.max(1, points.length);
  const barWidth = Math.max(2, slot * 0.7);
  const scale = (v: number) => ((height - bottom - 8) * v) / max;
  const labelEvery = Math.ceil(points.length / 12);
  return html`<figure class="chart">
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${text.id}-title" aria-describedby="${text.id}-desc" focusable="false">
      <title id="${text.id}-title">${text.title}</title>
      <desc id="${text.id}-desc">${text.description}</desc>
      ${svg`<line class="axis" x1=${left} y1=${height - bottom} x2=${width} y2=${height - bottom}></line>
        <text x=${left - 4} y=${height - bottom} text-anchor="end">0</text>
        <text x=${left - 4} y=${height - bottom - scale(max) + 4} text-anchor="end">${max}</text>`}
      ${points.map((p, i) => {
        const x = left + i * slot + (slot - barWidth) / 2;
        const h = scale(p.value);
        return svg`<g>
          ${p.value > 0 ? svg`<rect class="bar" x=${x} y=${height - bottom - h} width=${barWidth} height=${h}><title>${p.longLabel} : ${p.value}</title></rect>` : nothing}
          ${i % labelEvery === 0 ? svg`<text x=${x + barWidth / 2} y=${height - 8} text-anchor="middle">${p.label}</text>` : nothing}
        </g>`;
      })}
    </svg>
  </figure>`;
}
