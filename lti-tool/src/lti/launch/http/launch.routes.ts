import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response, Router } from 'express';
import { AppError } from '../../../platform/errors.js';
import { platformOrigins } from '../../registrations/domain/registration.js';
import type { LaunchSessions } from '../../session/launch-sessions.js';
import { launchOf, requireLaunch } from '../../session/require-launch.js';
import { LOGIN_STATE_TTL_SECONDS, startLogin, type LoginParams, type StartLoginDeps } from '../application/start-login.js';
import { bindingCookieName, type LaunchOutcome, type LaunchReceiver } from '../application/receive-launch.js';
import { LaunchRefusal } from '../domain/launch-refusal.js';
import { sendLaunchPage, type MediaOrigins } from './launch-page.js';
import { sendBindPage, sendLoginRedirectPage, sendLtiErrorPage } from './launch-pages.js';

export interface LaunchRoutesDeps {
  login: StartLoginDeps;
  receiver: LaunchReceiver;
  sessions: LaunchSessions;
  toolUrl: string;
  /** The item bank's outside media origins, for the launch page's CSP (the content module provides them). */
  mediaOrigins?: () => Promise<MediaOrigins>;
  /** `/static/` chunks the launch page preloads (the web module provides them). */
  preloads?: () => string[];
  /** Counts refusals by code and hour for the operations screen (optional in tests). */
  failures?: { record(input: { code: string; registrationId?: string; at: Date }): Promise<void> };
}

const LOGIN_FIELDS = ['iss', 'login_hint', 'target_link_uri', 'lti_message_hint', 'client_id', 'lti_deployment_id'] as const;

/** A string field of the query or form body; arrays and objects (`a[]=…`) are ignored. */
function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 16_384 ? value : undefined;
}

/**
 * Pages of an LTI launch answer with HTML, not JSON: a refusal becomes the French error
 * page (with the request id), logged with its code and the failing check.
 */
function page(handler: (req: Request, res: Response) => Promise<void>, failures?: LaunchRoutesDeps['failures']): RequestHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      countFailure(req, err, failures);
      if (err instanceof LaunchRefusal) {
        req.log.warn({ code: err.code, details: err.details }, `LTI refused: ${err.message}`);
        sendLtiErrorPage(res, err.status, err.code, err.userMessage);
      } else if (err instanceof AppError && err.status < 500) {
        req.log.warn({ code: err.code, details: err.details }, err.message);
        sendLtiErrorPage(res, err.status, err.code, 'La demande est invalide. Rouvrez l’activité depuis votre cours.');
      } else {
        req.log.error({ err }, 'LTI page failed');
        sendLtiErrorPage(res, 500, 'INTERNAL_ERROR', 'Une erreur inattendue s’est produite. Réessayez dans un instant.');
      }
    }
  };
}

/** Counted without waiting: the person gets their error page even if the count cannot be written. */
function countFailure(req: Request, err: unknown, failures: LaunchRoutesDeps['failures']): void {
  if (!failures) return;
  const code = err instanceof AppError && err.status < 500 ? err.code : err instanceof LaunchRefusal ? err.code : 'INTERNAL_ERROR';
  const details = err instanceof AppError ? (err.details as { registrationId?: unknown } | undefined) : undefined;
  const registrationId = err instanceof LaunchRefusal ? (err.registrationId ?? (typeof details?.registrationId === 'string' ? details.registrationId : undefined)) : undefined;
  failures.record({ code, registrationId, at: new Date() }).catch((e: unknown) => req.log.warn({ err: e }, 'could not count an LTI failure'));
}

export function launchRoutes(router: Router, deps: LaunchRoutesDeps): void {
  const login = page(async (req, res) => {
    const source = req.method === 'POST' ? req.body : req.query;
    const params: LoginParams = {};
    for (const name of LOGIN_FIELDS) params[name] = field(source, name);
    const redirect = await startLogin(params, deps.login);
    // Where third-party cookies are allowed (or partitioned cookies are), this is the binding;
    // elsewhere the page's sessionStorage copy is.
    res.cookie(bindingCookieName(redirect.state), redirect.bindingSecret, {
      httpOnly: true,
      secure: true,
      sameSite: 'none',
      partitioned: true,
      path: '/lti/launch',
      maxAge: LOGIN_STATE_TTL_SECONDS * 1000,
    });
    sendLoginRedirectPage(res, { ...redirect, frameAncestors: platformOrigins(redirect.registration) });
  }, deps.failures);
  router.get('/lti/login', login);
  router.post('/lti/login', login);

  const finish = async (res: Response, outcome: LaunchOutcome) => {
    if (outcome.kind === 'session') {
      // Without the bank's origins the page still opens; only its outside embeds and images stay blocked.
      const media = await deps.mediaOrigins?.().catch((err: unknown) => {
        res.req.log.warn({ err }, 'item bank media origins unavailable: the launch page allows none');
        return undefined;
      });
      sendLaunchPage(res, outcome.token, outcome.session, outcome.registration, deps.toolUrl, { media, preloads: deps.preloads?.() });
    } else {
      sendBindPage(res, { state: outcome.state, ticket: outcome.ticket, frameAncestors: platformOrigins(outcome.registration) });
    }
  };

  router.post(
    '/lti/launch',
    page(async (req, res) => {
      const state = field(req.body, 'state');
      const cookies = req.headers.cookie ? parseCookies(req.headers.cookie) : {};
      const cookieName = state ? bindingCookieName(state) : undefined;
      const outcome = await deps.receiver.receive({
        idToken: field(req.body, 'id_token'),
        state,
        error: field(req.body, 'error'),
        errorDescription: field(req.body, 'error_description'),
        bindingCookie: cookieName ? cookies[cookieName] : undefined,
      });
      if (cookieName) res.clearCookie(cookieName, { path: '/lti/launch', secure: true, sameSite: 'none', partitioned: true });
      await finish(res, outcome);
    }, deps.failures),
  );

  router.post(
    '/lti/launch/bind',
    page(async (req, res) => {
      await finish(res, await deps.receiver.bind(field(req.body, 'state'), field(req.body, 'secret')));
    }, deps.failures),
  );

  router.post(
    '/lti/launch/continue',
    page(async (req, res) => {
      await finish(res, await deps.receiver.continueWithTicket(field(req.body, 'ticket')));
    }, deps.failures),
  );

  /** The launch as the web components see it; also the cheapest authenticated call. */
  router.get('/api/lti/session', requireLaunch(deps.sessions), (_req, res) => {
    const s = launchOf(res);
    res.set('Cache-Control', 'no-store').json({
      tenantId: s.tenantId,
      messageType: s.messageType,
      user: { id: s.user.id, ...(s.user.name || s.user.givenName ? { displayName: s.user.name ?? [s.user.givenName, s.user.familyName].filter(Boolean).join(' ') } : {}) },
      roles: { learner: s.roles.learner, instructor: s.roles.instructor, administrator: s.roles.administrator },
      context: s.context ?? null,
      resourceLink: s.resourceLink ?? null,
      activity: s.activity ?? null,
      locale: s.locale ?? 'fr',
      expiresAt: s.expiresAt,
    });
  });
}
