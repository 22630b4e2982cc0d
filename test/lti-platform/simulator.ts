import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express, { type Express } from 'express';
import type { JWTPayload } from 'jose';
import type { PlatformJwk } from './crypto/platform-keys.js';
import { mintToken, type SignWith } from './crypto/token-minting.js';
import type { FaultHandle, FaultSpec } from './http/faults.js';
import { authRoutes } from './http/auth.routes.js';
import { deepLinkReturnRoutes } from './http/deep-link-return.routes.js';
import { registrationRoutes, registrationStart } from './http/registration.routes.js';
import { launchRoutes } from './http/launch.routes.js';
import { servicesRoutes } from './http/services.routes.js';
import { tokenRoutes } from './http/token.routes.js';
import { deepLinkingClaims, resourceLinkClaims } from './lti/messages.js';
import { permittedScopes } from './lti/service-urls.js';
import type { NewActivity, NewCourse, NewTool, NewUser } from './model/site.js';
import type { Activity, Course, CourseRole, Enrolment, Grade, GradeItem, ScoreRecord, ToolType, User } from './model/types.js';
import { Platform, type IdTokenInterceptor, type PlatformEvent, type PlatformOptions } from './platform.js';

export interface SimulatorOptions extends PlatformOptions {
  /** Extra routes mounted after the platform's (the demo LMS pages use this). */
  extraRoutes?: (app: Express, platform: Platform) => void;
}

export interface GradebookColumn {
  item: GradeItem;
  grades: Array<Grade & { user: User }>;
}

/** A running simulator: its URLs, its data and the controls tests need. */
export interface PlatformSimulator {
  readonly url: string;
  readonly issuer: string;
  readonly endpoints: {
    authorization: string;
    token: string;
    jwks: string;
    openidConfiguration: string;
    registration: string;
  };
  /** The underlying state, for what the helpers below do not cover. */
  readonly platform: Platform;
  stop(): Promise<void>;

  addUser(user: NewUser): User;
  addCourse(course: NewCourse): Course;
  enrol(userId: string, courseId: string, role: CourseRole, status?: Enrolment['status']): Enrolment;
  /** Registers a tool by hand (Moodle's "Configure a tool manually"); active at once unless `state: 'pending'`. */
  registerTool(tool: NewTool): ToolType;
  activateTool(toolId: string): ToolType;
  addActivity(activity: NewActivity): Activity;

  /** A URL that logs the browser in as `userId` and launches the activity (resource link). */
  launchUrl(options: { userId: string; activityId: string }): string;
  /** A URL that logs in as `userId` and starts a deep-linking request ("Ajouter une activité"). */
  deepLinkUrl(options: { userId: string; courseId: string; toolId: string; data?: string; title?: string; text?: string }): string;

  gradebook(courseId: string): GradebookColumn[];
  grade(itemId: string, userId: string): Grade | undefined;
  scores(filter?: { itemId?: string; userId?: string }): ScoreRecord[];
  lineItems(courseId: string): GradeItem[];
  events(type?: PlatformEvent['type']): PlatformEvent[];

  /** Rotates the platform key; the previous one stays published for `keepPreviousForMs` (default 10 min). */
  rotateKey(options?: { keepPreviousForMs?: number }): Promise<{ kid: string; previousKid: string }>;
  jwks(): { keys: PlatformJwk[] };
  /** Signs arbitrary claims (attack payloads): platform key, an unpublished key, `alg: none` or HS256. */
  signToken(claims: JWTPayload, options?: { header?: Record<string, unknown>; signWith?: SignWith }): Promise<string>;
  /** Valid Moodle-shaped id_token claims for a launch or a deep-linking request, to tamper with. */
  idTokenClaims(options: { userId: string; nonce: string; activityId?: string; deepLinking?: { courseId: string; toolId: string; data?: string } }): JWTPayload;
  /** Rewrites the next id_token(s) the auth endpoint issues (claims, header, key). */
  interceptIdTokens(fn: IdTokenInterceptor, options?: { once?: boolean }): () => void;
  /** An AGS/NRPS access token issued directly, as token.php would. */
  issueAccessToken(toolId: string, scopes?: string[], lifetimeSeconds?: number): string;
  /** Shifts the platform clock (iat/exp of id_tokens, token expiry) by this many ms. */
  setClockOffset(ms: number): void;
  /**
   * What an admin's "Add LTI Advantage" in Manage tools does: a registration token (RS256, 1 h) and
   * the tool's registration URL with `openid_configuration` and `registration_token` added.
   */
  startDynamicRegistration(toolRegistrationUrl: string): Promise<{ url: string; registrationToken: string; clientId: string }>;
  /** Tools registered dynamically and waiting for an admin. */
  pendingTools(): ToolType[];
  addFault(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
}

/** Starts the LTI 1.3 platform simulator (Moodle-shaped) on a free loopback port unless told otherwise. */
export async function startPlatformSimulator(options: SimulatorOptions = {}): Promise<PlatformSimulator> {
  const platform = await Platform.create(options);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.urlencoded({ extended: false, limit: '256kb' }));
  app.use(launchRoutes(platform));
  app.use(authRoutes(platform));
  app.use(tokenRoutes(platform));
  app.use(servicesRoutes(platform));
  app.use(deepLinkReturnRoutes(platform));
  app.use(registrationRoutes(platform));
  options.extraRoutes?.(app, platform);

