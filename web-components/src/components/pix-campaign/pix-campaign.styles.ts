import { css } from 'lit';

export const styles = css`
  :host {
    background: var(--_background);
  }
`;
