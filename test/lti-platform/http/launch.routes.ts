import { Router, type Request, type Response } from 'express';
import { canEnterCourse, canManageActivities } from '../model/roles.js';
import type { Activity, ToolType, User } from '../model/types.js';
import type { LaunchHint, Platform, Session } from '../platform.js';
import { autoSubmitPage, errorPage } from './html.js';
import { currentSession, param, startSession } from './session.js';

/**
 * The launch side of Moodle: `launch.php?id=<cmid>` (resource link) and `contentitem.php`
 * (deep linking) answer with the login-initiation form auto-posted to the tool
 * (`lti_build_login_request` + `lti_post_launch_html`); `/login/index.php?user=` logs in as a user.
 */
export function launchRoutes(platform: Platform): Router {
  const router = Router();

  router.get('/login/index.php', (req, res) => {
    const userId = param(req, 'user');
    if (!platform.site.users.has(userId)) {
      res.status(404).type('html').send(errorPage('Utilisateur inconnu', `Aucun utilisateur ${userId}.`, 'invaliduser'));
      return;
    }
    startSession(platform, req, res, userId);
    const next = param(req, 'next');
    res.redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
  });

  router.get('/mod/lti/launch.php', (req, res) => {
    const session = requireUser(platform, req, res);
    if (!session) return;
    const user = platform.site.mustUser(session.userId);
    const activity = platform.site.activityByCmid(param(req, 'id'));
    if (!activity) return void res.status(404).type('html').send(errorPage('Activité introuvable', 'Cette activité n’existe pas.', 'invalidcoursemodule'));
    const tool = platform.site.tools.get(activity.toolId);
    const refusal = tool ? launchRefusal(platform, user, activity, tool) : 'Outil externe introuvable.';
    if (refusal || !tool) return void res.status(403).type('html').send(errorPage('Lancement impossible', refusal ?? '', 'nopermissions'));
    const hint: LaunchHint = { courseId: activity.courseId, toolId: tool.id, cmid: activity.cmid, messageType: 'basic-lti-launch-request', title: '', text: '' };
    const launchId = platform.rememberLaunch(session, hint, activity.id);
    const endpoint = activity.toolUrl || tool.toolUrl;
    sendLoginInitiation(platform, res, tool, user, endpoint, JSON.stringify({ cmid: Number(activity.cmid), launchid: launchId }));
  });

  router.get('/mod/lti/contentitem.php', (req, res) => {
    const session = requireUser(platform, req, res);
    if (!session) return;
    const user = platform.site.mustUser(session.userId);
    const tool = platform.site.tools.get(param(req, 'id'));
    const courseId = param(req, 'course');
    if (!tool || !platform.site.courses.has(courseId)) return void res.status(404).type('html').send(errorPage('Outil introuvable', 'Cet outil ou ce cours n’existe pas.', 'errortooltypenotfound'));
    if (!canManageActivities(platform.site, user, courseId)) {
      return void res.status(403).type('html').send(errorPage('Accès refusé', 'Seul un enseignant éditeur peut ajouter une activité.', 'nopermissions'));
    }
    if (tool.state !== 'configured' || !tool.contentItem || !platform.site.toolAllowedInCourse(tool, courseId)) {
      return void res.status(403).type('html').send(errorPage('Outil indisponible', 'Cet outil n’est pas activé pour le contenu (deep linking) dans ce cours.', 'errortooltypenotfound'));
    }
    const data = param(req, 'data');
    const hint: LaunchHint = { courseId, toolId: tool.id, messageType: 'ContentItemSelectionRequest', title: param(req, 'title'), text: param(req, 'text'), data: data || undefined };
    const launchId = platform.rememberLaunch(session, hint);
    sendLoginInitiation(platform, res, tool, user, tool.deepLinkingUrl || tool.toolUrl, JSON.stringify({ launchid: launchId }));
  });

  return router;
}

function requireUser(platform: Platform, req: Request, res: Response): Session | undefined {
  const session = currentSession(platform, req);
  if (!session) res.status(401).type('html').send(errorPage('Connexion requise', 'Connectez-vous à la plateforme pour lancer cette activité.', 'requireloginerror'));
  return session;
}

/** Why Moodle would not show this activity to this user (require_login, availability, tool state). */
export function launchRefusal(platform: Platform, user: User, activity: Activity, tool: ToolType): string | undefined {
  if (!canEnterCourse(platform.site, user, activity.courseId)) return 'Vous n’êtes pas inscrit à ce cours.';
  if (activity.restrictedTo && !user.siteAdmin && !activity.restrictedTo.includes(user.id)) return 'Cette activité ne vous est pas accessible (restriction d’accès).';
  if (tool.state !== 'configured') return 'L’outil externe est en attente d’activation par l’administrateur.';
  return undefined;
}

function sendLoginInitiation(platform: Platform, res: Response, tool: ToolType, user: User, endpoint: string, messageHint: string): void {
  const fields = {
    iss: platform.info.issuer,
    target_link_uri: endpoint.trim(),
    login_hint: user.id,
    lti_message_hint: messageHint,
    client_id: tool.clientId,
    lti_deployment_id: tool.id,
  };
  platform.record('login-initiation', { toolId: tool.id, userId: user.id, ...fields });
  res.type('html').send(autoSubmitPage({ action: tool.initiateLoginUri, fields, formName: 'ltiLaunchForm', title: 'Lancement de l’outil externe' }));
}
