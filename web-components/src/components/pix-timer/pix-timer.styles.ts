import { css } from 'lit';

export const styles = css`
  .timer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.625rem 0.875rem;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius-small);
    background: var(--_primary-soft);
  }
  .timer.low {
    border-color: var(--_warning);
    background: var(--_warning-soft);
  }
  .timer.over {
    border-color: var(--_error);
    background: var(--_error-soft);
  }
  .value {
    font-weight: 700;
    font-size: 1.25rem;
    font-variant-numeric: tabular-nums;
    min-width: 3.5ch;
  }
  .hint {
    font-weight: 600;
    color: var(--_text);
  }
  .bar {
    flex: 1 1 8rem;
    height: 0.5rem;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    overflow: hidden;
  }
  .bar rect {
    fill: var(--_primary);
  }
  .low .bar rect {
    fill: var(--_warning);
  }
`;
