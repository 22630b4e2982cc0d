import type { Site } from '../model/site.js';
import type { Activity, GradeItem, ToolType } from '../model/types.js';
import { SCOPE } from './claims.js';
import type { SiteInfo } from './messages.js';

/** URLs of Moodle's service endpoints (mod/lti/services.php + resource templates). */
export const serviceUrls = {
  lineItems: (wwwroot: string, courseId: string) => `${wwwroot}/mod/lti/services.php/${courseId}/lineitems`,
  lineItem: (wwwroot: string, courseId: string, itemId: string) => `${wwwroot}/mod/lti/services.php/${courseId}/lineitems/${itemId}/lineitem`,
  memberships: (wwwroot: string, courseId: string, toolId: string, site = false) =>
    `${wwwroot}/mod/lti/services.php/${site ? 'Group' : 'CourseSection'}/${courseId}/bindings/${toolId}/memberships`,
};

/** gradebookservices `get_permitted_scopes`. */
export function agsScopes(tool: ToolType): string[] {
  if (tool.gradeSync === 0) return [];
  const scopes: string[] = [SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score];
  if (tool.gradeSync === 2) scopes.push(SCOPE.lineItem);
  return scopes;
}

/** `lti_get_permitted_service_scopes`: every service's permitted scopes. */
export function permittedScopes(tool: ToolType): string[] {
  return [...agsScopes(tool), ...(tool.memberships ? [SCOPE.nrps] : [])];
}

/**
 * gradebookservices `get_launch_parameters`: the AGS claim when grade sync is on and the tool is
 * allowed in the course; `lineitem` only when the link has exactly one grade item.
 */
export function agsClaim(site: SiteInfo, data: Site, tool: ToolType, courseId: string, activity: Activity | undefined): Record<string, unknown> | undefined {
  if (tool.gradeSync === 0 || !data.toolAllowedInCourse(tool, courseId)) return undefined;
  const claim: Record<string, unknown> = {
    scope: agsScopes(tool).sort(),
    lineitems: `${serviceUrls.lineItems(site.wwwroot, courseId)}?type_id=${tool.id}`,
  };
  const itemId = activity ? singleLineItem(data, courseId, activity) : undefined;
  if (itemId) claim.lineitem = `${serviceUrls.lineItem(site.wwwroot, courseId, itemId)}?type_id=${tool.id}`;
  return claim;
}

function singleLineItem(data: Site, courseId: string, activity: Activity): string | undefined {
  const items = [...data.gradeItems.values()].filter((i) => i.courseId === courseId);
  const withGbs = items.filter((i) => i.gbs?.ltiLinkId === activity.id);
  const coupled = items.filter((i) => i.itemtype === 'mod' && i.activityId === activity.id);
  let id = withGbs.length === 1 ? withGbs[0]!.id : undefined;
  if (withGbs.length < 2 && coupled.length === 1) id = id !== undefined && id !== coupled[0]!.id ? undefined : coupled[0]!.id;
  return id;
}

/** memberships `get_launch_parameters`: only when the service is on and the tool is used in the course. */
export function nrpsClaim(site: SiteInfo, data: Site, tool: ToolType, courseId: string): Record<string, unknown> | undefined {
  if (!tool.memberships) return undefined;
  const used = [...data.activities.values()].some((a) => a.courseId === courseId && a.toolId === tool.id) || tool.courseId === courseId;
  if (!used) return undefined;
  const course = data.courses.get(courseId);
  return { context_memberships_url: serviceUrls.memberships(site.wwwroot, courseId, tool.id, course?.format === 'site'), service_versions: ['1.0', '2.0'] };
}

/** `gradebookservices::item_for_json`. */
export function lineItemJson(wwwroot: string, item: GradeItem, toolId: string): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: `${serviceUrls.lineItem(wwwroot, item.courseId, item.id)}?type_id=${toolId}`,
    label: item.itemname,
    scoreMaximum: item.grademax,
  };
  if (item.gbs) {
    json.resourceId = item.gbs.resourceId;
    json.tag = item.gbs.tag;
    if (item.gbs.ltiLinkId !== undefined) {
      json.resourceLinkId = item.gbs.ltiLinkId;
      json.ltiLinkId = item.gbs.ltiLinkId;
    }
  } else {
    json.tag = '';
    if (item.activityId !== undefined) {
      json.resourceLinkId = item.activityId;
      json.ltiLinkId = item.activityId;
    }
  }
  return json;
}
