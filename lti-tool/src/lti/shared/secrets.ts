import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe secret (256 bits). */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** How secrets are kept at rest: a SHA-256 digest, never the value. */
export const sha256 = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url');

export function sameSecret(value: string, hash: string): boolean {
  const a = Buffer.from(sha256(value));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}
