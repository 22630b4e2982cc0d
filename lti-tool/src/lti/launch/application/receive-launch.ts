import type { Logger } from '../../../platform/logger.js';
import type { Registrations } from '../../registrations/application/registrations.js';
import type { Registration } from '../../registrations/domain/registration.js';
import type { LaunchSession } from '../../session/launch-session.js';
import type { LaunchSessions } from '../../session/launch-sessions.js';
import { randomSecret, sameSecret, sha256 } from '../../shared/secrets.js';
import { CLOCK_SKEW_SECONDS } from '../domain/launch-claims.js';
import { LaunchRefusal } from '../domain/launch-refusal.js';
import { launchSessionOf } from '../domain/launch-session-of.js';
import type { LoginStateCodec } from '../infrastructure/login-state-codec.js';
import type { LoginState, LoginStatesRepository } from '../infrastructure/login-states.repository.js';
import type { PlatformKeys } from '../infrastructure/platform-keys.js';
import { verifyIdToken } from './verify-id-token.js';

/** How long a verified launch waits for the browser to prove it started the login. */
export const PENDING_LAUNCH_TTL_SECONDS = 300;

export interface LaunchPost {
  idToken?: string;
  state?: string;
  /** An OIDC error answer from the platform (`error`, `error_description`). */
  error?: string;
  errorDescription?: string;
  /** The browser-binding cookie for this state, when the browser sent it back. */
  bindingCookie?: string;
}

export type LaunchOutcome =
  | { kind: 'session'; token: string; session: LaunchSession; registration: Registration }
  /** No cookie came back: the page must send the sessionStorage secret (or offer a new tab). */
  | { kind: 'bind'; state: string; ticket: string; registration: Registration };

export interface LaunchReceiverDeps {
  registrations: Registrations;
  states: LoginStatesRepository;
  stateCodec: LoginStateCodec;
  keys: PlatformKeys;
  sessions: LaunchSessions;
  toolUrl: string;
  log: Logger;
  clock: () => Date;
}

/** The name of the browser-binding cookie of one login (several launches may run in parallel tabs). */
export const bindingCookieName = (state: string) => `pix_lti_bind_${sha256(state).slice(0, 16)}`;

/**
 * Step 2 of a launch (the platform's form_post to /lti/launch) and its completions.
 * The state is taken first, atomically (single use: a replay or a concurrent double
 * post finds it used), then every check runs; a refused launch stores nothing beyond
 * that used state. A session is issued once the browser binding is proven.
 */
export class LaunchReceiver {
  constructor(private readonly deps: LaunchReceiverDeps) {}

  async receive(post: LaunchPost): Promise<LaunchOutcome> {
    const { deps } = this;
    if (post.error) {
      throw new LaunchRefusal('LTI_PLATFORM_ERROR', 'authentication error response', {
        error: post.error.slice(0, 64),
        description: post.errorDescription?.slice(0, 300),
      });
    }
    if (!post.state) throw new LaunchRefusal('LTI_STATE_MISSING', 'no state in the form post');
    if (!post.idToken) throw new LaunchRefusal('LTI_ID_TOKEN_MISSING', 'no id_token in the form post');
    const now = deps.clock();
    const stateHash = sha256(post.state);
    const claims = await deps.stateCodec.decode(post.state, now);
    if (!claims) throw new LaunchRefusal('LTI_STATE_UNKNOWN', 'state not issued by us, or expired');
    const login: LoginState = { stateHash, ...claims, createdAt: now };
    if (!(await deps.states.take(login, now))) throw new LaunchRefusal('LTI_ID_TOKEN_REPLAYED', 'state already used');
    const registration = await this.activeRegistration(login);
    try {
      return await this.verifyAndOpen(post, login, registration, now);
    } catch (err) {
      // The failure counts attribute the refusal to the platform the state names.
      if (err instanceof LaunchRefusal) err.registrationId ??= registration.id;
      throw err;
    }
  }

