import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMETERS, argon2Hasher } from './password-hasher.js';

describe('argon2id password hashing', () => {
  it('uses argon2id with at least OWASP’s minimum parameters, recorded in the hash', async () => {
    const phc = await argon2Hasher.hash('cheval agrafe batterie correcte');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(ARGON2_PARAMETERS.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2_PARAMETERS.timeCost).toBeGreaterThanOrEqual(2);
    expect(argon2Hasher.needsRehash(phc)).toBe(false);
  });

  it('salts every hash and verifies only the right password', async () => {
    const a = await argon2Hasher.hash('cheval agrafe batterie correcte');
    const b = await argon2Hasher.hash('cheval agrafe batterie correcte');
    expect(a).not.toBe(b);
    expect(await argon2Hasher.verify(a, 'cheval agrafe batterie correcte')).toBe(true);
    expect(await argon2Hasher.verify(a, 'cheval agrafe batterie correctE')).toBe(false);
    expect(await argon2Hasher.verify('not-a-hash', 'x')).toBe(false);
  });

  it('asks for a rehash of weaker parameters', () => {
    expect(argon2Hasher.needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaA')).toBe(true);
  });
});
