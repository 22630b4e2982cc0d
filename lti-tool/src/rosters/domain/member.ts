import { mapRoles } from '../../lti/launch/domain/roles.js';

/**
 * A course member as the teacher dashboard needs it, from an NRPS membership: the LMS's
 * user id (to match grades sent), our pseudonymous learner id, roles, and names or e-mail
 * only when the platform sent them (it follows the registration's privacy opt-in).
 * Pictures, sourced ids and messages are dropped: students are minors, least data.
 */
export interface RosterMember {
  userId: string;
  learnerId: string;
  roles: MemberRoles;
  status: 'Active' | 'Inactive';
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
}

export interface MemberRoles {
  learner: boolean;
  instructor: boolean;
  administrator: boolean;
}

/** Roles as the launch reads them (lti/launch/domain/roles.ts): one reading of roles in the tool. */
export function memberRolesOf(roles: readonly string[]): MemberRoles {
  const { learner, instructor, administrator } = mapRoles(roles);
  return { learner, instructor, administrator };
}

const text = (value: unknown, max = 256): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined);

/**
 * One NRPS member as we keep it, or undefined for an entry without a user id or one
 * the platform marks Deleted.
 */
export function toRosterMember(raw: unknown, learnerIdOf: (userId: string) => string): RosterMember | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  const userId = text(record.user_id, 1024);
  if (!userId) return undefined;
  const status = record.status === undefined ? 'Active' : record.status;
  if (status !== 'Active' && status !== 'Inactive') return undefined;
  const roles = Array.isArray(record.roles) ? record.roles.filter((r): r is string => typeof r === 'string') : [];
  const member: RosterMember = { userId, learnerId: learnerIdOf(userId), roles: memberRolesOf(roles), status };
  const name = text(record.name);
  const givenName = text(record.given_name);
  const familyName = text(record.family_name);
  const email = text(record.email, 320);
  if (name) member.name = name;
  if (givenName) member.givenName = givenName;
  if (familyName) member.familyName = familyName;
  if (email) member.email = email;
  return member;
}
