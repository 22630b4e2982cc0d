import { css } from 'lit';
/**
 * The design tokens and base styles are web-components' (shared look, one place to
 * theme); the admin panel adds only what a back-office needs: forms and layout.
 */
export { base, tokens } from '../../../web-components/src/styles/theme.js';

export const forms = css`
  form {
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-bottom: 1rem;
    max-width: 32rem;
  }
  label {
    font-weight: 600;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  input,
  select {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-small);
    background: var(--_surface);
    color: var(--_text);
  }
  input[type='checkbox'],
  input[type='radio'] {
    min-height: auto;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0 0.5rem 0 0;
    vertical-align: middle;
  }
  details {
    margin: 0 0 1rem;
  }
  summary {
    cursor: pointer;
    padding: 0.25rem 0;
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  .field-error {
    color: var(--_error);
    font-weight: 600;
  }
  .inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: flex-end;
  }
  .inline .field {
    margin-bottom: 0;
  }
  fieldset {
    border: 1px solid var(--_divider);
    border-radius: var(--_radius-small);
    padding: 1rem;
    margin: 0 0 1rem;
  }
  legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  button.danger {
    background: var(--_error);
    border-color: var(--_error);
  }
  .stack > * + * {
    margin-top: 1.5rem;
  }
  code,
  .mono {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9375rem;
    overflow-wrap: anywhere;
  }
`;
