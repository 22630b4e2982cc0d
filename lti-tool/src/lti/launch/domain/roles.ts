import type { LtiRoles } from '../../session/launch-session.js';

/**
 * Maps the signed roles claim to what the product needs. Only the roles claim of a
 * verified id_token reaches here: custom parameters never do, so a teacher editing
 * custom parameters in Moodle cannot grant anything.
 *
 * Recognised forms (LTI 1.3 core §A.2 and the 1EdTech certification matrix):
 * - context roles `http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor` and
 *   sub-roles `…/membership/Instructor#TeachingAssistant`;
 * - the deprecated short forms (`Instructor`, `Learner`…) and LTI 1.1 URNs
 *   (`urn:lti:role:ims/lis/Instructor`, `urn:lti:instrole:ims/lis/Administrator`…);
 * - institution and system roles `…/institution/person#Administrator`, `…/system/person#SysAdmin`.
 * Institution roles other than administrator (an institution "Instructor" is not a
 * teacher of this course) and unknown roles grant nothing.
 */
const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

const INSTRUCTOR_CONTEXT_ROLES = new Set(['Instructor', 'TeachingAssistant', 'ContentDeveloper', 'Mentor', 'Administrator']);
const LEARNER_CONTEXT_ROLES = new Set(['Learner', 'Student']);
const ADMIN_INSTITUTION_ROLES = new Set(['Administrator', 'SysAdmin', 'SysSupport']);

type Parsed = { scope: 'context' | 'institution' | 'system'; role: string; subRole?: string } | undefined;

export function parseRole(raw: string): Parsed {
  const role = raw.trim();
  if (role.startsWith(`${LIS}membership/`)) {
    // Sub-role: …/membership/Instructor#TeachingAssistant belongs to its principal role.
    const [principal, sub] = role.slice(`${LIS}membership/`.length).split('#');
    return principal ? { scope: 'context', role: principal, subRole: sub } : undefined;
  }
  if (role.startsWith(`${LIS}membership#`)) return { scope: 'context', role: role.slice(`${LIS}membership#`.length) };
  if (role.startsWith(`${LIS}institution/person#`)) return { scope: 'institution', role: role.slice(`${LIS}institution/person#`.length) };
  if (role.startsWith(`${LIS}system/person#`)) return { scope: 'system', role: role.slice(`${LIS}system/person#`.length) };
  const urn = /^urn:lti:(role|instrole|sysrole):ims\/lis\/([A-Za-z]+)(?:\/([A-Za-z]+))?$/.exec(role);
  if (urn) {
    const scope = urn[1] === 'role' ? 'context' : urn[1] === 'instrole' ? 'institution' : 'system';
    return { scope, role: urn[2]!, subRole: urn[3] };
  }
  // Deprecated simple names are context roles (LTI 1.3 core §A.2.3.1).
  if (/^[A-Za-z]+$/.test(role)) return { scope: 'context', role };
  return undefined;
}

export function mapRoles(raw: readonly string[]): LtiRoles {
  const roles: LtiRoles = { learner: false, instructor: false, administrator: false, raw: [...raw] };
  for (const value of raw) {
    const parsed = parseRole(value);
    if (!parsed) continue;
    if (parsed.scope === 'context') {
      if (INSTRUCTOR_CONTEXT_ROLES.has(parsed.role) || parsed.subRole === 'TeachingAssistant') roles.instructor = true;
      else if (LEARNER_CONTEXT_ROLES.has(parsed.role)) roles.learner = true;
    } else if (ADMIN_INSTITUTION_ROLES.has(parsed.role)) {
      roles.administrator = true;
    }
  }
  return roles;
}
