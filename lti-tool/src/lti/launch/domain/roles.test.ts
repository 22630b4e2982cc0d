import { describe, expect, it } from 'vitest';
import { mapRoles } from './roles.js';

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

describe('mapRoles', () => {
  it.each([
    [[`${M}#Instructor`], { instructor: true, learner: false, administrator: false }],
    [[`${M}#Learner`], { instructor: false, learner: true, administrator: false }],
    [[`${M}/Instructor#TeachingAssistant`], { instructor: true, learner: false, administrator: false }],
    [[`${M}#ContentDeveloper`], { instructor: true, learner: false, administrator: false }],
    [[`${M}#Mentor`], { instructor: true, learner: false, administrator: false }],
    [[`${M}/Learner#Learner`], { instructor: false, learner: true, administrator: false }],
    [['Instructor'], { instructor: true, learner: false, administrator: false }],
    [['Learner'], { instructor: false, learner: true, administrator: false }],
    [['Student'], { instructor: false, learner: true, administrator: false }],
    [['urn:lti:role:ims/lis/Instructor'], { instructor: true, learner: false, administrator: false }],
    [['urn:lti:role:ims/lis/TeachingAssistant'], { instructor: true, learner: false, administrator: false }],
    [['urn:lti:instrole:ims/lis/Administrator'], { instructor: false, learner: false, administrator: true }],
    [['urn:lti:sysrole:ims/lis/SysAdmin'], { instructor: false, learner: false, administrator: true }],
    [['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator'], { instructor: false, learner: false, administrator: true }],
    [['http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator'], { instructor: false, learner: false, administrator: true }],
  ])('%j', (raw, expected) => {
    expect(mapRoles(raw)).toEqual({ ...expected, raw });
  });

  it('combines several roles (Moodle: admin who teaches)', () => {
    const raw = [`${M}#Instructor`, 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator', 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator'];
    expect(mapRoles(raw)).toMatchObject({ instructor: true, administrator: true, learner: false });
  });

  it('grants nothing for unknown, institution-only or empty roles', () => {
    for (const raw of [[], ['http://example.com/role#Wizard'], ['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor'], ['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student'], ['', 'instructor!']]) {
      expect(mapRoles(raw)).toMatchObject({ instructor: false, learner: false, administrator: false });
    }
  });
});
