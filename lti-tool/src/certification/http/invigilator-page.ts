import type { Router } from 'express';
import { sendPage } from '../../lti/shared/html.js';

export const INVIGILATOR_PAGE_PATH = '/certification/surveillance';

/**
 * The invigilator's page: `<pix-invigilator>` from the tool's bundle, never framed, with
 * a strict CSP. Without JavaScript it says so (the space needs the live list).
 */
export function invigilatorPageRoutes(router: Router): void {
  router.get(INVIGILATOR_PAGE_PATH, (_req, res) => {
    sendPage(
      res,
      200,
      {
        title: 'Pix — espace surveillant',
        head: `<script nonce="{{nonce}}">window.litNonce=document.currentScript.nonce;</script>
<style nonce="{{nonce}}">body{max-width:80rem}</style>
<script type="module" src="/static/pix-components.js"></script>`,
        body: `<main>
<pix-invigilator lang="fr" api-base="/api">
<h1>Espace surveillant</h1>
<noscript><p>Cette page a besoin de JavaScript pour afficher la liste des candidats en direct.</p></noscript>
</pix-invigilator>
</main>`,
      },
      { frameAncestors: [] },
    );
  });
}
