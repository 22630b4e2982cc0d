import type { Request, Response } from 'express';
import { MEDIA_TYPE, SCOPE } from '../lti/claims.js';
import { lineItemJson, serviceUrls } from '../lti/service-urls.js';
import { isGradable } from '../model/roles.js';
import type { GradeItem, ToolType } from '../model/types.js';
import type { Platform } from '../platform.js';
import { bearerToken, pagingLinks, ServiceError } from './service-response.js';

/** Moodle's `validate_iso8601_date` pattern (gradebookservices.php). */
const ISO8601 =
  /^([+-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|2[0-3])((:?)[0-5]\d)?|24:?00)([.,]\d+(?!:))?)?(\17[0-5]\d([.,]\d+)?)?([zZ]|([+-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$/;

export interface AgsRequest {
  platform: Platform;
  req: Request;
  res: Response;
  courseId: string;
  itemId?: string;
  body: string;
}

const isNumeric = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
const isSet = (v: unknown) => v !== undefined && v !== null;

function authorise(ctx: AgsRequest, scopes: string[]): ToolType {
  const typeParam = typeof ctx.req.query.type_id === 'string' ? ctx.req.query.type_id : undefined;
  const token = bearerToken(ctx.platform, ctx.req, typeParam, scopes);
  if (!token) throw new ServiceError(401);
  const tool = ctx.platform.site.mustTool(token.toolId);
  if (!ctx.platform.site.courses.has(ctx.courseId)) throw new ServiceError(404, `Not Found: Course ${ctx.courseId} doesn't exist`);
  if (!ctx.platform.site.toolAllowedInCourse(tool, ctx.courseId)) throw new ServiceError(403, 'Not allowed in context');
  return tool;
}

/** `get_lineitem`: a column of this course that belongs to this tool (its own activity's, or one it created). */
function lineItemOf(ctx: AgsRequest, tool: ToolType, missingStatus: number): GradeItem {
  const item = ctx.platform.site.gradeItems.get(ctx.itemId!);
  if (!item) throw new ServiceError(404, `Not Found: Grade item ${ctx.itemId} doesn't exist`);
  const activity = item.activityId ? ctx.platform.site.activities.get(item.activityId) : undefined;
  const owner = item.gbs?.toolId ?? activity?.toolId;
  if (item.courseId !== ctx.courseId || owner !== tool.id) throw new ServiceError(missingStatus, missingStatus === 403 ? 'Line item does not exist.' : 'Line item does not exist');
  return item;
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** lineitems.php GET: the tool's columns in the course, filtered and paged. */
export function listLineItems(ctx: AgsRequest): void {
  const tool = authorise(ctx, [SCOPE.lineItem, SCOPE.lineItemReadOnly]);
  const q = (name: string) => (typeof ctx.req.query[name] === 'string' ? (ctx.req.query[name] as string) : undefined);
  const resourceId = q('resource_id');
  const linkId = q('resource_link_id') ?? q('lti_link_id');
  const tag = q('tag');
  const limit = Number.parseInt(q('limit') ?? '0', 10) || 0;
  const from = Number.parseInt(q('from') ?? '0', 10) || 0;
  const site = ctx.platform.site;
  const items = [...site.gradeItems.values()]
    .filter((i) => i.courseId === ctx.courseId)
    .sort((a, b) => Number(a.id) - Number(b.id))
    .filter((i) => {
      if (i.gbs && (tag === undefined || i.gbs.tag === tag) && (linkId === undefined || i.gbs.ltiLinkId === linkId) && (resourceId === undefined || i.gbs.resourceId === resourceId)) {
        return i.gbs.toolId === tool.id;
      }
      if (i.itemtype === 'mod' && !i.gbs && resourceId === undefined && tag === undefined && (linkId === undefined || i.activityId === linkId)) {
        return site.activities.get(i.activityId!)?.toolId === tool.id;
      }
      return false;
    });
  const page = limit > 0 ? items.slice(from, from + limit) : items;
  if (limit > 0) {
    const base = new URL(serviceUrls.lineItems(ctx.platform.info.wwwroot, ctx.courseId));
    if (resourceId !== undefined) base.searchParams.set('resource_id', resourceId);
    if (linkId !== undefined) base.searchParams.set('resource_link_id', linkId);
    if (tag !== undefined) base.searchParams.set('tag', tag);
    base.searchParams.set('type_id', tool.id);
    const link = pagingLinks({ base, limit, from, total: items.length, quotes: ctx.platform.options.lineItemLinkQuotes });
    // PHP sends the header's UTF-8 bytes as they are; Node writes header strings as latin1.
    ctx.res.setHeader('Link', Buffer.from(link, 'utf8').toString('latin1'));
  }
  // A Buffer body keeps Node writing the header block as latin1 (a string body would re-encode it as UTF-8).
  ctx.res.status(200).type(`${MEDIA_TYPE.lineItemContainer}; charset=utf-8`).send(Buffer.from(JSON.stringify(page.map((i) => lineItemJson(ctx.platform.info.wwwroot, i, tool.id)))));
}

/** lineitems.php POST: a new manual gradebook column. */
export function createLineItem(ctx: AgsRequest): void {
  const tool = authorise(ctx, [SCOPE.lineItem]);
  const json = parseJson(ctx.body);
  if (!json || !isSet(json.scoreMaximum) || !isSet(json.label)) throw new ServiceError(400, 'No label or Score Maximum');
  if (!isNumeric(json.scoreMaximum)) throw new ServiceError(400);
  const linkId = isSet(json.resourceLinkId) ? String(json.resourceLinkId) : isSet(json.ltiLinkId) ? String(json.ltiLinkId) : undefined;
  if (linkId !== undefined) {
    const activity = ctx.platform.site.activities.get(linkId);
    if (!activity || activity.courseId !== ctx.courseId || activity.toolId !== tool.id) throw new ServiceError(403);
  }
  const item = ctx.platform.site.addGradeItem({
    courseId: ctx.courseId,
    itemtype: 'manual',
    itemname: String(json.label),
    grademax: Number(json.scoreMaximum),
    gbs: { toolId: tool.id, ltiLinkId: linkId, resourceId: isSet(json.resourceId) ? String(json.resourceId) : '', tag: isSet(json.tag) ? String(json.tag) : '' },
  });
  ctx.platform.record('line-item-created', { toolId: tool.id, itemId: item.id, label: item.itemname });
  const out = { ...json, id: `${serviceUrls.lineItems(ctx.platform.info.wwwroot, ctx.courseId)}/${item.id}/lineitem?type_id=${tool.id}` };
  ctx.res.status(201).type(`${MEDIA_TYPE.lineItem}; charset=utf-8`).send(JSON.stringify(out));
}

/** lineitem.php GET / PUT / DELETE. */
export function lineItemResource(ctx: AgsRequest): void {
  const method = ctx.req.method;
  const tool = authorise(ctx, method === 'GET' ? [SCOPE.lineItem, SCOPE.lineItemReadOnly] : [SCOPE.lineItem]);
  const item = lineItemOf(ctx, tool, 404);
  const wwwroot = ctx.platform.info.wwwroot;
  if (method === 'GET') {
    ctx.res.status(200).type(`${MEDIA_TYPE.lineItem}; charset=utf-8`).send(JSON.stringify(lineItemJson(wwwroot, item, tool.id)));
    return;
  }
  if (method === 'DELETE') {
    if (item.itemtype === 'mod') throw new ServiceError(403);
    ctx.platform.site.deleteGradeItem(item.id);
    ctx.res.status(204).end();
    return;
  }
  const json = parseJson(ctx.body);
  if (!json || !isSet(json.scoreMaximum) || !isSet(json.label) || !isNumeric(json.scoreMaximum)) throw new ServiceError(400);
  const linkId = isSet(json.resourceLinkId) ? json.resourceLinkId : json.ltiLinkId;
  if (isSet(linkId)) {
    if (!isNumeric(linkId)) throw new ServiceError(400);
    const activity = ctx.platform.site.activities.get(String(linkId));
    if (!activity || activity.courseId !== ctx.courseId || activity.toolId !== tool.id) throw new ServiceError(403);
  }
  const oldMax = item.grademax;
  item.itemname = String(json.label);
  item.grademax = Number(json.scoreMaximum);
  if (item.gbs) {
    item.gbs.resourceId = isSet(json.resourceId) ? String(json.resourceId) : '';
    item.gbs.tag = isSet(json.tag) ? String(json.tag) : '';
    if (isSet(linkId)) item.gbs.ltiLinkId = String(linkId);
  }
  if (oldMax !== item.grademax) rescaleKeepingPercentage(ctx.platform, item, oldMax);
  ctx.res.status(200).type(`${MEDIA_TYPE.lineItem}; charset=utf-8`).send(JSON.stringify({ ...json, id: `${serviceUrls.lineItem(wwwroot, ctx.courseId, item.id)}?type_id=${tool.id}` }));
}

function rescaleKeepingPercentage(platform: Platform, item: GradeItem, oldMax: number): void {
  for (const grade of platform.site.grades.values()) {
    if (grade.itemId === item.id && grade.finalgrade !== null && oldMax > 0) grade.finalgrade = (grade.finalgrade * item.grademax) / oldMax;
  }
}

/** scores.php POST, with Moodle's rules (400 "Incorrect score received", 409 on a stale timestamp, blanking). */
export function postScore(ctx: AgsRequest): void {
  if (ctx.req.method === 'GET') throw new ServiceError(405, 'GET requests are not allowed.');
  const tool = authorise(ctx, [SCOPE.score]);
  const contentType = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (contentType !== MEDIA_TYPE.score) throw new ServiceError(400);
  const item = lineItemOf(ctx, tool, 403);
  const score = parseJson(ctx.body);
  const site = ctx.platform.site;
  const invalid =
    !score ||
    !isSet(score.userId) ||
    !isSet(score.timestamp) ||
    !isSet(score.gradingProgress) ||
    !isSet(score.activityProgress) ||
    typeof score.timestamp !== 'string' ||
    !ISO8601.test(score.timestamp) ||
    Number.isNaN(Date.parse(score.timestamp)) ||
    (isSet(score.scoreGiven) && !isNumeric(score.scoreGiven)) ||
    (isSet(score.scoreGiven) && !isSet(score.scoreMaximum)) ||
    (isSet(score.scoreMaximum) && !isNumeric(score.scoreMaximum)) ||
    !isGradable(site, String(score.userId), ctx.courseId);
  if (invalid || !score) throw new ServiceError(400, 'Incorrect score received');
  const userId = String(score.userId);
  // strtotime(): whole seconds.
  const timestamp = Math.floor(Date.parse(score.timestamp as string) / 1000);
  const existing = site.grade(item.id, userId);
  if (existing && existing.timemodified !== null && existing.timemodified >= timestamp) {
    throw new ServiceError(409, `Refusing score with an earlier timestamp for item ${item.id} and user ${userId}`);
  }
  const scoreMaximum = isSet(score.scoreMaximum) ? Number(score.scoreMaximum) : 1;
  // "gradingProgress != FullyGraded": the grade is blanked.
  const given = isSet(score.scoreGiven) && score.gradingProgress === 'FullyGraded' ? Number(score.scoreGiven) : null;
  let finalgrade: number | null = null;
  if (given !== null) {
    finalgrade = scoreMaximum !== item.grademax && scoreMaximum !== 0 ? (given * item.grademax) / scoreMaximum : given;
    finalgrade = Math.min(item.grademax, Math.max(0, finalgrade));
  }
  const comment = typeof score.comment === 'string' && score.comment ? score.comment : null;
  site.saveGrade({
    itemId: item.id,
    userId,
    finalgrade,
    rawgrademax: item.itemtype === 'mod' ? scoreMaximum : item.grademax,
    timemodified: given !== null ? timestamp : null,
    feedback: comment,
    activityProgress: String(score.activityProgress),
    gradingProgress: String(score.gradingProgress),
  });
  site.scoreLog.push({ itemId: item.id, userId, receivedAt: new Date(), body: score, finalgrade });
  ctx.platform.record('score', { toolId: tool.id, itemId: item.id, userId, finalgrade, timestamp: score.timestamp });
  ctx.res.status(200).type(`${MEDIA_TYPE.score}; charset=utf-8`).send('[]');
}

/** results.php GET: `resultScore` only when a (non-zero) grade is there, as `result_for_json` does. */
export function listResults(ctx: AgsRequest): void {
  const tool = authorise(ctx, [SCOPE.resultReadOnly]);
  const item = lineItemOf(ctx, tool, 404);
  const userFilter = typeof ctx.req.query.user_id === 'string' ? ctx.req.query.user_id : undefined;
  const lineItemUrl = serviceUrls.lineItem(ctx.platform.info.wwwroot, ctx.courseId, item.id);
  const grades = [...ctx.platform.site.grades.values()]
    .filter((g) => g.itemId === item.id && (userFilter === undefined || g.userId === userFilter))
    .sort((a, b) => Number(a.userId) - Number(b.userId));
  const results = grades.map((grade) => {
    const result: Record<string, unknown> = { id: `${lineItemUrl}/results?type_id=${tool.id}&user_id=${grade.userId}`, userId: grade.userId };
    if (grade.finalgrade) {
      result.resultScore = grade.finalgrade;
      result.resultMaximum = grade.rawgrademax;
      if (grade.feedback) result.comment = grade.feedback;
      result.scoreOf = `${lineItemUrl}?type_id=${tool.id}`;
      result.timestamp = new Date((grade.timemodified ?? 0) * 1000).toISOString().replace('.000Z', '+00:00');
    }
    return result;
  });
  ctx.res.status(200).type(`${MEDIA_TYPE.resultContainer}; charset=utf-8`).send(JSON.stringify(results));
}
