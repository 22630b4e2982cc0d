import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.js';
import type { PlatformEndpoints } from '../domain/platform-endpoints.js';
import { AGS_SCOPE, NRPS_SCOPE } from '../domain/scopes.js';
import { LtiServiceError } from '../domain/service-error.js';
import type { TokenRequest } from '../infrastructure/token-endpoint.client.js';
import { AccessTokens, type AccessToken, type AccessTokenStore } from './access-tokens.js';

const endpoints: PlatformEndpoints = {
  issuer: 'https://moodle.test',
  clientId: 'client-1',
  tokenUrl: 'https://moodle.test/mod/lti/token.php',
  jwksUrl: 'https://moodle.test/mod/lti/certs.php',
  authLoginUrl: 'https://moodle.test/mod/lti/auth.php',
  status: 'active',
};

class MemoryStore implements AccessTokenStore {
  readonly tokens = new Map<string, AccessToken>();
  async load(id: string, now: Date) {
    const token = this.tokens.get(id);
    return token && token.expiresAt > now ? token : undefined;
  }
  async save(id: string, token: AccessToken) {
    this.tokens.set(id, token);
  }
  async discard(id: string, value: string) {
    if (this.tokens.get(id)?.value === value) this.tokens.delete(id);
  }
}

function setup(options: { grant?: (scopes: readonly string[]) => string[] | 'invalid_scope'; status?: string } = {}) {
  let now = new Date('2026-03-01T10:00:00Z');
  const requests: TokenRequest[] = [];
  const assertions: Array<Record<string, unknown>> = [];
  const store = new MemoryStore();
  const deps: ConstructorParameters<typeof AccessTokens>[0] = {
    registrations: { platformEndpoints: (id) => (id === 'reg-1' ? { ...endpoints, status: options.status ?? 'active' } : undefined) },
    sign: async (claims, signOptions) => {
      assertions.push({ ...claims, expiresIn: signOptions.expiresInSeconds });
      return 'signed-assertion';
    },
    endpoint: async (request) => {
      requests.push(request);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const granted = options.grant ? options.grant(request.scopes) : [...request.scopes];
      if (granted === 'invalid_scope') throw new LtiServiceError('LMS_SCOPE_NOT_GRANTED', 'permanent', 'invalid_scope');
      return { accessToken: `token-${requests.length}`, expiresInSeconds: 3600, scope: granted.join(' ') };
    },
    store,
    log: silentLogger(),
    clock: () => now,
  };
  const tokens = new AccessTokens(deps);
  return { tokens, deps, requests, assertions, store, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('AccessTokens', () => {
  it('asks once for every scope, with a signed client assertion, and shares one request between concurrent needs', async () => {
    const { tokens, requests, assertions } = setup();
    const [a, b, c] = await Promise.all([tokens.get('reg-1', [AGS_SCOPE.score]), tokens.get('reg-1', [AGS_SCOPE.lineItem]), tokens.get('reg-1', [NRPS_SCOPE.membershipReadOnly])]);
    expect(requests).toHaveLength(1);
    expect(a.value).toBe('token-1');
    expect(b.value).toBe('token-1');
    expect(c.value).toBe('token-1');
    expect(requests[0]!.scopes).toEqual([AGS_SCOPE.score, AGS_SCOPE.lineItem, AGS_SCOPE.lineItemReadOnly, NRPS_SCOPE.membershipReadOnly]);
    expect(assertions[0]).toMatchObject({ iss: 'client-1', sub: 'client-1', aud: endpoints.tokenUrl, jti: expect.any(String), expiresIn: 60 });
  });

  it('reuses the token until a minute before it ends', async () => {
    const { tokens, requests, advance } = setup();
    await tokens.get('reg-1', [AGS_SCOPE.score]);
    advance(3600_000 - 61_000);
    expect((await tokens.get('reg-1', [AGS_SCOPE.score])).value).toBe('token-1');
    advance(2000);
    expect((await tokens.get('reg-1', [AGS_SCOPE.score])).value).toBe('token-2');
    expect(requests).toHaveLength(2);
  });

  it('reuses a token another instance stored', async () => {
    const first = setup();
    await first.tokens.get('reg-1', [AGS_SCOPE.score]);
    const second = new AccessTokens(first.deps);
    expect((await second.get('reg-1', [AGS_SCOPE.score])).value).toBe('token-1');
    expect(first.requests).toHaveLength(1);
  });

  it('forgets a refused token everywhere and gets a new one', async () => {
    const { tokens, store } = setup();
    const token = await tokens.get('reg-1', [AGS_SCOPE.score]);
    await tokens.invalidate('reg-1', token.value);
    expect(store.tokens.size).toBe(0);
    expect((await tokens.get('reg-1', [AGS_SCOPE.score])).value).toBe('token-2');
  });

  it('fails at once, without a token request per call, for a scope the platform did not grant', async () => {
    const { tokens, requests } = setup({ grant: (scopes) => scopes.filter((s) => s !== NRPS_SCOPE.membershipReadOnly) });
    await tokens.get('reg-1', [AGS_SCOPE.score]);
    for (let i = 0; i < 3; i++) await expect(tokens.get('reg-1', [NRPS_SCOPE.membershipReadOnly])).rejects.toMatchObject({ code: 'LMS_SCOPE_NOT_GRANTED', kind: 'permanent' });
    expect(requests).toHaveLength(1);
  });

  it('asks for what the call needs when the platform refuses the whole set', async () => {
    const { tokens, requests } = setup({ grant: (scopes) => (scopes.length > 1 ? 'invalid_scope' : [...scopes]) });
    expect((await tokens.get('reg-1', [AGS_SCOPE.score])).scopes).toEqual([AGS_SCOPE.score]);
    expect(requests.map((r) => r.scopes.length)).toEqual([4, 1]);
  });

  it('refuses unknown and inactive registrations', async () => {
    await expect(setup().tokens.get('nope', [AGS_SCOPE.score])).rejects.toMatchObject({ code: 'REGISTRATION_UNKNOWN', kind: 'permanent' });
    await expect(setup({ status: 'disabled' }).tokens.get('reg-1', [AGS_SCOPE.score])).rejects.toMatchObject({ code: 'REGISTRATION_INACTIVE', kind: 'transient' });
  });
});
