/** HTML pages the fake server serves to the browser tests, screenshots and benchmark. */

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const PAGE_STYLE = 'html,body{margin:0;min-height:100%;background:#f5f6fa}';

/**
 * Like the tool's launch page (lti-core, `lti/launch/http/launch-page.ts`): the bundle, a
 * server-rendered fallback inside `<pix-launch-app>`, the JSON launch configuration, and
 * the same Content-Security-Policy (nonce-based scripts and styles, `connect-src 'self'`),
 * plus `frame-src 'self'` for the embedded simulators (which the tool's CSP must add).
 */
export function LAUNCH_PAGE(o: { token: string; view: 'learner' | 'instructor' | 'deep-linking'; locale: string; apiBase: string; acceptMultiple: boolean; nonce: string }): string {
  const toolUrl = o.apiBase.replace(/\/api$/, '');
  const config = {
    token: o.token,
    apiBase: o.apiBase,
    view: o.view,
    locale: o.locale,
    activity: o.view === 'deep-linking' ? undefined : { type: 'campaign', id: 'campaign-1' },
    context: { id: 'course-1', label: '3E-B', title: '3e B — Numérique' },
    resourceLink: o.view === 'deep-linking' ? undefined : { id: 'link-1', title: 'Évaluation Pix' },
    deepLinking:
      o.view === 'deep-linking'
        ? { itemsUrl: `${toolUrl}/api/lti/deep-linking/items`, responseUrl: `${toolUrl}/api/lti/deep-linking/response`, acceptMultiple: o.acceptMultiple, acceptTypes: ['ltiResourceLink'] }
        : undefined,
    user: {},
  };
  return `<!doctype html>
<html lang="${o.locale.slice(0, 2)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pix</title>
<style nonce="${o.nonce}">${PAGE_STYLE}</style>
<script nonce="${o.nonce}">window.litNonce=document.currentScript.nonce;</script>
<script type="module" src="/static/pix-components.js"></script>
</head>
<body>
<pix-launch-app>
<main id="pix-launch-fallback"><h1>Pix</h1><p>Chargement de l’activité…</p></main>
</pix-launch-app>
<script type="application/json" id="pix-launch-config">${escapeJson(config)}</script>
</body>
</html>`;
}

export function launchPageCsp(nonce: string, frameAncestors: string[]): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "form-action 'self'",
    `frame-ancestors 'self' ${frameAncestors.join(' ')}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** An ENT page: any page with the script and an element. */
export function ENT_PAGE(o: { token: string; code: string; lang: string; bundle: string; apiBase: string }): string {
  return `<!doctype html>
<html lang="${escapeAttr(o.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ENT — Mon espace</title>
<style>${PAGE_STYLE} header{background:#00565e;color:#fff;padding:12px 20px;font:600 18px sans-serif} pix-campaign{--pix-color-primary:#00656e;--pix-color-primary-strong:#004a51;--pix-color-primary-soft:#e3f3f4}</style>
<script type="module" src="${escapeAttr(o.bundle)}"></script>
</head>
<body>
<header>Mon ENT</header>
<main>
<pix-campaign code="${escapeAttr(o.code)}" token="${escapeAttr(o.token)}"${o.apiBase ? ` api-base="${escapeAttr(o.apiBase)}"` : ''}></pix-campaign>
</main>
</body>
</html>`;
}

/** A page of another site framing a launch, as an LMS does. */
export function OUTER_FRAME_PAGE(src: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>LMS</title><style>body{margin:0;font-family:sans-serif}iframe{width:100%;height:900px;border:0}</style></head>
<body><h1 style="font-size:18px;padding:8px">Moodle — 3e B</h1><iframe title="Activité Pix" src="${escapeAttr(src)}" allow="fullscreen"></iframe></body>
</html>`;
}

/** An empty page with the bundle, where a test mounts one element and sets its properties. */
export function COMPONENT_PAGE(lang: string, width: string): string {
  return `<!doctype html>
<html lang="${escapeAttr(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Composant</title>
<style>${PAGE_STYLE} main{padding:16px;} .host-title{font:600 14px sans-serif;color:#4b5468;margin:0 0 8px} #root{${width ? `max-width:${escapeAttr(width)};` : ''}}</style>
<script type="module" src="/static/pix-components.js"></script>
</head>
<body><main><h1 class="host-title">Page d’accueil de l’élément</h1><div id="root"></div></main></body>
</html>`;
}

/** A simulator that posts its answer to the player, as Pix embeds do. */
export const EMBED_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Simulator</title>
<style>body{font-family:sans-serif;margin:12px;color:#1f2433}button{font:inherit;padding:6px 12px}</style></head>
<body>
<p>Search the archive, then send the word you found.</p>
<button type="button" id="send">Send “pixel”</button>
<script>document.getElementById('send').addEventListener('click', () => parent.postMessage({ from: 'pix', type: 'answer', answer: 'pixel' }, '*'));</script>
</body>
</html>`;
