import LinkHeader from 'http-link-header';

/**
 * Typographic quotes some platforms put around `rel` values: Moodle's line item and
 * membership paging sends `rel=“next”` (U+201C/U+201D), which RFC 8288 parsers read as a
 * relation named `“next”` and so miss the next page.
 */
const TYPOGRAPHIC_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;

/**
 * HTTP header values travel as bytes; Moodle (PHP) writes its quotes as UTF-8, and
 * Node's HTTP client reads header bytes as Latin-1, so `“` arrives as `\u00e2\u0080\u009c`.
 * Re-reading the bytes as UTF-8 recovers the characters (a value that is not valid
 * UTF-8 is kept as it came).
 */
function asUtf8(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(value, (c) => c.charCodeAt(0)));
  } catch {
    return value;
  }
}

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
    parsed = LinkHeader.parse(asUtf8(header).replace(TYPOGRAPHIC_QUOTES, '"'));
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
