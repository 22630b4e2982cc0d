import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { mintToken } from '../crypto/token-minting.js';
import { deepLinkingClaims, resourceLinkClaims } from '../lti/messages.js';
import { canManageActivities } from '../model/roles.js';
import type { ToolType } from '../model/types.js';
import type { LaunchHint, Platform, Session } from '../platform.js';
import { autoSubmitPage, errorPage } from './html.js';
import { launchRefusal } from './launch.routes.js';
import { currentSession, param } from './session.js';

/**
 * mod/lti/auth.php (Moodle 4.x): the OIDC authentication request. Checks run in Moodle's order;
 * refusals found before the tool's configuration is loaded, or a redirect_uri that is not exactly
 * one of the registered ones, end on an `invalidrequest` error page with no redirect back; later
 * ones (`unauthorized_client`, `access_denied`, response_mode, prompt) are posted to the tool.
 */
export function authRoutes(platform: Platform): Router {
  const router = Router();
  router.all('/mod/lti/auth.php', platform.faults.middleware('auth'), (req, res) => {
    void authenticate(platform, req, res).catch((err: unknown) => {
      res.status(500).type('html').send(errorPage('Erreur', (err as Error).message, 'generalexceptionmessage'));
    });
  });
  return router;
}

async function authenticate(platform: Platform, req: Request, res: Response): Promise<void> {
  const session = currentSession(platform, req);
  if (!session) return notLoggedIn(platform, req, res);
  const p = (name: string) => param(req, name);
  const [scope, responseType, clientId, redirectUri, loginHint, nonce, state, responseMode, prompt] =
    ['scope', 'response_type', 'client_id', 'redirect_uri', 'login_hint', 'nonce', 'state', 'response_mode', 'prompt'].map(p) as string[];

  let ok = Boolean(scope && responseType && clientId && redirectUri && loginHint && nonce);
  let error = ok ? '' : 'invalid_request';
  let description = '';
  let launchId: string | undefined;
  try {
    const hint: unknown = JSON.parse(p('lti_message_hint'));
    if (hint && typeof hint === 'object' && typeof (hint as { launchid?: unknown }).launchid === 'string') launchId = (hint as { launchid: string }).launchid;
  } catch {
    // Not JSON: no launch id.
  }
  if (ok && !launchId) [ok, error, description] = [false, 'invalid_request', 'No launch id in LTI hint'];
  if (ok && scope !== 'openid') [ok, error] = [false, 'invalid_scope'];
  if (ok && responseType !== 'id_token') [ok, error] = [false, 'unsupported_response_type'];

  let launch: LaunchHint | undefined;
  let tool: ToolType | undefined;
  if (ok) {
    launch = session.launches.get(launchId!);
    session.launches.delete(launchId!);
    tool = launch ? platform.site.tools.get(launch.toolId) : undefined;
    if (tool && clientId !== tool.clientId) [ok, error] = [false, 'unauthorized_client'];
  }
  if (ok && loginHint !== session.userId) [ok, error] = [false, 'access_denied'];

  // "If we're unable to load up config; we cannot trust the redirect uri for POSTing to."
  if (!tool) return invalidRequest(platform, res, error ? `check failed before the tool was known: ${error}` : 'unknown or already used launch id', { error, launchId });
  if (!tool.redirectUris.map((u) => u.trim()).includes(redirectUri)) {
    return invalidRequest(platform, res, 'redirect_uri is not one of the registered redirection URIs', { redirectUri, registered: tool.redirectUris });
  }
  if (ok && responseMode !== 'form_post') [ok, error, description] = [false, 'invalid_request', 'Invalid response_mode'];
  if (ok && prompt && prompt !== 'none') [ok, error, description] = [false, 'invalid_request', 'Invalid prompt'];

  let fields: Record<string, string>;
  if (ok) {
    const built = await buildIdToken(platform, session, launch!, tool, nonce);
    if ('refusal' in built) {
      res.status(403).type('html').send(errorPage('Accès refusé', built.refusal, 'nopermissions'));
      platform.record('auth-refused', { check: 'capability', reason: built.refusal });
      return;
    }
    fields = { id_token: built.idToken };
  } else {
    fields = { error, ...(description ? { error_description: description } : {}) };
    platform.record('auth-error-returned', { error, description, redirectUri });
  }
  if (state) fields.state = state;
  res.type('html').send(autoSubmitPage({ action: redirectUri, fields, formName: 'ltiAuthForm', title: 'Authentification' }));
}

async function buildIdToken(platform: Platform, session: Session, launch: LaunchHint, tool: ToolType, nonce: string): Promise<{ idToken: string } | { refusal: string }> {
  const site = platform.site;
  const user = site.mustUser(session.userId);
  const course = site.mustCourse(launch.courseId);
  const common = { site: platform.info, db: site, tool, user, course, nonce, nowSeconds: platform.nowSeconds() };
  let claims;
  if (launch.cmid) {
    const activity = site.activityByCmid(launch.cmid);
    if (!activity) return { refusal: 'Cette activité n’existe plus.' };
    const refusal = launchRefusal(platform, user, activity, tool);
    if (refusal) return { refusal };
    claims = resourceLinkClaims({ ...common, activity, sesskey: session.sesskey, userAgent: session.userAgent });
  } else {
    if (!canManageActivities(site, user, course.id)) return { refusal: 'Seul un enseignant éditeur peut choisir du contenu (moodle/course:manageactivities, mod/lti:addcoursetool).' };
    const returnUrl = `${platform.info.wwwroot}/mod/lti/contentitem_return.php?course=${course.id}&id=${tool.id}&sesskey=${session.sesskey}`;
    claims = deepLinkingClaims({ ...common, returnUrl, title: launch.title, text: launch.text, data: launch.data });
    session.deepLinkData.set(`${tool.id}:${course.id}`, launch.data);
  }
  let header: Record<string, unknown> = {};
  let signWith: Parameters<typeof mintToken>[3] = 'platform';
  const interceptor = platform.takeInterceptor();
  if (interceptor) {
    const changed = interceptor({ claims, header });
    if (changed) [claims, header, signWith] = [changed.claims, changed.header ?? header, changed.signWith ?? signWith];
  }
  const idToken = await mintToken(platform.keys, claims, header, signWith);
  platform.record('id-token', { toolId: tool.id, userId: user.id, messageType: claims['https://purl.imsglobal.org/spec/lti/claim/message_type'], claims, jti: randomBytes(4).toString('hex') });
  return { idToken };
}

/** Moodle's cross-site re-POST page: the session cookie was not sent, so post the same fields again from the site itself. */
function notLoggedIn(platform: Platform, req: Request, res: Response): void {
  if (param(req, 'repost')) {
    platform.record('auth-refused', { check: 'session', reason: 'not logged in' });
    res.status(401).type('html').send(errorPage('Connexion requise', 'Vous n’êtes pas connecté à la plateforme (cookie de session absent).', 'requireloginerror'));
    return;
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
  res.type('html').send(autoSubmitPage({ action: req.originalUrl, fields: { ...fields, repost: 'true' }, formName: 'repostForm', title: 'Redirection' }));
}

function invalidRequest(platform: Platform, res: Response, reason: string, detail: Record<string, unknown>): void {
  platform.record('auth-refused', { check: 'invalidrequest', reason, ...detail });
  res.status(400).type('html').send(errorPage('Requête non valide', `Requête non valide détectée : ${reason}.`, 'invalidrequest'));
}
