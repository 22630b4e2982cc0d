import type { Site } from './site.js';
import type { CourseRole, User } from './types.js';

/**
 * Moodle's capability checks and LTI role mapping, reduced to the archetype roles.
 * Sources: mod/lti/db/access.php, `lti_get_ims_role` (≤ 4.x, locallib.php) and
 * `\mod_lti\helper::get_ims_role` (newer releases), `lti_sign_jwt`'s role rewriting.
 */
export type RoleMapping = 'moodle-4' | 'moodle-5';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
export const LTI_ROLES = {
  learner: `${MEMBERSHIP}Learner`,
  instructor: `${MEMBERSHIP}Instructor`,
  manager: `${MEMBERSHIP}Manager`,
  membershipAdministrator: `${MEMBERSHIP}Administrator`,
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
  systemAdministrator: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
  institutionAdministrator: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  /** Sic: the newer helper emits this non-standard URI. */
  systemInstitutionAdministrator: 'http://purl.imsglobal.org/vocab/lis/v2/system/institution/person#Administrator',
  lti2PersonAdministrator: 'http://purl.imsglobal.org/vocab/lis/v2/person#Administrator',
} as const;

/** Roles holding `moodle/course:manageactivities` and `mod/lti:addcoursetool` (may deep link, are NRPS Instructors). */
const MANAGES_ACTIVITIES: CourseRole[] = ['editingteacher', 'manager'];
/** Roles holding `mod/lti:manage` in the module context (Instructor at launch in Moodle ≤ 4.x). */
const LTI_MANAGE: CourseRole[] = ['teacher', 'editingteacher', 'manager'];
/** `$CFG->gradebookroles` by default: the student role only. */
const GRADEBOOK_ROLES: CourseRole[] = ['student'];

export function activeRole(site: Site, user: User, courseId: string): CourseRole | undefined {
  const enrolment = site.enrolment(user.id, courseId);
  return enrolment?.status === 'active' ? enrolment.role : undefined;
}

/** `require_login($course)`: admins always, others with an active enrolment. */
export function canEnterCourse(site: Site, user: User, courseId: string): boolean {
  return user.siteAdmin || activeRole(site, user, courseId) !== undefined;
}

export function canManageActivities(site: Site, user: User, courseId: string): boolean {
  if (user.siteAdmin) return true;
  const role = activeRole(site, user, courseId);
  return role !== undefined && MANAGES_ACTIVITIES.includes(role);
}

/** `is_user_gradable_in_course`: enrolled (even suspended) with a gradebook role. */
export function isGradable(site: Site, userId: string, courseId: string): boolean {
  const enrolment = site.enrolment(userId, courseId);
  return enrolment !== undefined && GRADEBOOK_ROLES.includes(enrolment.role);
}

/**
 * The `roles` claim of a launch (`inModule`: resource link launch; otherwise a deep-linking
 * request, checked against the course context), sorted as `lti_sign_jwt` sorts array claims.
 */
export function launchRoles(site: Site, user: User, courseId: string, inModule: boolean, mapping: RoleMapping): string[] {
  const role = activeRole(site, user, courseId);
  const roles = mapping === 'moodle-4' ? moodle4Roles(user, role, inModule) : moodle5Roles(user, role);
  return [...new Set(roles)].sort();
}

function moodle4Roles(user: User, role: CourseRole | undefined, inModule: boolean): string[] {
  const instructor = user.siteAdmin || (role !== undefined && (inModule ? LTI_MANAGE : MANAGES_ACTIVITIES).includes(role));
  const roles: string[] = [instructor ? LTI_ROLES.instructor : LTI_ROLES.learner];
  if (user.siteAdmin) {
    // "Make sure admins do not have the Learner role, then set admin role."
    return [...roles.filter((r) => r !== LTI_ROLES.learner), LTI_ROLES.systemAdministrator, LTI_ROLES.institutionAdministrator];
  }
  return roles;
}

function moodle5Roles(user: User, role: CourseRole | undefined): string[] {
  // has_capability(..., doanything = false): an admin gets only what an enrolment gives.
  const byRole: Record<CourseRole, string[]> = {
    student: [],
    teacher: [LTI_ROLES.teachingAssistant],
    editingteacher: [LTI_ROLES.instructor],
    manager: [LTI_ROLES.manager],
  };
  let roles = role ? [...byRole[role]] : [];
  if (user.siteAdmin) {
    roles = roles.filter((r) => r !== LTI_ROLES.learner);
    roles.push(LTI_ROLES.membershipAdministrator, LTI_ROLES.systemAdministrator, LTI_ROLES.systemInstitutionAdministrator);
  }
  return roles.length > 0 ? roles : [LTI_ROLES.learner];
}

/**
 * Roles of an NRPS member: Moodle ≤ 4.x calls `lti_get_ims_role(..., $islti2 = true)` there, so
 * members carry the short names `Instructor` / `Learner` (course context: manageactivities).
 */
export function membershipRoles(site: Site, user: User, courseId: string, mapping: RoleMapping): string[] {
  if (mapping === 'moodle-5') return launchRoles(site, user, courseId, false, mapping);
  const roles = [canManageActivities(site, user, courseId) ? 'Instructor' : 'Learner'];
  if (user.siteAdmin) return [...roles.filter((r) => r !== 'Learner'), LTI_ROLES.lti2PersonAdministrator];
  return roles;
}
