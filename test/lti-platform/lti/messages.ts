import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { launchRoles, type RoleMapping } from '../model/roles.js';
import type { Site } from '../model/site.js';
import type { Activity, Course, LaunchContainer, ToolType, User } from '../model/types.js';
import { CLAIM } from './claims.js';
import { agsClaim, nrpsClaim } from './service-urls.js';

export interface SiteInfo {
  wwwroot: string;
  issuer: string;
  shortname: string;
  fullname: string;
  /** `$CFG->version` (tool_platform.version). */
  version: string;
  locale: string;
  roleMapping: RoleMapping;
}

const CONTAINER_CODES: Record<LaunchContainer | 'default', number> = { default: 1, embed: 2, 'embed-no-blocks': 3, window: 4, 'replace-window': 5 };

/** `lti_get_launch_container`: the activity's choice, else the tool's; phones and tablets get the Moodle window. */
export function launchContainer(activity: Activity | undefined, tool: ToolType, userAgent = ''): LaunchContainer {
  const chosen = activity && activity.launchContainer !== 'default' ? activity.launchContainer : tool.launchContainer;
  if (/Mobile|Android|iPhone|iPad|Tablet/i.test(userAgent)) return 'replace-window';
  return chosen;
}

export function documentTarget(container: LaunchContainer): 'iframe' | 'frame' | 'window' {
  return container === 'window' ? 'window' : container === 'replace-window' ? 'frame' : 'iframe';
}

/** `lti_get_organizationid`: the site host by default, md5 of the site identifier for dynamically registered tools. */
function platformGuid(site: SiteInfo, tool: ToolType): string {
  return tool.origin === 'dynamic-registration' ? createHash('md5').update(site.wwwroot).digest('hex') : new URL(site.wwwroot).hostname;
}

interface CommonInput {
  site: SiteInfo;
  db: Site;
  tool: ToolType;
  user: User;
  course: Course;
  nonce: string;
  nowSeconds: number;
}

/** The claims of an `LtiResourceLinkRequest` id_token as `lti_get_launch_data` + `lti_sign_jwt` build them. */
export function resourceLinkClaims(input: CommonInput & { activity: Activity; sesskey: string; userAgent?: string }): JWTPayload {
  const { site, tool, user, course, activity } = input;
  const container = launchContainer(activity, tool, input.userAgent);
  const returnUrl = `${site.wwwroot}/mod/lti/return.php?course=${course.id}&launch_container=${CONTAINER_CODES[container]}&instanceid=${activity.id}&sesskey=${input.sesskey}`;
  const claims = common(input, activity.toolUrl || tool.toolUrl, 'LtiResourceLinkRequest', true);
  claims[CLAIM.resourceLink] = {
    title: activity.name,
    // Moodle turns the intro into text and rewrites newlines as CRLF.
    description: activity.intro.trim().replace(/\r?\n/g, '\r\n'),
    id: activity.id,
  };
  claims[CLAIM.launchPresentation] = { locale: site.locale, document_target: documentTarget(container), return_url: returnUrl };
  const custom = customParameters(input, activity);
  if (Object.keys(custom).length > 0) claims[CLAIM.custom] = custom;
  const ags = agsClaim(site, input.db, tool, course.id, activity);
  if (ags) claims[CLAIM.agsEndpoint] = ags;
  const nrps = nrpsClaim(site, input.db, tool, course.id);
  if (nrps) claims[CLAIM.nrps] = nrps;
  if (activity.acceptGrades && tool.acceptGrades !== 'never') {
    claims[CLAIM.basicOutcome] = {
      lis_result_sourcedid: JSON.stringify({ data: { instanceid: activity.id, userid: user.id, typeid: tool.id, launchid: Math.floor(Math.random() * 2 ** 31) }, hash: 'simulated' }),
      lis_outcome_service_url: `${site.wwwroot}/mod/lti/service.php`,
    };
  }
  return claims;
}

