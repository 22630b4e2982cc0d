import { describe, expect, it } from 'vitest';
import { memberRolesOf, toRosterMember } from './member.js';

const lis = 'http://purl.imsglobal.org/vocab/lis/v2';
const learnerId = (userId: string) => `l_${userId}`;

describe('roster members', () => {
  it.each([
    [[`${lis}/membership#Learner`], { learner: true, instructor: false, administrator: false }],
    [[`${lis}/membership#Instructor`], { learner: false, instructor: true, administrator: false }],
    [[`${lis}/membership/Instructor#TeachingAssistant`], { learner: false, instructor: true, administrator: false }],
    [[`${lis}/institution/person#Administrator`, `${lis}/membership#Instructor`], { learner: false, instructor: true, administrator: true }],
    [['Learner'], { learner: true, instructor: false, administrator: false }],
    [['urn:lti:role:ims/lis/Instructor'], { learner: false, instructor: true, administrator: false }],
    [[`${lis}/membership#Unknown`], { learner: false, instructor: false, administrator: false }],
  ])('reads roles %j', (roles, expected) => {
    expect(memberRolesOf(roles)).toEqual(expected);
  });

  it('keeps ids and roles, and names or e-mail only when sent', () => {
    expect(toRosterMember({ user_id: '7', roles: [`${lis}/membership#Learner`], status: 'Active' }, learnerId)).toEqual({
      userId: '7',
      learnerId: 'l_7',
      roles: { learner: true, instructor: false, administrator: false },
      status: 'Active',
    });
    expect(toRosterMember({ user_id: '8', roles: [], given_name: 'Léa', family_name: 'Martin', name: 'Léa Martin', email: 'lea@ecole.test' }, learnerId)).toMatchObject({
      givenName: 'Léa',
      familyName: 'Martin',
      name: 'Léa Martin',
      email: 'lea@ecole.test',
      status: 'Active',
    });
  });

  it('drops what the dashboard does not need', () => {
    const member = toRosterMember({ user_id: '9', roles: [], picture: 'https://x/p.png', lis_person_sourcedid: 'INE123', message: [{}], name: ' ' }, learnerId);
    expect(Object.keys(member!).sort()).toEqual(['learnerId', 'roles', 'status', 'userId']);
  });

  it('skips deleted members and entries without a user id', () => {
    expect(toRosterMember({ user_id: '1', roles: [], status: 'Deleted' }, learnerId)).toBeUndefined();
    expect(toRosterMember({ roles: [] }, learnerId)).toBeUndefined();
    expect(toRosterMember('nope', learnerId)).toBeUndefined();
  });
});
