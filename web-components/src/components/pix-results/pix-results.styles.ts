import { css } from 'lit';

export const styles = css`
  .headline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 1rem 2rem;
    margin-bottom: 1.25rem;
  }
  .score {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    margin: 0;
    width: 9.5rem;
    height: 9.5rem;
    border-radius: 50%;
    border: 6px solid var(--_primary);
    background: var(--_primary-soft);
    text-align: center;
    flex: none;
  }
  .score strong {
    font-size: 2rem;
    line-height: 1.1;
    color: var(--_primary-strong);
  }
  .score span {
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .facts {
    flex: 1 1 14rem;
  }
  .facts p {
    margin-bottom: 0.5rem;
  }
  .certifiable {
    font-weight: 700;
  }
  section + section {
    margin-top: 1.5rem;
  }
  pix-competence-chart {
    margin-bottom: 1rem;
  }
  .share {
    border-top: 1px solid var(--_divider);
    padding-top: 1.25rem;
  }
  tbody th {
    font-weight: 500;
  }
`;