/** The claims of an `LtiDeepLinkingRequest` (`lti_build_content_item_selection_request`). */
export function deepLinkingClaims(input: CommonInput & { returnUrl: string; title: string; text: string; data?: string }): JWTPayload {
  const { site, tool, course } = input;
  const claims = common(input, tool.deepLinkingUrl || tool.toolUrl, 'LtiDeepLinkingRequest', false);
  claims[CLAIM.launchPresentation] = { locale: site.locale };
  const custom = customParameters(input, undefined);
  if (Object.keys(custom).length > 0) claims[CLAIM.custom] = custom;
  const ags = agsClaim(site, input.db, tool, course.id, undefined);
  if (ags) claims[CLAIM.agsEndpoint] = ags;
  const nrps = nrpsClaim(site, input.db, tool, course.id);
  if (nrps) claims[CLAIM.nrps] = nrps;
  claims[CLAIM.deepLinkingSettings] = {
    accept_copy_advice: false,
    accept_multiple: true,
    accept_presentation_document_targets: ['frame', 'iframe', 'window'],
    accept_types: ['ltiResourceLink'],
    accept_unsigned: false,
    auto_create: false,
    can_confirm: false,
    deep_link_return_url: input.returnUrl,
    title: input.title || tool.name,
    text: input.text,
    ...(input.data !== undefined ? { data: input.data } : {}),
  };
  return claims;
}

function common(input: CommonInput, targetLinkUri: string, messageType: string, inModule: boolean): JWTPayload {
  const { site, tool, user, course } = input;
  const claims: JWTPayload = {
    nonce: input.nonce,
    iat: input.nowSeconds,
    exp: input.nowSeconds + 60,
    iss: site.issuer,
    aud: tool.clientId,
    [CLAIM.deploymentId]: tool.id,
    [CLAIM.targetLinkUri]: targetLinkUri,
    sub: user.id,
    [CLAIM.lis]: { person_sourcedid: user.idnumber, ...(course.format === 'site' ? {} : { course_section_sourcedid: course.idnumber }) },
    [CLAIM.roles]: launchRoles(input.db, user, course.id, inModule, site.roleMapping),
    [CLAIM.context]: { id: course.id, label: course.shortname, title: course.fullname, type: [course.format === 'site' ? 'Group' : 'CourseSection'] },
  };
  if (tool.sendName) {
    claims.given_name = user.firstname;
    claims.family_name = user.lastname;
    claims.name = `${user.firstname} ${user.lastname}`;
  }
  if (tool.sendEmail) claims.email = user.email;
  // ext_user_username travels with the names only (lti_build_request).
  claims[CLAIM.ext] = { ...(tool.sendName ? { user_username: user.username } : {}), lms: 'moodle-2' };
  // Moodle's claim mapping names this key `family_code` (the spec says product_family_code).
  claims[CLAIM.toolPlatform] = { family_code: 'moodle', version: site.version, guid: platformGuid(site, tool), name: site.shortname, description: site.fullname };
  claims[CLAIM.version] = '1.3.0';
  claims[CLAIM.messageType] = messageType;
  return claims;
}

/**
 * `lti_build_custom_parameters`: the instructor's parameters, then the administrator's on top
 * (the admin wins on a clash); keys lower-cased with non-alphanumerics turned into `_`; a few
 * `$Variable` substitutions; unknown variables are left as they are.
 */
function customParameters(input: CommonInput, activity: Activity | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (params: Record<string, string>) => {
    for (const [key, value] of Object.entries(params)) out[key.trim().toLowerCase().replace(/[^a-z0-9]/g, '_')] = substitute(value, input, activity);
  };
  if (activity) add(activity.instructorCustomParameters);
  add(input.tool.customParameters);
  return out;
}

function substitute(value: string, input: CommonInput, activity: Activity | undefined): string {
  const { user, course } = input;
  const variables: Record<string, string> = {
    '$User.id': user.id,
    '$User.username': user.username,
    '$Person.name.given': user.firstname,
    '$Person.name.family': user.lastname,
    '$Person.name.full': `${user.firstname} ${user.lastname}`,
    '$Person.email.primary': user.email,
    '$Person.sourcedId': user.idnumber,
    '$Context.id': course.id,
    '$Context.title': course.fullname,
    '$Context.label': course.shortname,
    '$CourseSection.sourcedId': course.idnumber,
    '$CourseSection.title': course.fullname,
    '$CourseSection.label': course.shortname,
    '$ResourceLink.id': activity?.id ?? '',
    '$ResourceLink.title': activity?.name ?? '',
  };
  return variables[value.trim()] ?? value;
}
