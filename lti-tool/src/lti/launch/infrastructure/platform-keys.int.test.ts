import { compactVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformHttp } from '../../shared/platform-http.js';
import { TestPlatform } from '../../testing/test-platform.js';
import { PlatformKeys } from './platform-keys.js';

describe('PlatformKeys', () => {
  let platform: TestPlatform;
  const http = new PlatformHttp({ allowPrivate: true });
  beforeAll(async () => {
    platform = await TestPlatform.start();
  });
  afterAll(async () => {
    http.close();
    await platform.close();
  });

  const token = () => platform.sign({ hello: 'world' });

  it('caches the JWKS, refetches on a new kid after the cooldown, and never more often', async () => {
    const keys = new PlatformKeys(http, { cooldownMs: 300 });
    const registration = { id: 'reg-1', jwksUrl: platform.endpoints.jwksUrl };
    for (let i = 0; i < 20; i += 1) await compactVerify(await token(), keys.for(registration));
    expect(platform.jwksFetches).toBe(1);

    await platform.rotate();
    // Within the cooldown an unknown kid is refused without a fetch…
    await expect(compactVerify(await token(), keys.for(registration))).rejects.toThrow(/no applicable key|matching/i);
    expect(platform.jwksFetches).toBe(1);
    await new Promise((r) => setTimeout(r, 350));
    // …after it, the new key is fetched once and then cached.
    for (let i = 0; i < 5; i += 1) await compactVerify(await token(), keys.for(registration));
    expect(platform.jwksFetches).toBe(2);
  });

  it('starts afresh when the registration changes', async () => {
    const keys = new PlatformKeys(http);
    const registration = { id: 'reg-2', jwksUrl: platform.endpoints.jwksUrl };
    const before = platform.jwksFetches;
    await compactVerify(await token(), keys.for(registration));
    keys.forget('reg-2');
    await compactVerify(await token(), keys.for(registration));
    expect(platform.jwksFetches - before).toBe(2);
  });

  it('does not call a JWKS on a private address when the policy forbids it', async () => {
    const strict = new PlatformHttp({ allowPrivate: false });
    const keys = new PlatformKeys(strict);
    await expect(compactVerify(await token(), keys.for({ id: 'reg-3', jwksUrl: platform.endpoints.jwksUrl }))).rejects.toThrow(/refused|https/);
    strict.close();
  });
});
