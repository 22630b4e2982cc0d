import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  form.card {
    display: grid;
    gap: 0.75rem;
    max-width: 32rem;
  }
  label {
    display: block;
    font-weight: 600;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 0.5rem;
    border: 1px solid var(--_text-muted, #555);
    border-radius: 4px;
    width: 100%;
    box-sizing: border-box;
  }
  .hint {
    font-weight: normal;
    font-size: 0.9375rem;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.75rem;
    margin-bottom: 1rem;
  }
  .clock {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    font-size: 1.125rem;
  }
  .report {
    margin-top: 1rem;
  }
`;
