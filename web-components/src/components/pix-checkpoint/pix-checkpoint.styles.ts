import { css } from 'lit';

export const styles = css`
  ol {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  ol > li {
    border: 1px solid var(--_divider);
    border-radius: var(--_radius-small);
    padding: 0.75rem 1rem;
  }
  .line {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    flex-wrap: wrap;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-weight: 700;
    padding: 0.125rem 0.625rem;
    border-radius: 999px;
    border: 2px solid currentColor;
  }
  .badge.ok {
    color: var(--_success);
    background: var(--_success-soft);
  }
  .badge.ko,
  .badge.timedout,
  .badge.focusedOut {
    color: var(--_error);
    background: var(--_error-soft);
  }
  .badge.aband,
  .badge.unimplemented {
    color: var(--_muted);
    background: var(--_surface);
  }
  .badge svg {
    width: 1rem;
    height: 1rem;
  }
  details {
    margin-top: 0.5rem;
  }
  summary {
    cursor: pointer;
    color: var(--_primary);
    font-weight: 600;
    padding: 0.25rem 0;
  }
  dl {
    margin: 0.5rem 0 0;
  }
  dt {
    font-weight: 700;
    margin-top: 0.5rem;
  }
  dd {
    margin: 0.125rem 0 0;
    overflow-wrap: anywhere;
  }
  dd > :last-child {
    margin-bottom: 0;
  }
  dd ul {
    margin: 0;
    padding-left: 1.25rem;
  }
`;
