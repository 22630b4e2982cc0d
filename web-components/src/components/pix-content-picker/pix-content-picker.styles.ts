import { css } from 'lit';

export const styles = css`
  :host {
    max-width: 60rem;
    margin-inline: auto;
    padding: clamp(0.5rem, 3vw, 1.5rem);
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.75rem 1rem;
    margin-bottom: 1rem;
    border: none;
    padding: 0;
  }
  .filters legend {
    font-weight: 700;
    padding: 0;
    margin-bottom: 0.5rem;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input[type='search'],
  select {
    font: inherit;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    color: var(--_text);
    background: var(--_surface);
    border: 2px solid var(--_border);
    border-radius: var(--_radius-small);
  }
  ul.items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  li.item {
    border: 2px solid var(--_divider);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 0.875rem 1rem;
  }
  li.item.selected {
    border-color: var(--_primary);
    background: var(--_primary-soft);
  }
  .item-head {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
  }
  .item-head input {
    width: 1.25rem;
    height: 1.25rem;
    margin-top: 0.2rem;
    flex: none;
    accent-color: var(--_primary);
  }
  .item-head label {
    margin: 0;
    font-size: 1.0625rem;
    cursor: pointer;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem 0.75rem;
    margin: 0.375rem 0 0 2rem;
    font-size: 0.9375rem;
    color: var(--_muted);
  }
  .tag {
    font-weight: 600;
    color: var(--_primary-strong);
  }
  .preview-toggle {
    margin: 0.25rem 0 0 2rem;
  }
  .preview {
    margin: 0.5rem 0 0 2rem;
    padding-top: 0.5rem;
    border-top: 1px solid var(--_divider);
  }
  .preview ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .bar {
    position: sticky;
    bottom: 0;
    margin-top: 1rem;
    padding: 0.75rem 1rem;
    background: var(--_surface);
    border: 1px solid var(--_divider);
    border-radius: var(--_radius);
    box-shadow: 0 -4px 16px rgb(0 0 0 / 8%);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  .bar p {
    margin: 0;
    font-weight: 600;
  }
`;
