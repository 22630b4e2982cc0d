import { describe, expect, it } from 'vitest';
import { LoginStateCodec } from './login-state-codec.js';

describe('LoginStateCodec', () => {
  const codec = new LoginStateCodec('k'.repeat(32));
  const now = new Date('2026-11-23T10:00:00Z');
  const claims = { registrationId: 'reg_1', nonce: 'n-1', bindingHash: 'h-1', expiresAt: new Date('2026-11-23T10:10:00Z') };

  it('round-trips the claims of a live state', async () => {
    expect(await codec.decode(await codec.encode(claims), now)).toEqual(claims);
  });

  it('refuses an expired state, a state of another key and a tampered one', async () => {
    const state = await codec.encode(claims);
    expect(await codec.decode(state, new Date('2026-11-23T10:10:01Z'))).toBeUndefined();
    expect(await new LoginStateCodec('x'.repeat(32)).decode(state, now)).toBeUndefined();
    const [h, p, s] = state.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), reg: 'reg_2' })).toString('base64url');
    expect(await codec.decode(`${h}.${forged}.${s}`, now)).toBeUndefined();
    expect(await codec.decode('not-a-state', now)).toBeUndefined();
  });
});