  const server = http.createServer({ keepAliveTimeout: 5000 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = (options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${address.port}`).replace(/\/$/, '');
  platform.setBaseUrl(url);
  return simulatorApi(platform, url, server);
}

function simulatorApi(platform: Platform, url: string, server: http.Server): PlatformSimulator {
  const site = platform.site;
  const loginThen = (userId: string, next: string) => `${url}/login/index.php?user=${encodeURIComponent(userId)}&next=${encodeURIComponent(next)}`;
  return {
    url,
    issuer: platform.info.issuer,
    endpoints: {
      authorization: `${url}/mod/lti/auth.php`,
      token: `${url}/mod/lti/token.php`,
      jwks: `${url}/mod/lti/certs.php`,
      openidConfiguration: `${url}/mod/lti/openid-configuration.php`,
      registration: `${url}/mod/lti/openid-registration.php`,
    },
    platform,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    addUser: (u) => site.addUser(u),
    addCourse: (c) => site.addCourse(c),
    enrol: (userId, courseId, role, status) => site.enrol(userId, courseId, role, status),
    registerTool: (t) => site.registerTool(t),
    activateTool(toolId) {
      const tool = site.mustTool(toolId);
      tool.state = 'configured';
      return tool;
    },
    addActivity: (a) => site.addActivity(a),
    launchUrl: ({ userId, activityId }) => loginThen(userId, `/mod/lti/launch.php?id=${site.mustActivity(activityId).cmid}`),
    deepLinkUrl: ({ userId, courseId, toolId, data, title, text }) => {
      const query = new URLSearchParams({ id: toolId, course: courseId, ...(data !== undefined ? { data } : {}), ...(title ? { title } : {}), ...(text ? { text } : {}) });
      return loginThen(userId, `/mod/lti/contentitem.php?${query}`);
    },
    gradebook(courseId) {
      return [...site.gradeItems.values()]
        .filter((i) => i.courseId === courseId)
        .map((item) => ({
          item,
          grades: [...site.grades.values()].filter((g) => g.itemId === item.id).map((g) => ({ ...g, user: site.mustUser(g.userId) })),
        }));
    },
    grade: (itemId, userId) => site.grade(itemId, userId),
    scores: (filter = {}) => site.scoreLog.filter((s) => (!filter.itemId || s.itemId === filter.itemId) && (!filter.userId || s.userId === filter.userId)),
    lineItems: (courseId) => [...site.gradeItems.values()].filter((i) => i.courseId === courseId),
    events: (type) => (type ? platform.events.filter((e) => e.type === type) : [...platform.events]),
    rotateKey: (o = {}) => platform.keys.rotate(o.keepPreviousForMs),
    jwks: () => platform.keys.jwks(),
    signToken: (claims, o = {}) => mintToken(platform.keys, claims, o.header, o.signWith),
    idTokenClaims({ userId, nonce, activityId, deepLinking }) {
      const user = site.mustUser(userId);
      const common = { site: platform.info, db: site, user, nonce, nowSeconds: platform.nowSeconds() };
      if (activityId) {
        const activity = site.mustActivity(activityId);
        return resourceLinkClaims({ ...common, tool: site.mustTool(activity.toolId), course: site.mustCourse(activity.courseId), activity, sesskey: 'sesskey' });
      }
      if (!deepLinking) throw new Error('idTokenClaims needs activityId or deepLinking');
      const returnUrl = `${url}/mod/lti/contentitem_return.php?course=${deepLinking.courseId}&id=${deepLinking.toolId}&sesskey=sesskey`;
      return deepLinkingClaims({ ...common, tool: site.mustTool(deepLinking.toolId), course: site.mustCourse(deepLinking.courseId), returnUrl, title: '', text: '', data: deepLinking.data });
    },
    interceptIdTokens(fn, o = {}) {
      const entry = { fn, once: o.once ?? true };
      platform.idTokenInterceptors.push(entry);
      return () => {
        platform.idTokenInterceptors = platform.idTokenInterceptors.filter((e) => e !== entry);
      };
    },
    issueAccessToken(toolId, scopes, lifetimeSeconds = 3600) {
      const tool = site.mustTool(toolId);
      const token = `sim-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
      site.accessTokens.set(token, { token, toolId, scopes: scopes ?? permittedScopes(tool), validUntil: platform.nowSeconds() + lifetimeSeconds });
      return token;
    },
    setClockOffset(ms) {
      platform.clockOffsetMs = ms;
    },
    startDynamicRegistration: (toolUrl) => registrationStart(platform, toolUrl),
    pendingTools: () => [...site.tools.values()].filter((t) => t.state === 'pending'),
    addFault: (spec) => platform.faults.add(spec),
    clearFaults: () => platform.faults.clear(),
  };
}
