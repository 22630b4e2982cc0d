import { html, raw, type RawHtml } from '../http/html.js';
import type { User } from '../model/types.js';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f5f6f8;line-height:1.5}
a{color:#0b4fa8}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f0a400;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:.5rem;z-index:10}
header{background:#0f2b5b;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header a{color:#fff}header nav ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
.card{background:#fff;border:1px solid #d0d5dd;border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
.note{background:#fff8e1;border-left:4px solid #b26a00;padding:.5rem 1rem}
button,.button{font:inherit;background:#0b4fa8;color:#fff;border:0;border-radius:6px;padding:.4rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#0b4fa8;border:1px solid #0b4fa8}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d0d5dd;padding:.4rem .6rem;text-align:left}th{background:#eef1f5}
label{display:block;font-weight:600;margin-top:.6rem}input[type=text],input[type=url]{width:100%;padding:.4rem;border:1px solid #69707d;border-radius:4px;font:inherit}
iframe.lti{width:100%;height:75vh;border:1px solid #d0d5dd;border-radius:8px;background:#fff}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.85rem;background:#e0e7f1}.badge.pending{background:#ffe0b2}
`;

/** The demo LMS page frame: French, skip link, landmarks, the logged-in user and a note on in-memory data. */
export function layout(options: { title: string; user?: User; body: RawHtml | string }): string {
  return html`<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — Éléa démo</title><style>${raw(STYLE)}</style></head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header>
  <strong><a href="/">Éléa démo</a></strong>
  <nav aria-label="Navigation principale"><ul><li><a href="/">Accueil</a></li><li><a href="/admin/tool/lti/index.php">Administration des outils</a></li></ul></nav>
  <span>${options.user ? `Connecté en tant que ${options.user.firstname} ${options.user.lastname}` : 'Non connecté'}</span>
</header>
<main id="contenu" tabindex="-1">
<h1>${options.title}</h1>
${typeof options.body === 'string' ? options.body : options.body}
</main>
</body></html>`.html;
}
