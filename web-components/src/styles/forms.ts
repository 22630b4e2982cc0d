import { css } from 'lit';

/** A block host with a stacked form card: labels above their fields (certification screens). */
export const formCard = css`
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
    box-sizing: border-box;
  }
`;
