import LinkHeader from 'http-link-header';

/**
 * Typographic quotes some platforms put around `rel` values: Moodle's line item and
 * membership paging sends `rel=“next”` (U+201C/U+201D), which RFC 8288 parsers read as a
 * relation named `“next”` and so miss the next page.
 */
const TYPOGRAPHIC_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;

/**
 * The absolute URL of the next page announced in a `Link` header, resolved against the
 * URL of the page that carried it (RFC 8288 allows relative references), or undefined
 * on the last page. A malformed header counts as "no next page": we keep what we have
 * rather than guess.
 */
export function nextPageUrl(header: string | null | undefined, pageUrl: string): string | undefined {
  if (!header) return undefined;
  let parsed: LinkHeader;
  try {
    parsed = LinkHeader.parse(header.replace(TYPOGRAPHIC_QUOTES, '"'));
  } catch {
    return undefined;
  }
  const next = parsed.rel('next')[0];
  if (!next) return undefined;
  try {
    return new URL(next.uri, pageUrl).toString();
  } catch {
    return undefined;
  }
}
