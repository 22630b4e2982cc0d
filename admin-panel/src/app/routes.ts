/** Hash routes: the server serves index.html for /admin/ only, and a fragment never reaches logs. */
export type Route =
  | { name: 'sign-in' }
  | { name: 'setup'; token: string }
  | { name: 'schools' }
  | { name: 'school'; uai: string }
  | { name: 'platforms' }
  | { name: 'platform'; id: string }
  | { name: 'keys' }
  | { name: 'audit' }
  | { name: 'campaigns' }
  | { name: 'item-bank' }
  | { name: 'operations' }
  | { name: 'registry' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'setup':
      return { name: 'setup', token: parts[1] ?? '' };
    case 'sign-in':
      return { name: 'sign-in' };
    case 'schools':
      return parts[1] ? { name: 'school', uai: parts[1] } : { name: 'schools' };
    case 'platforms':
      return parts[1] ? { name: 'platform', id: parts[1] } : { name: 'platforms' };
    case 'keys':
      return { name: 'keys' };
    case 'audit':
      return { name: 'audit' };
    case 'campaigns':
    case 'item-bank':
    case 'operations':
    case 'registry':
      return { name: parts[0] };
    default:
      return { name: 'schools' };
  }
}

export const href = {
  schools: '#/schools',
  school: (uai: string) => `#/schools/${encodeURIComponent(uai)}`,
  platforms: '#/platforms',
  platform: (id: string) => `#/platforms/${encodeURIComponent(id)}`,
  keys: '#/keys',
  audit: '#/audit',
  campaigns: '#/campaigns',
  itemBank: '#/item-bank',
  operations: '#/operations',
  registry: '#/registry',
  signIn: '#/sign-in',
};
