import { randomBytes } from 'node:crypto';
import escapeHtml from 'escape-html';
import type { Response } from 'express';

export { escapeHtml };

/** JSON safe inside `<script type="application/json">`: no `</script>` or HTML comment can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface PageSecurity {
  /** Origins allowed to frame the page (CSP frame-ancestors): the registered platform's. `*` for pages without secrets. */
  frameAncestors: string[];
  /** Extra origins forms may be sent to (the platform's auth endpoint, its deep-link return URL). */
  formAction?: string[];
  /** Outside origins the page may frame (the item bank's embedded simulators); none by default. */
  frameSrc?: string[];
  /** Outside origins the page may show images from (the item bank's illustrations); only its own by default. */
  imgSrc?: string[];
}

/** A CSP source list takes origins only: anything else (a space, a `;`, a keyword) could widen or break the policy. */
const cspOrigins = (origins: readonly string[] = []) => origins.filter((o) => /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o));

/** A fresh CSP nonce per response: inline scripts run only with it. */
export const cspNonce = () => randomBytes(16).toString('base64');

export function contentSecurityPolicy(nonce: string, security: PageSecurity): string {
  const ancestors = security.frameAncestors.length > 0 ? security.frameAncestors.join(' ') : "'none'";
  const frames = cspOrigins(security.frameSrc);
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    ["img-src 'self' data:", ...cspOrigins(security.imgSrc)].join(' '),
    ...(frames.length > 0 ? [`frame-src ${frames.join(' ')}`] : []),
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${(security.formAction ?? []).join(' ')}`.trim(),
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1b1b35;background:#fff}
body{margin:0;padding:1.5rem;max-width:48rem}
h1{font-size:1.5rem;margin:0 0 1rem}
p,li{font-size:1rem}
.muted{color:#4a4a68}
button,.button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:2px solid #3d68ff;background:#3d68ff;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f3fb8}
:focus-visible{outline:3px solid #1f3fb8;outline-offset:2px}
code{background:#f1f1f6;padding:.1rem .3rem;border-radius:.2rem}
fieldset{border:1px solid #c8c8d8;border-radius:.4rem;padding:1rem}
label{display:block;margin:.4rem 0}
.error{border-left:4px solid #c2152f;padding-left:1rem}
[hidden]{display:none!important}
`;

export interface Page {
  title: string;
  /** Trusted HTML (built with escapeHtml). */
  body: string;
  /** Trusted script text, run with the page's CSP nonce. */
  script?: string;
  /** Extra trusted `<head>` HTML; `{{nonce}}` is replaced by the CSP nonce. */
  head?: string;
}

/** Sends an LTI page: French, never cached (it may hold a session token), with its CSP. */
export function sendPage(res: Response, status: number, page: Page, security: PageSecurity): void {
  const nonce = cspNonce();
  const head = (page.head ?? '').replaceAll('{{nonce}}', nonce);
  const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
${head}
</head>
<body>
${page.body}
${page.script ? `<script nonce="${nonce}">${page.script}</script>` : ''}
</body>
</html>
`;
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': contentSecurityPolicy(nonce, security),
    })
    .send(html);
}
