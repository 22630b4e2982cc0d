import { randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey, type JWTPayload } from 'jose';
import { conflict } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { DEFAULT_OVERLAP_SECONDS, publishedKeys, retirementDate, type Keyring, type PublicJwk, type SigningKey } from '../domain/keyring.js';
import type { SigningKeysRepository } from '../infrastructure/signing-keys.repository.js';

export interface SignOptions {
  /** JOSE `typ` header, e.g. `JWT` or `vc+jwt`. */
  typ?: string;
  expiresInSeconds?: number;
}

export interface RotationResult {
  activeKid: string;
  previousKid: string;
  previousRetireAt: Date;
}

/** How long an instance trusts its cached keyring before re-reading it (another instance may have rotated). */
const CACHE_MS = 30_000;

/**
 * The tool's RS256 signing keys: the JWKS it publishes and the signature on every JWT
 * it emits (deep-linking responses, OAuth client assertions, verifiable credentials).
 * Private keys are stored sealed; the active one is kept decrypted in memory briefly.
 */
export class KeyStore {
  private cached?: { ring: Keyring; version: number; signer: { kid: string; key: CryptoKey }; loadedAt: number };

  constructor(
    private readonly repository: SigningKeysRepository,
    private readonly box: SecretBox,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Creates the first key on a fresh database; safe to call from several instances at once. */
  async ensureActiveKey(): Promise<void> {
    const { state } = await this.repository.load();
    if (state) return;
    const key = await this.generate();
    if (await this.repository.initialise(key.kid, this.clock())) {
      this.log.info({ kid: key.kid }, 'created the first signing key');
    } else {
      await this.repository.deleteKey(key.kid); // Another instance created it first.
    }
    this.cached = undefined;
  }

  /**
   * A new key signs from now on; the previous one stays in the JWKS for `overlapSeconds`
   * (default 7 days) so tokens and caches made before the rotation keep verifying.
   */
  async rotate(overlapSeconds = DEFAULT_OVERLAP_SECONDS): Promise<RotationResult> {
    const { state } = await this.repository.load();
    if (!state) throw new Error('no signing key yet: call ensureActiveKey first');
    const key = await this.generate();
    const now = this.clock();
    if (!(await this.repository.swapActive(state.version, key.kid, now))) {
      await this.repository.deleteKey(key.kid);
      throw conflict('KEY_ROTATION_CONFLICT', 'Another rotation happened at the same time; reload and try again.');
    }
    const previousRetireAt = retirementDate(now, overlapSeconds);
    await this.repository.setRetireAt(state.activeKid, previousRetireAt);
    this.cached = undefined;
    this.log.info({ kid: key.kid, previousKid: state.activeKid, previousRetireAt }, 'rotated the signing key');
    return { activeKid: key.kid, previousKid: state.activeKid, previousRetireAt };
  }

  /** The public keys to publish now (active + in overlap). */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    const { ring } = await this.current();
    return { keys: publishedKeys(ring, this.clock()).map((k) => k.publicJwk) };
  }

  /** The keyring as admins see it (no private material). */
  async describe(): Promise<{ activeKid: string; keys: Array<SigningKey & { published: boolean }> }> {
    const { ring } = await this.current();
    const published = new Set(publishedKeys(ring, this.clock()).map((k) => k.kid));
    return { activeKid: ring.activeKid, keys: ring.keys.map((k) => ({ ...k, published: published.has(k.kid) })) };
  }

  async activeKid(): Promise<string> {
    return (await this.current()).signer.kid;
  }

  /** Signs claims with the active key (`alg: RS256`, `kid` set); adds `iat`, and `exp` when asked. */
  async sign(claims: JWTPayload, options: SignOptions = {}): Promise<string> {
    const { signer } = await this.current();
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: options.typ ?? 'JWT' }).setIssuedAt();
    if (options.expiresInSeconds !== undefined) jwt.setExpirationTime(`${options.expiresInSeconds}s`);
    return jwt.sign(signer.key);
  }

  /** Drops private keys past their overlap; returns how many. Run periodically. */
  async destroyRetiredPrivateKeys(): Promise<number> {
    return this.repository.destroyRetiredPrivateKeys(this.clock());
  }

  private async current() {
    if (this.cached && Date.now() - this.cached.loadedAt < CACHE_MS) return this.cached;
    const { state, keys } = await this.repository.load();
    if (!state) throw new Error('no signing key yet: call ensureActiveKey first');
    let signer = this.cached?.signer;
    if (signer?.kid !== state.activeKid) {
      const sealed = await this.repository.sealedPrivateKey(state.activeKid);
      if (!sealed) throw new Error(`the private half of the active key ${state.activeKid} is missing`);
      signer = { kid: state.activeKid, key: await importPKCS8(this.box.open(sealed), 'RS256') };
    }
    this.cached = { ring: { activeKid: state.activeKid, keys }, version: state.version, signer, loadedAt: Date.now() };
    return this.cached;
  }

  private async generate(): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = `pix-${this.clock().toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`;
    const key: SigningKey = {
      kid,
      publicJwk: { kty: 'RSA', kid, n: jwk.n!, e: jwk.e!, alg: 'RS256', use: 'sig' },
      createdAt: this.clock(),
    };
    await this.repository.insertKey(key, this.box.seal(await exportPKCS8(privateKey)));
    return key;
  }
}
