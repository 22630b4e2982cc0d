import { css } from 'lit';

export const styles = css`
  header {
    margin-bottom: 1rem;
  }
  header h2 {
    margin-bottom: 0.25rem;
  }
  .competence {
    margin: 0;
    font-size: 0.9375rem;
  }
  pix-timer {
    margin-bottom: 1rem;
  }
  .instruction {
    font-size: 1.0625rem;
    margin-bottom: 1.25rem;
    overflow-wrap: anywhere;
  }
  .instruction img,
  figure img {
    max-width: 100%;
    height: auto;
  }
  .instruction table {
    display: block;
    overflow-x: auto;
  }
  figure {
    margin: 0 0 1.25rem;
    text-align: center;
  }
  figure img {
    border-radius: var(--_radius-small);
    border: 1px solid var(--_divider);
  }
  iframe {
    display: block;
    width: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-small);
    margin-bottom: 1.25rem;
    background: var(--_surface);
  }
  .attachments {
    margin-bottom: 1.25rem;
  }
  .attachments ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.75rem;
  }
  .choices {
    display: grid;
    gap: 0.625rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_divider);
    border-radius: var(--_radius-small);
    background: var(--_surface);
    cursor: pointer;
  }
  .choice:hover {
    border-color: var(--_primary);
  }
  .choice:has(input:checked) {
    border-color: var(--_primary);
    background: var(--_primary-soft);
  }
  .choice:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125rem 0 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .choice input:focus-visible {
    outline: none;
  }
  .choice span > :last-child {
    margin-bottom: 0;
  }
  .fields {
    display: grid;
    gap: 1rem;
  }
  .field label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input[type='text'],
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: var(--_radius-small);
    padding: 0.5rem 0.75rem;
    min-height: 2.75rem;
    max-width: 100%;
  }
  .fields input {
    width: min(100%, 24rem);
  }
  .unit {
    margin-left: 0.375rem;
    font-weight: 600;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .layout {
    line-height: 2.4;
  }
  .layout input,
  .layout select {
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
    margin: 0 0.25rem;
    vertical-align: baseline;
  }
  .error {
    margin-top: 1rem;
  }
  .actions {
    justify-content: flex-end;
  }
`;
