import { randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { PlatformKeys } from './crypto/platform-keys.js';
import type { SignWith } from './crypto/token-minting.js';
import { ToolKeysets } from './crypto/tool-keysets.js';
import { Faults } from './http/faults.js';
import type { SiteInfo } from './lti/messages.js';
import type { RoleMapping } from './model/roles.js';
import { Site } from './model/site.js';

export interface PlatformOptions {
  /** Port to listen on (0 = a free port, the default). */
  port?: number;
  host?: string;
  /** Public base URL when it differs from http://host:port (also the issuer). */
  publicUrl?: string;
  /** `$CFG->version` sent in tool_platform.version; default Moodle 4.5's. */
  moodleVersion?: string;
  /** `$CFG->release`, shown in openid-configuration. */
  moodleRelease?: string;
  /** The user's language (launch_presentation.locale). Default `fr`. */
  locale?: string;
  /** How Moodle maps roles: `moodle-4` (≤ 4.x, the default) or `moodle-5` (`\mod_lti\helper::get_ims_role`). */
  roleMapping?: RoleMapping;
  /** AGS line-item paging `Link` header: Moodle's typographic quotes `rel=“next”` (default) or standard ones. */
  lineItemLinkQuotes?: 'typographic' | 'ascii';
  /**
   * Deep-linking response checks: `strict` (default) adds the LTI spec's checks (aud, nonce, deployment_id,
   * message type, version, data echoed) to Moodle's own (signature, iss = client_id, exp/iat); `moodle` only Moodle's.
   */
  deepLinkingChecks?: 'strict' | 'moodle';
  /** Client-assertion checks at the token endpoint: `moodle` (default: signature, sub, exp if present) or `strict` (+ aud, exp required, jti single-use). */
  clientAssertionChecks?: 'moodle' | 'strict';
  siteName?: { shortname: string; fullname: string };
}

export interface PlatformEvent {
  at: Date;
  type:
    | 'login-initiation'
    | 'auth-refused'
    | 'auth-error-returned'
    | 'id-token'
    | 'token-issued'
    | 'token-refused'
    | 'service-refused'
    | 'score'
    | 'line-item-created'
    | 'deep-link-return'
    | 'deep-link-refused'
    | 'registration'
    | 'registration-refused';
  detail: Record<string, unknown>;
}

/** What a launch stored in the user's session (Moodle 4.x keeps one `$SESSION->{launchid}` per launch). */
export interface LaunchHint {
  courseId: string;
  toolId: string;
  cmid?: string;
  messageType: 'basic-lti-launch-request' | 'ContentItemSelectionRequest';
  title: string;
  text: string;
  /** Deep linking `data` to send (tests only; Moodle sends none). */
  data?: string;
}

export interface Session {
  id: string;
  userId: string;
  sesskey: string;
  launches: Map<string, LaunchHint>;
  /** Deep-linking requests sent in this session: `data` by tool and course, for the echo check. */
  deepLinkData: Map<string, string | undefined>;
  userAgent?: string;
}

/** Rewrites an id_token before signing: claims, header and the key used. */
export type IdTokenInterceptor = (token: { claims: JWTPayload; header: Record<string, unknown> }) =>
  | { claims: JWTPayload; header?: Record<string, unknown>; signWith?: SignWith }
  | undefined;

export type { SignWith };

/** The simulated site: data, keys, sessions and the event log, shared by every route. */
export class Platform {
  readonly site: Site;
  readonly faults = new Faults();
  readonly events: PlatformEvent[] = [];
  readonly sessions = new Map<string, Session>();
  readonly toolKeysets: ToolKeysets;
  readonly usedAssertionIds = new Set<string>();
  readonly usedDeepLinkNonces = new Set<string>();
  idTokenInterceptors: Array<{ fn: IdTokenInterceptor; once: boolean }> = [];
  info!: SiteInfo;

  private constructor(
    readonly keys: PlatformKeys,
    private readonly clock: { offsetMs: number },
    readonly options: Required<Omit<PlatformOptions, 'port' | 'host' | 'publicUrl' | 'siteName'>>,
    siteName: { shortname: string; fullname: string },
  ) {
    this.site = new Site(siteName);
    this.toolKeysets = new ToolKeysets(() => this.nowSeconds());
  }

  static async create(options: PlatformOptions = {}): Promise<Platform> {
    const clock = { offsetMs: 0 };
    const keys = await PlatformKeys.create(() => Date.now() + clock.offsetMs);
    return new Platform(
      keys,
      clock,
      {
        moodleVersion: options.moodleVersion ?? '2024100700',
        moodleRelease: options.moodleRelease ?? '4.5 (Build: 20241007)',
        locale: options.locale ?? 'fr',
        roleMapping: options.roleMapping ?? 'moodle-4',
        lineItemLinkQuotes: options.lineItemLinkQuotes ?? 'typographic',
        deepLinkingChecks: options.deepLinkingChecks ?? 'strict',
        clientAssertionChecks: options.clientAssertionChecks ?? 'moodle',
      },
      options.siteName ?? { shortname: 'Éléa démo', fullname: 'Plateforme Éléa de démonstration' },
    );
  }

  /** Called once the server knows its URL. */
  setBaseUrl(wwwroot: string): void {
    const url = wwwroot.replace(/\/$/, '');
    const front = this.site.mustCourse('1');
    this.info = {
      wwwroot: url,
      issuer: url,
      shortname: front.shortname,
      fullname: front.fullname,
      version: this.options.moodleVersion,
      locale: this.options.locale,
      roleMapping: this.options.roleMapping,
    };
  }

  /** Milliseconds added to the real clock (simulates a platform whose clock drifts). */
  get clockOffsetMs(): number {
    return this.clock.offsetMs;
  }
  set clockOffsetMs(ms: number) {
    this.clock.offsetMs = ms;
  }

  nowMs(): number {
    return Date.now() + this.clock.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  record(type: PlatformEvent['type'], detail: Record<string, unknown>): void {
    this.events.push({ at: new Date(), type, detail });
    if (this.events.length > 20_000) this.events.splice(0, 10_000);
  }

  openSession(userId: string, userAgent?: string): Session {
    this.site.mustUser(userId);
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      userId,
      sesskey: randomBytes(5).toString('hex'),
      launches: new Map(),
      deepLinkData: new Map(),
      userAgent,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Stores a launch in the session and returns its id (`ltilaunch<instance>_<rand>` like Moodle 4.x). */
  rememberLaunch(session: Session, hint: LaunchHint, instanceId?: string): string {
    const rand = Math.floor(Math.random() * 2 ** 31);
    const launchId = instanceId ? `ltilaunch${instanceId}_${rand}` : `ltilaunch_${hint.messageType}${rand}`;
    session.launches.set(launchId, hint);
    return launchId;
  }

  takeInterceptor(): IdTokenInterceptor | undefined {
    const entry = this.idTokenInterceptors[0];
    if (!entry) return undefined;
    if (entry.once) this.idTokenInterceptors.shift();
    return entry.fn;
  }
}
