import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { KeyStore } from '../../../keys/application/key-store.js';
import { AppError } from '../../../platform/errors.js';
import { validate } from '../../../platform/http/validate.js';
import { parseActivityParam, formatActivityParam } from '../../launch/domain/activity-param.js';
import { sendLtiErrorPage } from '../../launch/http/launch-pages.js';
import { platformOrigins } from '../../registrations/domain/registration.js';
import type { Registrations } from '../../registrations/application/registrations.js';
import type { ActivityRef, LaunchSession } from '../../session/launch-session.js';
import type { LaunchSessions } from '../../session/launch-sessions.js';
import { launchOf, requireLaunch } from '../../session/require-launch.js';
import { escapeHtml, sendPage } from '../../shared/html.js';
import type { ActivityCatalog } from '../activity-catalog.js';
import { buildDeepLinkingResponse, catalogTenantOf, deepLinkingOf } from '../application/build-deep-linking-response.js';

export interface DeepLinkingRoutesDeps {
  sessions: LaunchSessions;
  registrations: Registrations;
  keys: Pick<KeyStore, 'sign'>;
  toolUrl: string;
  /** Undefined until a module provides one: the picker then says there is nothing to add yet. */
  catalog: () => ActivityCatalog | undefined;
}

const activityRef = z.object({ type: z.enum(['campaign', 'competence-evaluation', 'certification']), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();
const responseBody = z.object({ items: z.array(activityRef).max(50), returnUrl: z.string().max(2048).optional() }).strict();

export function deepLinkingRoutes(router: Router, deps: DeepLinkingRoutesDeps): void {
  const teacher = requireLaunch(deps.sessions, { roles: ['instructor', 'administrator'] });

  router.get('/api/lti/deep-linking/items', teacher, async (_req, res) => {
    const session = launchOf(res);
    const settings = deepLinkingOf(session);
    const catalog = deps.catalog();
    const items = catalog ? await catalog.list(catalogTenantOf(session)) : [];
    res.set('Cache-Control', 'no-store').json({ items, acceptMultiple: settings.acceptMultiple, acceptTypes: settings.acceptTypes, catalogAvailable: catalog !== undefined });
  });

  router.post('/api/lti/deep-linking/response', teacher, async (req, res) => {
    const body = validate(responseBody, req.body);
    const response = await buildDeepLinkingResponse({
      session: launchOf(res),
      refs: body.items,
      claimedReturnUrl: body.returnUrl,
      catalog: deps.catalog(),
      keys: deps.keys,
      toolUrl: deps.toolUrl,
    });
    res.set('Cache-Control', 'no-store').json(response);
  });

  // The plain fallback: a server-rendered checkbox list, usable without the web components.
  router.post('/lti/deep-linking/picker', async (req, res) => {
    await fallback(req, res, deps, async (session) => {
      const settings = deepLinkingOf(session);
      const catalog = deps.catalog();
      const items = catalog ? await catalog.list(catalogTenantOf(session)) : [];
      await sendPickerPage(res, session, items, settings.acceptMultiple, deps);
    });
  });

  router.post('/lti/deep-linking/submit', async (req, res) => {
    await fallback(req, res, deps, async (session) => {
      const raw = req.body?.items;
      const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string').slice(0, 50);
      const refs = values.map(parseActivityParam).filter((r): r is ActivityRef => r !== undefined);
      const response = await buildDeepLinkingResponse({ session, refs, catalog: deps.catalog(), keys: deps.keys, toolUrl: deps.toolUrl });
      await sendAutoPostPage(res, session, response.returnUrl, response.jwt, deps);
    });
  });
}

async function fallback(req: Request, res: Response, deps: DeepLinkingRoutesDeps, handler: (session: LaunchSession) => Promise<void>): Promise<void> {
  try {
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    const session = token ? await deps.sessions.resolve(token) : undefined;
    if (!session) throw new AppError('LAUNCH_SESSION_EXPIRED', 'session expired', { status: 401 });
    if (!session.roles.instructor && !session.roles.administrator) throw new AppError('LAUNCH_ROLE_FORBIDDEN', 'instructor only', { status: 403 });
    await handler(session);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      req.log.warn({ code: err.code, details: err.details }, err.message);
      sendLtiErrorPage(res, err.status, err.code, FRENCH[err.code] ?? 'La demande est invalide. Rouvrez l’ajout d’activité depuis votre cours.');
      return;
    }
    req.log.error({ err }, 'deep-linking page failed');
    sendLtiErrorPage(res, 500, 'INTERNAL_ERROR', 'Une erreur inattendue s’est produite. Réessayez dans un instant.');
  }
}

const FRENCH: Record<string, string> = {
  LAUNCH_SESSION_EXPIRED: 'Votre session a expiré : rouvrez l’ajout d’activité depuis votre cours.',
  LAUNCH_ROLE_FORBIDDEN: 'Seul un enseignant peut ajouter une activité Pix au cours.',
  DEEP_LINKING_SESSION_REQUIRED: 'Ouvrez « Ajouter une activité » depuis votre cours pour choisir une activité Pix.',
  DEEP_LINKING_SINGLE_ITEM: 'La plateforme n’accepte qu’une seule activité ici : n’en cochez qu’une.',
  DEEP_LINKING_TYPE_NOT_ACCEPTED: 'La plateforme n’accepte pas de lien d’activité à cet endroit.',
  DEEP_LINKING_ITEM_NOT_FOUND: 'Cette activité n’est pas (ou plus) disponible pour votre établissement.',
};

async function frameOrigins(session: LaunchSession, deps: DeepLinkingRoutesDeps): Promise<string[]> {
  const registration = await deps.registrations.find(session.registrationId);
  return registration ? platformOrigins(registration) : [];
}

async function sendPickerPage(
  res: Response,
  session: LaunchSession,
  items: Awaited<ReturnType<ActivityCatalog['list']>>,
  multiple: boolean,
  deps: DeepLinkingRoutesDeps,
): Promise<void> {
  const token = escapeHtml(String(res.req.body.token));
  const choices = items
    .map((item, i) => {
      const value = escapeHtml(formatActivityParam(item.ref));
      const text = item.text ? `<br><span class="muted">${escapeHtml(item.text)}</span>` : '';
      return `<label><input type="${multiple ? 'checkbox' : 'radio'}" name="items" value="${value}"${i === 0 && !multiple ? ' required' : ''}> ${escapeHtml(item.title)} <span class="muted">(note sur ${item.scoreMaximum})</span>${text}</label>`;
    })
    .join('\n');
  const body =
    items.length === 0
      ? `<p>Il n’y a encore aucune activité Pix à ajouter pour votre établissement.</p>
<form method="post" action="/lti/deep-linking/submit"><input type="hidden" name="token" value="${token}"><button type="submit" class="secondary">Revenir au cours sans rien ajouter</button></form>`
      : `<form method="post" action="/lti/deep-linking/submit">
<input type="hidden" name="token" value="${token}">
<fieldset><legend>${multiple ? 'Cochez les activités à ajouter' : 'Choisissez l’activité à ajouter'}</legend>
${choices}
</fieldset>
<p><button type="submit">Ajouter au cours</button></p>
</form>`;
  sendPage(res, 200, { title: 'Pix — ajouter une activité', body: `<main><h1>Ajouter une activité Pix</h1>\n${body}</main>` }, { frameAncestors: await frameOrigins(session, deps) });
}

async function sendAutoPostPage(res: Response, session: LaunchSession, returnUrl: string, jwt: string, deps: DeepLinkingRoutesDeps): Promise<void> {
  sendPage(
    res,
    200,
    {
      title: 'Retour au cours…',
      body: `<main>
<form id="pix-lti-deep-linking-response" method="post" action="${escapeHtml(returnUrl)}" data-auto-submit>
<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">
<p role="status">Retour au cours…</p>
<noscript><button type="submit">Revenir au cours</button></noscript>
</form>
</main>`,
      script: "document.getElementById('pix-lti-deep-linking-response').submit();",
    },
    { frameAncestors: await frameOrigins(session, deps), formAction: [new URL(returnUrl).origin] },
  );
}