  private async verifyAndOpen(post: LaunchPost, login: LoginState, registration: Registration, now: Date): Promise<LaunchOutcome> {
    const { deps } = this;
    const stateHash = login.stateHash;
    const launch = await verifyIdToken(post.idToken!, deps.keys.for(registration), {
      issuer: registration.issuer,
      clientId: registration.clientId,
      deploymentIds: registration.deploymentIds,
      nonce: login.nonce,
      isNonceUsed: (nonce) => deps.states.nonceUsed(registration.id, nonce, now),
      toolUrl: deps.toolUrl,
      now,
    });
    const newSession = launchSessionOf(launch, registration);
    if (launch.messageType === 'LtiDeepLinkingRequest' && !newSession.roles.instructor && !newSession.roles.administrator) {
      throw new LaunchRefusal('LTI_DEEP_LINKING_NOT_ALLOWED', 'deep linking request without an instructor role');
    }
    const cookieBound = post.bindingCookie !== undefined;
    if (cookieBound && !sameSecret(post.bindingCookie!, login.bindingHash)) {
      throw new LaunchRefusal('LTI_STATE_MISMATCH', 'binding cookie does not match the state');
    }

    // The nonce stays known as long as the token could verify (Moodle: 60 s; the state lives 10 min).
    const nonceUntil = new Date((Math.max(launch.expiresAt, now.getTime() / 1000) + CLOCK_SKEW_SECONDS) * 1000);
    if (cookieBound) {
      if (nonceUntil > login.expiresAt) await deps.states.keepUntil(stateHash, nonceUntil);
      const { token, session } = await deps.sessions.create(newSession);
      this.logLaunch(session, 'cookie');
      return { kind: 'session', token, session, registration };
    }
    const ticket = randomSecret();
    const pendingUntil = new Date(now.getTime() + PENDING_LAUNCH_TTL_SECONDS * 1000);
    const keepUntil = new Date(Math.max(pendingUntil.getTime(), nonceUntil.getTime(), login.expiresAt.getTime()));
    await deps.states.park(stateHash, newSession, sha256(ticket), pendingUntil, keepUntil);
    return { kind: 'bind', state: post.state!, ticket, registration };
  }

  /** The page sent back the secret it kept in sessionStorage at login. */
  async bind(state: string | undefined, secret: string | undefined): Promise<Extract<LaunchOutcome, { kind: 'session' }>> {
    const now = this.deps.clock();
    if (!state) throw new LaunchRefusal('LTI_STATE_MISSING', 'no state in the binding post');
    const stateHash = sha256(state);
    const login = await this.deps.states.findPending(stateHash, now);
    if (!login) throw new LaunchRefusal('LTI_STATE_UNKNOWN', 'no launch waits for this state');
    if (!secret || !sameSecret(secret, login.bindingHash)) {
      await this.deps.states.discard(stateHash, now);
      throw new LaunchRefusal('LTI_STATE_MISMATCH', secret ? 'binding secret does not match the state' : 'this browser holds no binding secret for the state');
    }
    return this.complete(login, 'session-storage');
  }

  /** "Continuer dans un nouvel onglet": the single-use ticket stands for the verified launch. */
  async continueWithTicket(ticket: string | undefined): Promise<Extract<LaunchOutcome, { kind: 'session' }>> {
    const now = this.deps.clock();
    const login = ticket && /^[A-Za-z0-9_-]{43}$/.test(ticket) ? await this.deps.states.findPendingByTicket(sha256(ticket), now) : undefined;
    if (!login?.pending) throw new LaunchRefusal('LTI_LAUNCH_TICKET_INVALID', 'ticket unknown, expired or used');
    return this.complete(login, 'new-tab-ticket');
  }

  private async complete(login: LoginState, binding: string): Promise<Extract<LaunchOutcome, { kind: 'session' }>> {
    const now = this.deps.clock();
    if (!(await this.deps.states.complete(login.stateHash, now))) throw new LaunchRefusal('LTI_ID_TOKEN_REPLAYED', 'launch already completed');
    const registration = await this.activeRegistration(login);
    const { token, session } = await this.deps.sessions.create(login.pending!);
    this.logLaunch(session, binding);
    return { kind: 'session', token, session, registration };
  }

  private async activeRegistration(login: LoginState): Promise<Registration> {
    const registration = await this.deps.registrations.find(login.registrationId);
    if (!registration) throw new LaunchRefusal('LTI_PLATFORM_UNKNOWN', 'registration of this login no longer exists');
    if (registration.status !== 'active') throw new LaunchRefusal('LTI_PLATFORM_NOT_ACTIVE', `registration is ${registration.status}`, { registrationId: registration.id });
    return registration;
  }

  private logLaunch(session: LaunchSession, binding: string): void {
    this.deps.log.info(
      { tenantId: session.tenantId, registrationId: session.registrationId, messageType: session.messageType, learner: session.user.id, binding },
      'LTI launch accepted',
    );
  }
}
