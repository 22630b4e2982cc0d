import { randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface PlatformJwk extends JWK {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
}

interface KeyEntry {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: PlatformJwk;
  /** When the key stops being published (set when a newer key takes over). */
  retireAt?: number;
}

/**
 * The site's RS256 key (Moodle's mod_lti `privatekey`/`kid`), published at certs.php.
 * Moodle itself keeps one key; rotation is ours, so that tools prove they refetch the
 * JWKS on an unknown `kid` while the previous key stays published for a while.
 */
export class PlatformKeys {
  private keys: KeyEntry[] = [];

  private constructor(private readonly now: () => number) {}

  static async create(now: () => number = Date.now): Promise<PlatformKeys> {
    const keys = new PlatformKeys(now);
    keys.keys.push(await newKey());
    return keys;
  }

  get active(): KeyEntry {
    return this.keys[this.keys.length - 1]!;
  }

  get activeKid(): string {
    return this.active.kid;
  }

  /** A new key signs from now on; the previous one stays published for `keepPreviousForMs`. */
  async rotate(keepPreviousForMs = 10 * 60_000): Promise<{ kid: string; previousKid: string }> {
    const previous = this.active;
    previous.retireAt = this.now() + keepPreviousForMs;
    this.keys.push(await newKey());
    return { kid: this.activeKid, previousKid: previous.kid };
  }

  /** Stops publishing every retired key at once (simulates the overlap having passed). */
  dropRetiredKeys(): void {
    this.keys = this.keys.filter((k) => k === this.active);
  }

  jwks(): { keys: PlatformJwk[] } {
    const now = this.now();
    return { keys: this.keys.filter((k) => k === this.active || (k.retireAt ?? 0) > now).map((k) => k.publicJwk) };
  }

  publicKey(kid: string): CryptoKey | undefined {
    return this.keys.find((k) => k.kid === kid)?.publicKey;
  }

  /** Signs as `lti_sign_jwt` does: RS256, the active `kid`, no `typ`. */
  async sign(payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
    const key = this.active;
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header }).sign(key.privateKey);
  }
}

async function newKey(): Promise<KeyEntry> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = randomBytes(10).toString('hex');
  return { kid, privateKey, publicKey, publicJwk: { kty: 'RSA', alg: 'RS256', kid, e: jwk.e!, n: jwk.n!, use: 'sig' } };
}
