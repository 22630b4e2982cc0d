import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { Logger } from '../../platform/logger.js';
import { isActiveRegistration, type PlatformEndpoints, type RegistrationDirectory } from '../domain/platform-endpoints.js';
import { ALL_SERVICE_SCOPES, covers, grantedScopes } from '../domain/scopes.js';
import { LtiServiceError } from '../domain/service-error.js';
import type { TokenEndpoint } from '../infrastructure/token-endpoint.client.js';

export interface AccessToken {
  value: string;
  /** Scopes the platform granted. */
  scopes: string[];
  /** Scopes we asked for: a need within them that was not granted will not be granted by asking again. */
  requested: string[];
  expiresAt: Date;
}

/** Port: where tokens are shared between instances and restarts. */
export interface AccessTokenStore {
  load(registrationId: string, now: Date): Promise<AccessToken | undefined>;
  save(registrationId: string, token: AccessToken): Promise<void>;
  discard(registrationId: string, value: string): Promise<void>;
}

export interface AccessTokensDeps {
  registrations: RegistrationDirectory;
  /** Signs the client assertion with the tool's key (`keys.store.sign`). */
  sign(claims: JWTPayload, options: { expiresInSeconds: number }): Promise<string>;
  endpoint: TokenEndpoint;
  store: AccessTokenStore;
  log: Logger;
  clock?: () => Date;
}

/** A token this close to its end is renewed first, so that a call never starts with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;
const ASSERTION_LIFETIME_SECONDS = 60;

/**
 * One access token per registration, reused by every call (grades, line items, rosters)
 * and every instance until it nears its end. Kept in memory for the hot path and in the
 * database so that other instances and a restarted one reuse it instead of asking the
 * LMS again. Concurrent needs in one process share one request.
 */
export class AccessTokens {
  private readonly memory = new Map<string, AccessToken>();
  private readonly inflight = new Map<string, Promise<AccessToken>>();
  private readonly clock: () => Date;

  constructor(private readonly deps: AccessTokensDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * A live token granting one of `acceptable` (e.g. lineitem or lineitem.readonly).
   * Throws `LtiServiceError` (LMS_SCOPE_NOT_GRANTED, LMS_TOKEN_REFUSED, REGISTRATION_*…).
   */
  async get(registrationId: string, acceptable: readonly string[]): Promise<AccessToken> {
    for (;;) {
      const cached = this.memory.get(registrationId);
      if (cached && this.live(cached)) return this.ensureCovers(cached, acceptable);
      const pending = this.inflight.get(registrationId);
      if (pending) {
        await pending.catch(() => undefined);
        if (this.inflight.get(registrationId) === pending) this.inflight.delete(registrationId);
        const after = this.memory.get(registrationId);
        if (after && this.live(after)) return this.ensureCovers(after, acceptable);
        // The shared request failed: make our own (and fail with our own error).
      }
      const request = this.obtain(registrationId, acceptable);
      this.inflight.set(registrationId, request);
      try {
        const token = await request;
        return this.ensureCovers(token, acceptable);
      } finally {
        if (this.inflight.get(registrationId) === request) this.inflight.delete(registrationId);
      }
    }
  }

  /** Forgets a token the platform refused (401), here and for the other instances. */
  async invalidate(registrationId: string, value: string): Promise<void> {
    if (this.memory.get(registrationId)?.value === value) this.memory.delete(registrationId);
    await this.deps.store.discard(registrationId, value);
  }

  private live(token: AccessToken): boolean {
    return token.expiresAt.getTime() - this.clock().getTime() > EXPIRY_MARGIN_MS;
  }

  private ensureCovers(token: AccessToken, acceptable: readonly string[]): AccessToken {
    if (covers(token.scopes, acceptable)) return token;
    throw new LtiServiceError(
      'LMS_SCOPE_NOT_GRANTED',
      'permanent',
      `the platform did not grant ${acceptable.join(' or ')}; granted: ${token.scopes.join(' ') || 'none'}. In Moodle, check the tool's services settings (grades: "Use this service for grade sync and column management"; rosters: "Use this service to retrieve members' information").`,
    );
  }

  private async obtain(registrationId: string, acceptable: readonly string[]): Promise<AccessToken> {
    const stored = await this.deps.store.load(registrationId, this.clock());
    if (stored && this.live(stored) && (covers(stored.scopes, acceptable) || acceptable.every((s) => stored.requested.includes(s)))) {
      this.memory.set(registrationId, stored);
      return stored;
    }
    const endpoints = await this.endpointsOf(registrationId);
    let token: AccessToken;
    try {
      token = await this.request(endpoints, ALL_SERVICE_SCOPES);
    } catch (err) {
      // A platform that refuses the whole set (instead of granting a subset) may still grant what this call needs.
      if (!(err instanceof LtiServiceError) || err.code !== 'LMS_SCOPE_NOT_GRANTED') throw err;
      token = await this.request(endpoints, [...new Set([...(stored?.scopes ?? []), ...acceptable])]);
    }
    await this.deps.store.save(registrationId, token);
    this.memory.set(registrationId, token);
    this.deps.log.info({ registrationId, scopes: token.scopes, expiresAt: token.expiresAt }, 'obtained an LTI service access token');
    return token;
  }

  private async request(endpoints: PlatformEndpoints, scopes: readonly string[]): Promise<AccessToken> {
    const now = this.clock();
    const clientAssertion = await this.deps.sign(
      { iss: endpoints.clientId, sub: endpoints.clientId, aud: endpoints.authServer ?? endpoints.tokenUrl, jti: randomUUID() },
      { expiresInSeconds: ASSERTION_LIFETIME_SECONDS },
    );
    const grant = await this.deps.endpoint({ tokenUrl: endpoints.tokenUrl, clientAssertion, scopes });
    return {
      value: grant.accessToken,
      scopes: grantedScopes(grant.scope, scopes),
      requested: [...scopes],
      expiresAt: new Date(now.getTime() + grant.expiresInSeconds * 1000),
    };
  }

  private async endpointsOf(registrationId: string): Promise<PlatformEndpoints> {
    const endpoints = await this.deps.registrations.platformEndpoints(registrationId);
    if (!endpoints) throw new LtiServiceError('REGISTRATION_UNKNOWN', 'permanent', `no platform registration ${registrationId}`);
    if (!isActiveRegistration(endpoints)) {
      throw new LtiServiceError('REGISTRATION_INACTIVE', 'transient', `the platform registration is ${endpoints.status}; an administrator must approve it`);
    }
    return endpoints;
  }
}
