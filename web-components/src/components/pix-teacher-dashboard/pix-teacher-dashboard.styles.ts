import { css } from 'lit';

export const styles = css`
  :host {
    max-width: 72rem;
    margin-inline: auto;
    padding: clamp(0.5rem, 3vw, 1.5rem);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: flex-start;
    gap: 0.75rem;
    margin-bottom: 1rem;
  }
  .head h1 {
    margin-bottom: 0.25rem;
  }
  .head .actions {
    margin-top: 0;
  }
  section.card + section.card {
    margin-top: 1rem;
  }
  .summary {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.75rem;
    list-style: none;
    padding: 0;
    margin: 0 0 0.75rem;
  }
  .summary li {
    border: 1px solid var(--_divider);
    border-left: 6px solid var(--_s);
    border-radius: var(--_radius-small);
    padding: 0.5rem 0.75rem;
  }
  .summary strong {
    display: block;
    font-size: 1.5rem;
  }
  .stack {
    display: block;
    width: 100%;
    height: 0.75rem;
    border-radius: 999px;
    overflow: hidden;
    border: 1px solid var(--_border);
    margin-bottom: 0.5rem;
  }
  .s-NOT_STARTED {
    --_s: var(--_border);
  }
  .s-IN_PROGRESS {
    --_s: var(--_warning);
  }
  .s-TO_SHARE {
    --_s: var(--_primary);
  }
  .s-SHARED {
    --_s: var(--_success);
  }
  .stack rect {
    fill: var(--_s);
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    white-space: nowrap;
  }
  .status::before {
    content: '';
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: var(--_s);
    flex: none;
  }
  .filter {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }
  .filter label {
    font-weight: 600;
  }
  select {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.375rem 0.75rem;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: var(--_radius-small);
  }
  .scroll {
    border: 1px solid var(--_divider);
    border-radius: var(--_radius-small);
  }
  .scroll:focus-visible {
    outline: 3px solid var(--_focus);
  }
  td.num {
    white-space: nowrap;
  }
  h3 {
    margin-top: 1.5rem;
  }
  td button {
    white-space: nowrap;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.9375rem;
  }
  .delivery-failed {
    color: var(--_error);
    font-weight: 700;
  }
  .delivery-delivered {
    color: var(--_success);
    font-weight: 700;
  }
  pix-competence-chart {
    margin-bottom: 1rem;
  }
`;
