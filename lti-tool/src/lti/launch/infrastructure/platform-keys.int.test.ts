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

  it('caches the JWKS and, within the cooldown, refuses an unknown kid without fetching', async () => {
    const keys = new PlatformKeys(http, { cooldownMs: 60_000 });
    const registration = { id: 'reg-1', jwksUrl: platform.endpoints.jwksUrl };
    const before = platform.jwksFetches;
    for (let i = 0; i < 20; i += 1) await compactVerify(await token(), keys.for(registration));
    expect(platform.jwksFetches - before).toBe(1);
    await platform.rotate();
    await expect(compactVerify(await token(), keys.for(registration))).rejects.toThrow(/no applicable key|matching/i);
    expect(platform.jwksFetches - before).toBe(1);
  });

  it('refetches once for a new kid after the cooldown, then serves it from the cache', async () => {
    const keys = new PlatformKeys(http, { cooldownMs: 0 });
    const registration = { id: 'reg-rotation', jwksUrl: platform.endpoints.jwksUrl };
    const before = platform.jwksFetches;
    await compactVerify(await token(), keys.for(registration));
    await platform.rotate();
    for (let i = 0; i < 5; i += 1) await compactVerify(await token(), keys.for(registration));
    expect(platform.jwksFetches - before).toBe(2);
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
