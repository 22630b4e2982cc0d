import { css } from 'lit';

export const styles = css`
  :host {
    max-width: var(--_max-width);
    margin-inline: auto;
    padding: clamp(0.5rem, 3vw, 1.5rem);
  }
  .title {
    font-size: 1.125rem;
    color: var(--_muted);
    margin: 0 0 0.75rem;
  }
  .intro ul {
    padding-left: 1.25rem;
    margin: 0 0 1rem;
  }
  .intro li {
    margin-bottom: 0.375rem;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin-bottom: 1rem;
    font-size: 0.9375rem;
  }
  progress {
    flex: 1;
    height: 0.5rem;
    accent-color: var(--_primary);
  }
  .center {
    text-align: center;
    padding: 2rem 1rem;
  }
`;
