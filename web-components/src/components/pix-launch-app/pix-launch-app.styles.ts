import { css } from 'lit';

export const styles = css`
  :host {
    min-height: 100%;
    background: var(--_background);
  }
  .center {
    text-align: center;
    padding: 2rem 1rem;
  }
`;
