import type { Request, Response } from 'express';
import { CLAIM, MEDIA_TYPE, SCOPE } from '../lti/claims.js';
import { serviceUrls } from '../lti/service-urls.js';
import { canManageActivities, membershipRoles } from '../model/roles.js';
import type { Platform } from '../platform.js';
import { bearerToken, ServiceError } from './service-response.js';

const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';
const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';

/**
 * contextmemberships + memberships::users_to_json: the course's *active* enrolments, ordered by user
 * id; `role` (Instructor = may manage activities, Learner = the others), `limit`/`from` paging with a
 * `Link: <…>; rel="next"` header (which, like Moodle's, does not carry the role filter), `rlid` for
 * the users who can see that activity; ids always, names and e-mail per the tool's privacy settings.
 */
export function listMembers(platform: Platform, req: Request, res: Response, params: { courseId: string; toolId: string }): void {
  const site = platform.site;
  if (!site.courses.has(params.courseId)) throw new ServiceError(404);
  const tool = site.tools.get(params.toolId);
  if (!tool) throw new ServiceError(404);
  const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : '');
  const limit = Number.parseInt(q('limit'), 10) || 0;
  const from = limit > 0 ? Number.parseInt(q('from'), 10) || 0 : 0;
  const linkId = q('rlid');
  const activity = linkId ? site.activities.get(linkId) : undefined;
  if (linkId && (!activity || activity.courseId !== params.courseId)) throw new ServiceError(404);
  if (!bearerToken(platform, req, tool.id, [SCOPE.nrps]) || !tool.memberships) throw new ServiceError(401);
  if (!site.toolAllowedInCourse(tool, params.courseId)) throw new ServiceError(403);
  const accept = (req.headers.accept ?? '').trim();
  if (accept === MEDIA_TYPE.membershipContainerV1) throw new ServiceError(406, 'The LIS v1 membership format is not simulated');

  let role = q('role');
  if (role && !role.startsWith('http://') && !role.startsWith('https://')) role = `http://purl.imsglobal.org/vocab/lis/v2/membership#${role}`;
  const course = site.mustCourse(params.courseId);
  const enrolled = site.enrolments
    .filter((e) => e.courseId === params.courseId && e.status === 'active')
    .map((e) => site.mustUser(e.userId))
    .sort((a, b) => Number(a.id) - Number(b.id));
  const users = enrolled.filter((u) => {
    if (role === INSTRUCTOR && !canManageActivities(site, u, params.courseId)) return false;
    if (role === LEARNER && canManageActivities(site, u, params.courseId)) return false;
    if (activity?.restrictedTo && !activity.restrictedTo.includes(u.id)) return false;
    return true;
  });
  const page = limit > 0 ? users.slice(from, from + limit) : users;
  const more = limit > 0 && users.length > from + limit;
  const endpoint = serviceUrls.memberships(platform.info.wwwroot, params.courseId, tool.id, course.format === 'site');
  const members = page.map((user) => {
    const member: Record<string, unknown> = {
      status: 'Active',
      roles: membershipRoles(site, user, params.courseId, platform.options.roleMapping),
      user_id: user.id,
      lis_person_sourcedid: user.idnumber,
    };
    if (tool.sendName) Object.assign(member, { name: `${user.firstname} ${user.lastname}`, given_name: user.firstname, family_name: user.lastname });
    if (tool.sendEmail) member.email = user.email;
    if (activity) {
      const message: Record<string, unknown> = { [CLAIM.messageType]: 'LtiResourceLinkRequest' };
      if (activity.acceptGrades) message[CLAIM.basicOutcome] = { lis_result_sourcedid: JSON.stringify({ data: { instanceid: activity.id, userid: user.id, typeid: tool.id }, hash: 'simulated' }), lis_outcome_service_url: `${platform.info.wwwroot}/mod/lti/service.php` };
      member.message = [message];
    }
    return member;
  });
  if (more) res.setHeader('Link', `<${endpoint}?limit=${limit}&from=${from + limit}${activity ? `&rlid=${activity.id}` : ''}>; rel="next"`);
  const body = { id: endpoint, context: { id: course.id, label: course.shortname, title: course.fullname }, members };
  res.status(200).type(`${MEDIA_TYPE.membershipContainerV2}; charset=utf-8`).send(JSON.stringify(body));
}
