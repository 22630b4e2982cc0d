import { hkdfSync } from 'node:crypto';
import { jwtVerify, SignJWT, type CryptoKey } from 'jose';

/** What a login binds together, carried inside the `state` itself. */
export interface LoginStateClaims {
  registrationId: string;
  nonce: string;
  /** SHA-256 of the browser-binding secret (the secret itself never leaves the browser). */
  bindingHash: string;
  expiresAt: Date;
}

/**
 * The OIDC `state` is a short HS256 token under a key derived from ENCRYPTION_KEY: a login
 * stores nothing (a flood of logins costs no database writes), and the launch learns the
 * registration, the nonce and the binding hash from a value nobody else can forge. Single
 * use is enforced at the launch, which records the state as used (login-states.repository.ts).
 */
export class LoginStateCodec {
  /** Imported once: given raw bytes, jose would import the key again for every login and launch. */
  private readonly key: Promise<CryptoKey>;

  constructor(encryptionKey: string) {
    const secret = new Uint8Array(hkdfSync('sha256', encryptionKey, 'pix-lti', 'lti-login-state', 32));
    this.key = crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async encode(claims: LoginStateClaims): Promise<string> {
    return new SignJWT({ reg: claims.registrationId, nonce: claims.nonce, bnd: claims.bindingHash })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(await this.key);
  }

  /** The claims of a state we issued and that has not expired; undefined for anything else. */
  async decode(state: string, now: Date): Promise<LoginStateClaims | undefined> {
    try {
      const { payload } = await jwtVerify(state, await this.key, { algorithms: ['HS256'], currentDate: now });
      const { reg, nonce, bnd, exp } = payload as { reg?: unknown; nonce?: unknown; bnd?: unknown; exp?: number };
      if (typeof reg !== 'string' || typeof nonce !== 'string' || typeof bnd !== 'string' || typeof exp !== 'number') return undefined;
      return { registrationId: reg, nonce, bindingHash: bnd, expiresAt: new Date(exp * 1000) };
    } catch {
      return undefined;
    }
  }
}
