/** HTML escaping and the tiny pages Moodle answers with (auto-submit forms, error pages). */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A template literal tag that escapes every interpolated value unless it is `raw(...)`. */
export class RawHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}
export const raw = (html: string): RawHtml => new RawHtml(html);

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += renderValue(value) + strings[i + 1]!;
  });
  return new RawHtml(out);
}

function renderValue(value: unknown): string {
  if (value instanceof RawHtml) return value.html;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/**
 * The page Moodle prints to move the browser on with a POST (`lti_post_launch_html`, auth.php):
 * one form of hidden fields and a script that submits it on load.
 */
export function autoSubmitPage(options: { action: string; fields: Record<string, string>; formName: string; title?: string }): string {
  const inputs = Object.entries(options.fields)
    .map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}"/>\n`)
    .join('');
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? 'Lancement')}</title></head>
<body>
<form action="${escapeHtml(options.action)}" name="${options.formName}" id="${options.formName}" method="post" encType="application/x-www-form-urlencoded">
${inputs}  <noscript><button type="submit">Continuer</button></noscript>
</form>
<script type="text/javascript">
//<![CDATA[
document.${options.formName}.submit();
//]]>
</script>
</body></html>
`;
}

/** A Moodle-like error page: the message, the error code Moodle would show, and no redirect. */
export function errorPage(title: string, message: string, code: string): string {
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
<div role="alert" class="alert alert-danger" data-error-code="${escapeHtml(code)}"><p>${escapeHtml(message)}</p>
<p class="errorcode">Code d’erreur : ${escapeHtml(code)}</p></div></main></body></html>
`;
}
