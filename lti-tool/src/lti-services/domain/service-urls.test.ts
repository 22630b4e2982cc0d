import { describe, expect, it } from 'vitest';
import { checkServiceUrl, platformOrigins, scoresUrlOf, withQuery } from './service-urls.js';

const moodle = { issuer: 'https://moodle.test', tokenUrl: 'https://moodle.test/mod/lti/token.php', authLoginUrl: 'https://moodle.test/mod/lti/auth.php' };

describe('service URLs', () => {
  it('collects the platform origins', () => {
    expect([...platformOrigins({ ...moodle, tokenUrl: 'https://auth.moodle.test:8443/token' })]).toEqual(['https://moodle.test', 'https://auth.moodle.test:8443']);
  });

  it('accepts a URL on the platform origin', () => {
    expect(checkServiceUrl('https://moodle.test/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1', moodle).ok).toBe(true);
  });

  it.each([
    ['https://evil.test/mod/lti/services.php/2/lineitems', "origin https://evil.test is not the platform's"],
    ['https://moodle.test:8443/x', "origin https://moodle.test:8443 is not the platform's"],
    ['http://moodle.test/x', "origin http://moodle.test is not the platform's"],
    ['https://user:pw@moodle.test/x', 'the URL carries credentials'],
    ['ftp://moodle.test/x', 'scheme ftp: is not http(s)'],
    ['/mod/lti/services.php', 'not an absolute URL'],
  ])('refuses %s', (url, reason) => {
    expect(checkServiceUrl(url, moodle)).toEqual({ ok: false, reason });
  });

  it('builds the scores URL, keeping Moodle’s type_id query', () => {
    expect(scoresUrlOf('https://moodle.test/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1')).toBe(
      'https://moodle.test/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1',
    );
    expect(scoresUrlOf('https://lms.test/li/7/')).toBe('https://lms.test/li/7/scores');
  });

  it('adds query parameters', () => {
    expect(withQuery('https://moodle.test/l?type_id=1', { resource_link_id: 'r 1', tag: undefined })).toBe('https://moodle.test/l?type_id=1&resource_link_id=r+1');
  });
});
