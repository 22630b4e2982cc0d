import type { PublicCertificate } from '../domain/certification-result.js';
import { COMPETENCES } from '../domain/rules.js';
import { frenchDate } from '../infrastructure/attestation-pdf.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The public verification page (French, RGAA: labelled field, visible focus, the
 * result announced by a live region, sufficient contrast, no script).
 */
export function verificationPage(input: { code?: string; certificate?: PublicCertificate; error?: string; attestationUrl?: string }): string {
  const result = input.certificate ? certificateSection(input.certificate, input.attestationUrl) : input.error ? `<p class="error">${escape(input.error)}</p>` : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Vérifier une certification Pix</title>
<style>
body{font-family:system-ui,sans-serif;color:#1f2a44;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{color:#3d2fa0}label{display:block;font-weight:600;margin-bottom:.25rem}
input{font-size:1.1rem;padding:.4rem;border:2px solid #4a5568;border-radius:4px}
button{font-size:1.1rem;padding:.45rem 1rem;background:#3d2fa0;color:#fff;border:0;border-radius:4px;cursor:pointer}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.error{color:#a4001d;font-weight:600}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.2rem .4rem;border-bottom:1px solid #d0d5dd}
</style>
</head>
<body>
<main>
<h1>Vérifier une certification Pix</h1>
<form method="get" action="">
<label for="code">Code de vérification (figurant sur l’attestation)</label>
<p id="code-hint">Format : P- suivi de 8 caractères, par exemple P-7KD3XBQ9.</p>
<input id="code" name="code" autocomplete="off" spellcheck="false" aria-describedby="code-hint" required value="${escape(input.code ?? '')}">
<button type="submit">Vérifier</button>
</form>
<section aria-live="polite">${result}</section>
</main>
</body>
</html>`;
}

function certificateSection(c: PublicCertificate, attestationUrl?: string): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  const levels = new Map(c.competenceLevels.map((l) => [l.competenceId, l.level]));
  const rows = c.status === 'validated' ? COMPETENCES.map((k) => `<tr><th scope="row">${k.id} ${escape(k.name)}</th><td>Niveau ${levels.get(k.id) ?? 0}</td></tr>`).join('') : '';
  return `<h2>Certification ${c.status === 'validated' ? 'validée' : 'non validée'}</h2>
<dl>
${name ? `<dt>Candidat·e</dt><dd>${escape(name)}</dd>` : ''}
<dt>Centre</dt><dd>${escape(c.centre.name)} (UAI ${escape(c.centre.uai)})</dd>
<dt>Date</dt><dd>${frenchDate(c.certifiedOn)}, valable jusqu’au ${frenchDate(c.validUntil)}</dd>
${c.status === 'validated' ? `<dt>Score</dt><dd>${c.pixScore} pix sur 895</dd>` : ''}
<dt>Code de vérification</dt><dd>${escape(c.verificationCode)}</dd>
</dl>
${rows ? `<table><caption>Niveau par compétence</caption><tbody>${rows}</tbody></table>` : ''}
${attestationUrl ? `<p><a href="${escape(attestationUrl)}">Télécharger l’attestation (PDF)</a></p>` : ''}`;
}
