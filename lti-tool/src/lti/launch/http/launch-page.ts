import type { Response } from 'express';
import { platformOrigins, type Registration } from '../../registrations/domain/registration.js';
import type { LaunchSession } from '../../session/launch-session.js';
import { escapeHtml, scriptJson, sendPage } from '../../shared/html.js';
import type { LaunchPageConfig } from '../launch-page-config.js';

/** What the launch page may load from outside the tool for the challenges (the item bank's embeds and images). */
export interface MediaOrigins {
  frames: string[];
  images: string[];
}

const NO_MEDIA: MediaOrigins = { frames: [], images: [] };

const ACTIVITY_LABELS: Record<string, string> = {
  campaign: 'Campagne d’évaluation',
  'competence-evaluation': 'Évaluation d’une compétence',
  certification: 'Certification',
};

export function launchPageConfig(token: string, session: LaunchSession, toolUrl: string): LaunchPageConfig {
  const view: LaunchPageConfig['view'] =
    session.messageType === 'LtiDeepLinkingRequest' ? 'deep-linking' : session.roles.instructor || session.roles.administrator ? 'instructor' : 'learner';
  const config: LaunchPageConfig = {
    token,
    apiBase: `${toolUrl}/api`,
    view,
    locale: session.locale ?? 'fr',
    user: displayNameOf(session) ? { displayName: displayNameOf(session) } : {},
  };
  if (session.activity) config.activity = session.activity;
  if (session.context) config.context = session.context;
  if (session.resourceLink) config.resourceLink = session.resourceLink;
  if (view === 'deep-linking' && session.deepLinking) {
    config.deepLinking = {
      itemsUrl: `${toolUrl}/api/lti/deep-linking/items`,
      responseUrl: `${toolUrl}/api/lti/deep-linking/response`,
      acceptMultiple: session.deepLinking.acceptMultiple,
      acceptTypes: session.deepLinking.acceptTypes,
    };
  }
  return config;
}

function displayNameOf(session: LaunchSession): string | undefined {
  const { name, givenName, familyName } = session.user;
  return name ?? ([givenName, familyName].filter(Boolean).join(' ') || undefined);
}

/**
 * The end of every launch: the web components app with its JSON config, over a plain
 * server-rendered account of who launched what, so the page is usable (and says
 * something true) before the components bundle loads — or if it never does.
 */
export function sendLaunchPage(
  res: Response,
  token: string,
  session: LaunchSession,
  registration: Registration,
  toolUrl: string,
  assets: { media?: MediaOrigins; preloads?: string[] } = {},
): void {
  const media = assets.media ?? NO_MEDIA;
  // The bundle's static imports, fetched alongside it rather than after it is parsed.
  const preloads = (assets.preloads ?? []).filter((p) => /^\/static\/[\w./-]+\.js$/.test(p)).map((p) => `\n<link rel="modulepreload" href="${escapeHtml(p)}">`).join('');
  const config = launchPageConfig(token, session, toolUrl);
  const origins = platformOrigins(registration);
  const formAction = session.deepLinking ? [...new Set([...origins, new URL(session.deepLinking.returnUrl).origin])] : origins;
  sendPage(
    res,
    200,
    {
      title: config.view === 'deep-linking' ? 'Pix — ajouter une activité' : 'Pix',
      head: `<script nonce="{{nonce}}">window.litNonce=document.currentScript.nonce;</script>
<script type="module" src="/static/pix-components.js"></script>${preloads}`,
      body: `<pix-launch-app>
<main id="pix-launch-fallback">
${fallbackBody(config, token)}
</main>
</pix-launch-app>
<script type="application/json" id="pix-launch-config">${scriptJson(config)}</script>`,
    },
    // The platform frames the page; the deep-linking response form posts to it; the challenges
    // frame the item bank's simulators and show its images, from those origins only.
    { frameAncestors: origins, formAction, frameSrc: media.frames, imgSrc: media.images },
  );
}

function fallbackBody(config: LaunchPageConfig, token: string): string {
  const lines: string[] = [];
  if (config.user.displayName) lines.push(`<p>Connecté en tant que <strong>${escapeHtml(config.user.displayName)}</strong>.</p>`);
  if (config.context?.title) lines.push(`<p>Cours : ${escapeHtml(config.context.title)}</p>`);
  if (config.resourceLink?.title) lines.push(`<p>Lien : ${escapeHtml(config.resourceLink.title)}</p>`);
  if (config.view === 'deep-linking') {
    return `<h1>Ajouter une activité Pix au cours</h1>
${lines.join('\n')}
<form method="post" action="/lti/deep-linking/picker">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Choisir les activités à ajouter</button>
</form>`;
  }
  const activity = config.activity
    ? `<p>Activité : ${escapeHtml(ACTIVITY_LABELS[config.activity.type] ?? config.activity.type)} <code>${escapeHtml(config.activity.id)}</code></p>`
    : '<p>Aucune activité Pix n’est encore associée à ce lien. Un enseignant peut en ajouter une depuis le cours.</p>';
  const role = config.view === 'instructor' ? 'enseignant' : 'élève';
  return `<h1>Pix</h1>
<p>Ouverture réussie (profil ${role}).</p>
${lines.join('\n')}
${activity}
<p class="muted" role="status">Chargement de l’application… Si rien ne s’affiche, actualisez la page ou mettez à jour votre navigateur.</p>`;
}
