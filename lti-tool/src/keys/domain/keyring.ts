/**
 * The tool's signing keys and their life: one key signs; after a rotation the previous
 * one stays published (but no longer signs) for an overlap period, so tokens signed
 * just before the rotation still verify wherever the JWKS is cached. Every key has its
 * own `kid`, never reused (1EdTech Security Framework, key management).
 */
export interface PublicJwk {
  kty: 'RSA';
  kid: string;
  n: string;
  e: string;
  alg: 'RS256';
  use: 'sig';
}

export interface SigningKey {
  kid: string;
  publicJwk: PublicJwk;
  createdAt: Date;
  /** Set when a newer key took over: the key is published until then, and never signs again. */
  retireAt?: Date;
}

export interface Keyring {
  activeKid: string;
  keys: SigningKey[];
}

/** Keys a verifier may need now: the active one and those still in their overlap. */
export function publishedKeys(ring: Keyring, now: Date): SigningKey[] {
  return ring.keys.filter((k) => k.kid === ring.activeKid || (k.retireAt !== undefined && k.retireAt > now));
}

export const DEFAULT_OVERLAP_SECONDS = 7 * 24 * 3600;
export const MIN_OVERLAP_SECONDS = 5 * 60;
export const MAX_OVERLAP_SECONDS = 90 * 24 * 3600;

/** When the key being replaced stops being published. */
export function retirementDate(now: Date, overlapSeconds: number): Date {
  const bounded = Math.min(MAX_OVERLAP_SECONDS, Math.max(MIN_OVERLAP_SECONDS, overlapSeconds));
  return new Date(now.getTime() + bounded * 1000);
}
