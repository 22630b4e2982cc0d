import { css } from 'lit';

export const styles = css`
  .chart {
    display: grid;
    gap: 0.5rem;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(4.5rem, 15rem) 1fr auto;
    align-items: center;
    gap: 0.75rem;
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name .code {
    display: inline-block;
    min-width: 2.25rem;
  }
  svg {
    width: 100%;
    height: 1.25rem;
    display: block;
  }
  .value {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    min-width: 3.5rem;
    text-align: right;
  }
  rect {
    /* The bar stretches with its container: keep strokes 1 px whatever the scale. */
    vector-effect: non-scaling-stroke;
  }
  rect.empty {
    fill: var(--_background);
    stroke: var(--_border);
    stroke-width: 1;
  }
  .a1 {
    fill: var(--_area-1);
  }
  .a2 {
    fill: var(--_area-2);
  }
  .a3 {
    fill: var(--_area-3);
  }
  .a4 {
    fill: var(--_area-4);
  }
  .a5 {
    fill: var(--_area-5);
  }
  @media (max-width: 30rem) {
    .row {
      grid-template-columns: 3rem 1fr auto;
    }
    .name .label {
      display: none;
    }
  }
`;
