import { css } from 'lit';
import { formCard } from '../../styles/forms.js';

export const styles = [
  formCard,
  css`
    input,
    select,
    textarea {
      width: 100%;
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
  `,
];
