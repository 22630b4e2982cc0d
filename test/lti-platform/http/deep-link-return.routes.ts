import { Router, type Request, type Response } from 'express';
import type { JWTPayload } from 'jose';
import { unverifiedPayload } from '../crypto/firebase-jwt.js';
import { CLAIM } from '../lti/claims.js';
import { canManageActivities } from '../model/roles.js';
import type { Activity, LaunchContainer, ToolType } from '../model/types.js';
import type { Platform, Session } from '../platform.js';
import { autoSubmitPage, errorPage, escapeHtml } from './html.js';
import { currentSession, param } from './session.js';

class Refusal extends Error {
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * mod/lti/contentitem_return.php: verifies the tool's LtiDeepLinkingResponse and turns each
 * `ltiResourceLink` into an activity (`lti_convert_content_items` + `content_item_to_form`).
 * Moodle's own checks: a session (cross-site re-post otherwise), sesskey, capabilities, the JWT's
 * `iss` is the tool's client id, its signature verifies with the tool's JWKS (refetched on
 * failure), exp/iat without leeway. In `strict` mode (default) also aud, nonce (single use),
 * deployment_id, message type, version and the echoed `data`.
 */
export function deepLinkReturnRoutes(platform: Platform): Router {
  const router = Router();
  router.all('/mod/lti/contentitem_return.php', platform.faults.middleware('deep-link-return'), (req, res) => {
    void handle(platform, req, res).catch((err: unknown) => {
      const refusal = err instanceof Refusal ? err : new Refusal('error', (err as Error).message);
      platform.record('deep-link-refused', { check: refusal.check, reason: refusal.message });
      res.status(400).type('html').send(errorPage('Contenu refusé', refusal.message, refusal.check));
    });
  });
  return router;
}

async function handle(platform: Platform, req: Request, res: Response): Promise<void> {
  const session = currentSession(platform, req);
  if (!session) {
    if (param(req, 'repost')) throw new Refusal('requireloginerror', 'Vous n’êtes pas connecté à la plateforme.');
    const body = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    res.type('html').send(autoSubmitPage({ action: req.originalUrl, fields: { ...body, repost: 'true' }, formName: 'repostForm' }));
    return;
  }
  const tool = platform.site.tools.get(param(req, 'id'));
  if (!tool) throw new Refusal('errortooltypenotfound', 'Outil externe introuvable.');
  const courseId = param(req, 'course');
  const jwt = param(req, 'JWT');
  const claims = unverifiedPayload(jwt);
  if (!claims || typeof claims.iss !== 'string' || !claims.iss) throw new Refusal('errorinvaliddata', 'Le paramètre JWT manque ou n’est pas un JWT.');
  if (claims.iss !== tool.clientId) throw new Refusal('errorincorrectconsumerkey', `iss (${claims.iss}) n’est pas l’identifiant client de l’outil.`);
  let verified: JWTPayload;
  try {
    verified = await platform.toolKeysets.verify(jwt, tool);
  } catch (err) {
    throw new Refusal('signature', `Vérification du JWT impossible : ${(err as Error).message}`);
  }
  const user = platform.site.mustUser(session.userId);
  if (param(req, 'sesskey') !== session.sesskey) throw new Refusal('invalidsesskey', 'Clé de session (sesskey) non valide.');
  if (!platform.site.courses.has(courseId) || !canManageActivities(platform.site, user, courseId)) throw new Refusal('nopermissions', 'Vous ne pouvez pas ajouter d’activité à ce cours.');
  if (platform.options.deepLinkingChecks === 'strict') strictChecks(platform, session, tool, courseId, verified);

  const errorMessage = verified[CLAIM.dlErrorMsg];
  if (typeof errorMessage === 'string' && errorMessage) throw new Refusal('tool-error', `L’outil a signalé une erreur : ${errorMessage}`);
  const items = verified[CLAIM.contentItems];
  const list = Array.isArray(items) ? (items as Array<Record<string, unknown>>) : [];
  const created: Activity[] = [];
  const skipped: string[] = [];
  for (const item of list) {
    if (item.type !== 'ltiResourceLink') {
      skipped.push(String(item.type));
      continue;
    }
    created.push(createActivity(platform, tool, courseId, item));
  }
  platform.record('deep-link-return', { toolId: tool.id, courseId, activities: created.map((a) => a.id), skipped, claims: verified });
  const message = typeof verified[CLAIM.dlMsg] === 'string' ? (verified[CLAIM.dlMsg] as string) : '';
  res.type('html').send(resultPage(courseId, created, skipped, message));
}

function strictChecks(platform: Platform, session: Session, tool: ToolType, courseId: string, claims: JWTPayload): void {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(platform.info.issuer)) throw new Refusal('aud', `aud doit désigner la plateforme (${platform.info.issuer}).`);
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw new Refusal('exp', 'exp et iat sont obligatoires.');
  if (typeof claims.nonce !== 'string' || !claims.nonce) throw new Refusal('nonce', 'nonce manquant.');
  const nonceKey = `${tool.clientId}:${claims.nonce}`;
  if (platform.usedDeepLinkNonces.has(nonceKey)) throw new Refusal('nonce', 'nonce déjà utilisé (rejeu).');
  if (claims[CLAIM.deploymentId] !== tool.id) throw new Refusal('deployment_id', `deployment_id doit être ${tool.id}.`);
  if (claims[CLAIM.messageType] !== 'LtiDeepLinkingResponse') throw new Refusal('message_type', 'message_type doit être LtiDeepLinkingResponse.');
  if (claims[CLAIM.version] !== '1.3.0') throw new Refusal('version', 'version doit être 1.3.0.');
  const key = `${tool.id}:${courseId}`;
  if (!session.deepLinkData.has(key)) throw new Refusal('request', 'Aucune demande de contenu (deep linking) en cours pour cet outil et ce cours.');
  const sent = session.deepLinkData.get(key);
  if (sent !== undefined && claims[CLAIM.dlData] !== sent) throw new Refusal('data', 'data doit reprendre la valeur envoyée dans la demande.');
  const items = claims[CLAIM.contentItems];
  if (items !== undefined && !Array.isArray(items)) throw new Refusal('content_items', 'content_items doit être un tableau.');
  for (const item of (items ?? []) as Array<Record<string, unknown>>) {
    if (item.type !== 'ltiResourceLink' || typeof item.url !== 'string') continue;
    const bare = item.url.split(/[?#]/)[0]!;
    if (!tool.redirectUris.includes(item.url) && !tool.redirectUris.includes(bare)) {
      throw new Refusal('url', `L’URL ${item.url} n’est pas une URI de redirection de l’outil : son lancement échouerait.`);
    }
  }
  platform.usedDeepLinkNonces.add(nonceKey);
  session.deepLinkData.delete(key);
}

function createActivity(platform: Platform, tool: ToolType, courseId: string, item: Record<string, unknown>): Activity {
  const lineItem = item.lineItem && typeof item.lineItem === 'object' ? (item.lineItem as Record<string, unknown>) : undefined;
  const takesGrades = tool.acceptGrades === 'always' || (tool.acceptGrades === 'delegate' && lineItem !== undefined);
  const container: LaunchContainer | 'default' = item.iframe ? 'embed' : item.window ? 'window' : 'default';
  const custom = item.custom && typeof item.custom === 'object' ? Object.fromEntries(Object.entries(item.custom).map(([k, v]) => [k, String(v)])) : {};
  return platform.site.addActivity({
    courseId,
    toolId: tool.id,
    name: typeof item.title === 'string' && item.title ? item.title : tool.name,
    intro: typeof item.text === 'string' ? item.text : typeof item.html === 'string' ? item.html : '',
    toolUrl: typeof item.url === 'string' ? item.url : '',
    instructorCustomParameters: custom,
    launchContainer: container,
    acceptGrades: takesGrades,
    maxGrade: lineItem && typeof lineItem.scoreMaximum === 'number' ? lineItem.scoreMaximum : 100,
    lineItemResourceId: lineItem && typeof lineItem.resourceId === 'string' ? lineItem.resourceId : '',
    lineItemTag: lineItem && typeof lineItem.tag === 'string' ? lineItem.tag : '',
  });
}

function resultPage(courseId: string, created: Activity[], skipped: string[], message: string): string {
  const items = created.map((a) => `<li data-activity-id="${escapeHtml(a.id)}">${escapeHtml(a.name)}</li>`).join('');
  const courseUrl = `/course/view.php?id=${encodeURIComponent(courseId)}`;
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Activités ajoutées</title></head>
<body><main>
<h1>${created.length > 0 ? `${created.length} activité${created.length > 1 ? 's' : ''} ajoutée${created.length > 1 ? 's' : ''}` : 'Aucune activité ajoutée'}</h1>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ''}
<ul id="created">${items}</ul>
${skipped.length ? `<p>Éléments ignorés (type non pris en charge) : ${escapeHtml(skipped.join(', '))}</p>` : ''}
<p><a href="${courseUrl}" target="_top">Revenir au cours</a></p>
</main>
<script>if (window.top !== window) { window.top.location.href = ${JSON.stringify(courseUrl)}; }</script>
</body></html>`;
}
