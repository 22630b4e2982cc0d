import { css } from 'lit';

/**
 * Design tokens. Every colour, font and radius reads a `--pix-*` custom property with
 * our default as fallback, so an ENT or an LMS theme can match its own colours by
 * setting them on the element or any ancestor (they inherit through shadow roots).
 * The defaults meet WCAG 2.1 AA: text ≥ 4.5:1, borders and graphics ≥ 3:1.
 * See docs/guides/theming.md for the list.
 */
export const tokens = css`
  :host {
    --_primary: var(--pix-color-primary, #3446c2);
    --_primary-strong: var(--pix-color-primary-strong, #27359a);
    --_on-primary: var(--pix-color-on-primary, #ffffff);
    --_primary-soft: var(--pix-color-primary-soft, #eef0fc);
    --_text: var(--pix-color-text, #1f2433);
    --_muted: var(--pix-color-text-muted, #4b5468);
    --_surface: var(--pix-color-surface, #ffffff);
    --_background: var(--pix-color-background, #f5f6fa);
    --_border: var(--pix-color-border, #767d92);
    --_divider: var(--pix-color-divider, #dfe2ee);
    --_focus: var(--pix-color-focus, #1b2a8a);
    --_success: var(--pix-color-success, #1d7a46);
    --_success-soft: var(--pix-color-success-soft, #e7f5ec);
    --_error: var(--pix-color-error, #b3261e);
    --_error-soft: var(--pix-color-error-soft, #fdecea);
    --_warning: var(--pix-color-warning, #8a5a00);
    --_warning-soft: var(--pix-color-warning-soft, #fff4d6);
    --_area-1: var(--pix-color-area-1, #b4400b);
    --_area-2: var(--pix-color-area-2, #0f7a5c);
    --_area-3: var(--pix-color-area-3, #1d5fd1);
    --_area-4: var(--pix-color-area-4, #b91c4b);
    --_area-5: var(--pix-color-area-5, #6d3fc0);
    --_font: var(--pix-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif);
    --_radius: var(--pix-radius, 12px);
    --_radius-small: var(--pix-radius-small, 8px);
    --_max-width: var(--pix-max-width, 46rem);
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--pix-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    -webkit-text-size-adjust: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
`;

/** Shared building blocks: buttons, focus ring, notices, tables, visually hidden text. */
export const base = css`
  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 0.75rem;
    color: var(--_text);
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.0625rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }
  a:hover {
    color: var(--_primary-strong);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 4px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  code,
  kbd {
    font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
    font-size: 0.9375em;
    background: var(--_background);
    border: 1px solid var(--_divider);
    border-radius: 4px;
    padding: 0.05em 0.35em;
  }
  kbd {
    border-bottom-width: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .card {
    background: var(--_surface);
    border: 1px solid var(--_divider);
    border-radius: var(--_radius);
    padding: clamp(1rem, 4vw, 1.75rem);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    margin-top: 1.25rem;
  }
  .actions.end {
    justify-content: flex-end;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius-small);
    border: 2px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
    text-decoration: none;
  }
  button:hover,
  .button:hover {
    background: var(--_primary-strong);
    border-color: var(--_primary-strong);
    color: var(--_on-primary);
  }
  button.secondary {
    background: var(--_surface);
    color: var(--_primary);
  }
  button.secondary:hover {
    background: var(--_primary-soft);
    color: var(--_primary-strong);
  }
  button.link {
    background: none;
    border: none;
    color: var(--_primary);
    padding: 0.25rem 0;
    min-height: 0;
    text-decoration: underline;
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .notice {
    border-radius: var(--_radius-small);
    padding: 0.875rem 1rem;
    border-left: 6px solid var(--_primary);
    background: var(--_primary-soft);
    margin: 0 0 1rem;
  }
  .notice > :last-child {
    margin-bottom: 0;
  }
  .notice.warning {
    border-color: var(--_warning);
    background: var(--_warning-soft);
  }
  .notice.error {
    border-color: var(--_error);
    background: var(--_error-soft);
  }
  .notice.success {
    border-color: var(--_success);
    background: var(--_success-soft);
  }
  .notice-title {
    font-weight: 700;
    margin: 0 0 0.25rem;
  }
  .muted {
    color: var(--_muted);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding-bottom: 0.5rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem 0.625rem;
    border-bottom: 1px solid var(--_divider);
    vertical-align: top;
  }
  th {
    font-weight: 700;
  }
  thead th {
    border-bottom: 2px solid var(--_border);
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  @media (prefers-reduced-motion: no-preference) {
    button,
    .button {
      transition:
        background-color 120ms ease,
        border-color 120ms ease;
    }
  }
`;
