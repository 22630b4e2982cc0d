import { SignJWT, exportSPKI, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import type { PlatformKeys } from './platform-keys.js';

export type SignWith = 'platform' | 'unknown-key' | 'none' | { hs256Secret: string | 'platform-public-key' };

let strangerKey: Promise<{ privateKey: CryptoKey; kid: string }> | undefined;

/** A key nobody published: tokens signed with it must be refused (unknown `kid`, or a known `kid` with a wrong signature). */
function stranger(): Promise<{ privateKey: CryptoKey; kid: string }> {
  strangerKey ??= generateKeyPair('RS256', { modulusLength: 2048 }).then(({ privateKey }) => ({ privateKey, kid: 'unknown-key-1' }));
  return strangerKey;
}

/**
 * Signs arbitrary claims and headers for attack tests: with the platform key (valid, or
 * with a tampered payload), with an unpublished key, unsigned (`alg: none`), or HS256 with a
 * secret — `platform-public-key` uses the platform's public key PEM as the HMAC secret, the
 * classic algorithm-confusion attack. Header fields given override the defaults; a header
 * value `undefined` removes the field (e.g. `{ kid: undefined }` for "no kid").
 */
export async function mintToken(keys: PlatformKeys, claims: JWTPayload, header: Record<string, unknown> = {}, signWith: SignWith = 'platform'): Promise<string> {
  if (signWith === 'none') {
    const h = clean({ alg: 'none', typ: 'JWT', ...header });
    return `${b64(h)}.${b64(claims)}.`;
  }
  if (typeof signWith === 'object') {
    const secret = signWith.hs256Secret === 'platform-public-key' ? await exportSPKI(keys.active.publicKey) : signWith.hs256Secret;
    return new SignJWT(claims).setProtectedHeader(clean({ alg: 'HS256', kid: keys.activeKid, ...header }) as { alg: string }).sign(new TextEncoder().encode(secret));
  }
  if (signWith === 'unknown-key') {
    const key = await stranger();
    return new SignJWT(claims).setProtectedHeader(clean({ alg: 'RS256', kid: key.kid, ...header }) as { alg: string }).sign(key.privateKey);
  }
  return new SignJWT(claims).setProtectedHeader(clean({ alg: 'RS256', kid: keys.activeKid, ...header }) as { alg: string }).sign(keys.active.privateKey);
}

function clean(header: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined));
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
