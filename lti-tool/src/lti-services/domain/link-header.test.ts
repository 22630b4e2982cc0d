import { describe, expect, it } from 'vitest';
import { nextPageUrl } from './link-header.js';

const page = 'https://moodle.test/mod/lti/services.php/2/lineitems?type_id=1';

describe('nextPageUrl', () => {
  it('reads a standard rel="next"', () => {
    expect(nextPageUrl('<https://moodle.test/p?from=10&limit=10>; rel="next"', page)).toBe('https://moodle.test/p?from=10&limit=10');
  });

  it('reads Moodle’s typographic quotes rel=“next”', () => {
    expect(nextPageUrl('<https://moodle.test/mod/lti/services.php/2/lineitems?type_id=1&from=10&limit=10>; rel=“next”', page)).toBe(
      'https://moodle.test/mod/lti/services.php/2/lineitems?type_id=1&from=10&limit=10',
    );
  });

  it('reads Moodle’s quotes as Node’s HTTP client delivers them (UTF-8 bytes read as Latin-1)', () => {
    const onTheWire = Buffer.from('<https://moodle.test/p?from=10>; rel=“next”', 'utf8').toString('latin1');
    expect(onTheWire).toContain('\u00e2\u0080\u009c');
    expect(nextPageUrl(onTheWire, page)).toBe('https://moodle.test/p?from=10');
  });

  it('reads an unquoted rel and a rel list', () => {
    expect(nextPageUrl('<https://moodle.test/a>; rel=next', page)).toBe('https://moodle.test/a');
    expect(nextPageUrl('<https://moodle.test/b>; rel="next last"', page)).toBe('https://moodle.test/b');
  });

  it('picks next among other relations', () => {
    const header = '<https://moodle.test/first>; rel="first", <https://moodle.test/n?p=3>; rel=“next”, <https://moodle.test/d>; rel="differences"';
    expect(nextPageUrl(header, page)).toBe('https://moodle.test/n?p=3');
  });

  it('resolves a relative reference against the page URL', () => {
    expect(nextPageUrl('</mod/lti/services.php/2/lineitems?from=20>; rel="next"', page)).toBe('https://moodle.test/mod/lti/services.php/2/lineitems?from=20');
  });

  it.each([undefined, null, '', '<https://moodle.test/f>; rel="first"', 'not a link header', '<https://moodle.test/x>; rel=“prev”'])(
    'sees no next page in %s',
    (header) => {
      expect(nextPageUrl(header, page)).toBeUndefined();
    },
  );
});
