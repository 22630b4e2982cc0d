import type { Response } from 'express';
import { requestIdOf } from '../../../platform/http/error-handler.js';
import { escapeHtml, sendPage } from '../../shared/html.js';

/**
 * The small pages of the cookie-less launch (docs/adr/0005-cookieless-launch.md). Their
 * behaviour is declarative (data attributes) and one generic script runs it, so a test
 * client without JavaScript can follow exactly the same steps:
 * - `form[data-auto-submit]` is submitted on load;
 * - `data-storage-set="<key>"` + `data-storage-value="<v>"`: sessionStorage.setItem(key, v) first;
 * - `data-storage-get="<key>"` + `data-storage-field="<input name>"`: the input gets
 *   sessionStorage.getItem(key) first; if storage is unavailable the form is not
 *   submitted and `#pix-lti-new-tab` is shown instead.
 */
const RUNNER = `(function(){
var f=document.querySelector('form[data-auto-submit]');if(!f)return;
var fallback=document.getElementById('pix-lti-new-tab');
try{
 var setKey=f.getAttribute('data-storage-set');
 if(setKey){try{sessionStorage.setItem(setKey,f.getAttribute('data-storage-value'));}catch(e){}}
 var getKey=f.getAttribute('data-storage-get');
 if(getKey){var v=sessionStorage.getItem(getKey);sessionStorage.removeItem(getKey);f.elements[f.getAttribute('data-storage-field')].value=v||'';}
}catch(e){if(fallback){fallback.hidden=false;var w=document.getElementById('pix-lti-waiting');if(w)w.hidden=true;fallback.querySelector('button').focus();}return;}
if(fallback)fallback.hidden=true;
f.submit();
})();`;

export const storageKeyOf = (state: string) => `pix-lti-binding:${state.slice(0, 16)}`;

const hidden = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');

/** After login: remember the binding secret in this frame, then go to the platform's auth endpoint. */
export function sendLoginRedirectPage(
  res: Response,
  input: { authUrl: string; authParams: Record<string, string>; state: string; bindingSecret: string; frameAncestors: string[] },
): void {
  const auth = new URL(input.authUrl);
  // A GET form replaces the action's query: carry its parameters as fields.
  const params: Record<string, string> = Object.fromEntries(auth.searchParams);
  Object.assign(params, input.authParams);
  auth.search = '';
  sendPage(
    res,
    200,
    {
      title: 'Connexion à votre plateforme…',
      body: `<main>
<form id="pix-lti-continue" method="get" action="${escapeHtml(auth.href)}" data-auto-submit data-storage-set="${escapeHtml(storageKeyOf(input.state))}" data-storage-value="${escapeHtml(input.bindingSecret)}">
${hidden(params)}
<p role="status">Connexion à votre plateforme…</p>
<noscript><button type="submit">Continuer</button></noscript>
</form>
</main>`,
      script: RUNNER,
    },
    { frameAncestors: input.frameAncestors, formAction: [auth.origin] },
  );
}

/** No cookie came back: the frame proves it started the login with the secret it stored. */
export function sendBindPage(res: Response, input: { state: string; ticket: string; frameAncestors: string[] }): void {
  sendPage(
    res,
    200,
    {
      title: 'Ouverture de l’activité…',
      body: `<main>
<form id="pix-lti-bind" method="post" action="/lti/launch/bind" data-auto-submit data-storage-get="${escapeHtml(storageKeyOf(input.state))}" data-storage-field="secret">
${hidden({ state: input.state, secret: '' })}
</form>
<p id="pix-lti-waiting" role="status">Ouverture de l’activité…</p>
<section id="pix-lti-new-tab" aria-labelledby="pix-lti-new-tab-title">
<h1 id="pix-lti-new-tab-title">Votre navigateur bloque l’ouverture dans le cours</h1>
<p>Votre navigateur empêche Pix de fonctionner à l’intérieur de la page du cours (cookies et stockage tiers bloqués). Vous pouvez continuer dans un nouvel onglet : l’activité s’y ouvrira directement.</p>
<form id="pix-lti-continue-form" method="post" action="/lti/launch/continue" target="_blank" rel="noopener">
${hidden({ ticket: input.ticket })}
<button type="submit">Continuer dans un nouvel onglet</button>
</form>
<p class="muted">Ce lien ne sert qu’une fois et expire dans 5 minutes.</p>
</section>
</main>`,
      script: RUNNER,
    },
    { frameAncestors: input.frameAncestors },
  );
}

/** A refused LTI step, for a person: what happened, what to do, and the request id for support. */
export function sendLtiErrorPage(res: Response, status: number, code: string, userMessage: string): void {
  const requestId = requestIdOf(res);
  sendPage(
    res,
    status,
    {
      title: 'Pix — ouverture impossible',
      body: `<main class="error">
<h1>L’activité Pix ne peut pas s’ouvrir</h1>
<p>${escapeHtml(userMessage)}</p>
<p class="muted">Si le problème persiste, transmettez ces informations à l’administrateur de votre plateforme :</p>
<ul class="muted">
<li>Code : <code>${escapeHtml(code)}</code></li>
<li>Identifiant de la requête : <code>${escapeHtml(requestId)}</code></li>
</ul>
</main>`,
    },
    // Nothing secret here: any LMS may show it, so the person sees it instead of a blank frame.
    { frameAncestors: ['*'] },
  );
}
