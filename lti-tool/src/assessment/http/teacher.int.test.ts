import * as S from '@pix-lti/web-components/contract-schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { ApiClient, walkToEnd } from '../testing/api-client.js';
import { createAssessmentHarness, type AssessmentHarness } from '../testing/assessment-harness.js';

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';

/** The teacher's view of a class: roster merged with participations, results once shared, the CSV export. */
describe('teacher progress and CSV export', () => {
  let t: AssessmentHarness;
  let snapshot: ContentSnapshot;
  let campaign: Campaign;
  let teacher: ApiClient;
  const ref = () => ({ type: 'campaign' as const, id: campaign.id });
  const teacherRoles = { learner: false, instructor: true };

  beforeAll(async () => {
    t = await createAssessmentHarness('teacher_progress');
    snapshot = await t.content.content.snapshot();
    campaign = await t.createCampaign({ title: 'Données personnelles', targetProfile: { competences: [{ code: '4.2', maxLevel: 3 }] } });
    t.services.lms.members.push(
      { user_id: 'prof-1', roles: [INSTRUCTOR], name: 'Mme Martin', status: 'Active' },
      { user_id: 'alice', roles: [LEARNER], name: 'Alice Durand', given_name: 'Alice', family_name: 'Durand', status: 'Active' },
      { user_id: 'bob', roles: [LEARNER], given_name: 'Bob', family_name: 'Lefèvre', status: 'Active' },
      { user_id: 'chloe', roles: [LEARNER], status: 'Active' },
      { user_id: '=cmd', roles: [LEARNER], name: '=HYPERLINK("http://evil")', status: 'Active' },
    );
    // Alice finishes and shares; Bob finishes without sharing; Chloé has not started; Zoé (not in the roster) is in progress.
    const take = async (sub: string, until: 'shared' | 'completed' | 'started') => {
      const client = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub } })).token);
      const started = await client.start();
      if (until === 'started') return;
      await walkToEnd(client, started.assessment.id, started.next, snapshot);
      if (until === 'shared') await client.share(started.assessment.id);
    };
    await take('alice', 'shared');
    await take('bob', 'completed');
    await take('zoe', 'started');
    // Someone in another course and someone of another tenant take the same campaign: never listed here.
    await new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'other-course' }, context: { id: 'course-2' } })).token).start();
    await new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'alice' }, tenant: { issuer: 'https://moodle.test', clientId: 'client-1', deploymentId: '9' } })).token).start();
    teacher = new ApiClient(t.app, (await t.launch({ activity: ref(), roles: teacherRoles, user: { sub: 'prof-1' } })).token);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the roster’s learners with their status, and results only for those who shared', async () => {
    const progress = await teacher.ok(S.classProgress, 'get', '/api/teacher/progress');
    expect(progress).toMatchObject({ activity: { type: 'campaign', id: campaign.id, code: campaign.code }, context: { id: 'course-1' }, rosterSource: 'roster' });
    expect(progress.competences.map((c) => c.code)).toEqual(['4.2']);
    const byName = Object.fromEntries(progress.learners.map((l) => [l.displayName ?? l.learnerId, l]));
    expect(Object.keys(byName).sort()).toEqual(['=HYPERLINK("http://evil")', 'Alice Durand', 'Bob Lefèvre', expect.stringMatching(/^l_/), expect.stringMatching(/^l_/)].sort());
    expect(byName['Alice Durand']).toMatchObject({ status: 'SHARED', results: { masteryRate: 1, competences: [{ code: '4.2' }] } });
    expect(byName['Alice Durand']!.answered).toBeGreaterThan(0);
    expect(byName['Bob Lefèvre']).toMatchObject({ status: 'TO_SHARE' });
    expect(byName['Bob Lefèvre']!.results).toBeUndefined();
    const unnamed = progress.learners.filter((l) => l.displayName === null);
    expect(unnamed.map((l) => l.status).sort()).toEqual(['IN_PROGRESS', 'NOT_STARTED']);
    expect(progress.learners.some((l) => l.displayName === 'Mme Martin')).toBe(false);
  });

  it('without the roster service, lists the participants of the course', async () => {
    const noNrps = new ApiClient(t.app, (await t.launch({ activity: ref(), roles: teacherRoles, nrps: undefined })).token);
    const progress = await noNrps.ok(S.classProgress, 'get', '/api/teacher/progress');
    expect(progress.rosterSource).toBe('participants');
    expect(progress.learners.map((l) => l.status).sort()).toEqual(['IN_PROGRESS', 'SHARED', 'TO_SHARE']);
    expect(progress.learners.every((l) => l.displayName === null)).toBe(true);
  });

  it('exports the class as CSV: BOM, French headers, Pix’s columns, results of sharers only, formulas neutralised', async () => {
    const res = await teacher.call('get', '/api/teacher/progress.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="pix-Donnees-personnelles-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith('\ufeff')).toBe(true);
    const rows = res.text.slice(1).trimEnd().split('\r\n').map((r) => r.split(';'));
    const header = rows[0]!;
    expect(header.slice(0, 13)).toEqual([
      'Cours',
      'ID Campagne',
      'Code',
      'Nom de la campagne',
      'Nom du Profil Cible',
      'Nom du Participant',
      'Prénom du Participant',
      'Identifiant du participant (pseudonyme)',
      '% de progression',
      'Date de début',
      'Partage (O/N)',
      'Date du partage',
      "% maîtrise de l'ensemble des acquis du profil",
    ]);
    const competence = snapshot.competence('4.2')!;
    expect(header).toContain(`% de maîtrise des acquis de la compétence 4.2 ${competence.name.fr}`);
    expect(header).toContain(`Acquis maîtrisés du domaine 4 ${snapshot.area('4')!.name.fr}`);
    expect(rows).toHaveLength(6);
    const alice = rows.find((r) => r[5] === 'Durand')!;
    expect(alice.slice(1, 4)).toEqual([campaign.id, campaign.code, campaign.title]);
    expect(alice.slice(6, 13)).toEqual(['Alice', expect.stringMatching(/^l_/), '100', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'O', expect.stringMatching(/^\d{4}-/), '100']);
    const targetSkills = Number(alice[header.indexOf(`Nombre d'acquis du profil cible dans la compétence 4.2 ${competence.name.fr}`)]);
    expect(targetSkills).toBeGreaterThan(0);
    expect(alice[header.indexOf(`Acquis maîtrisés dans la compétence 4.2 ${competence.name.fr}`)]).toBe(String(targetSkills));
    const bob = rows.find((r) => r[5] === 'Lefèvre')!;
    expect(bob.slice(8, 13)).toEqual(['100', expect.any(String), 'N', '', '']);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('is for the course’s instructors only, on the launch’s activity', async () => {
    const learner = new ApiClient(t.app, (await t.launch({ activity: ref(), user: { sub: 'alice' } })).token);
    await learner.fails('get', '/api/teacher/progress', undefined, 403, 'LAUNCH_ROLE_FORBIDDEN');
    await learner.fails('get', '/api/teacher/progress.csv', undefined, 403, 'LAUNCH_ROLE_FORBIDDEN');
    const noActivity = new ApiClient(t.app, (await t.launch({ roles: teacherRoles })).token);
    await noActivity.fails('get', '/api/teacher/progress', undefined, 400, 'ACTIVITY_NOT_SPECIFIED');
    // The teacher of another course sees their own course only.
    const otherCourse = new ApiClient(t.app, (await t.launch({ activity: ref(), roles: teacherRoles, context: { id: 'course-2' }, nrps: undefined })).token);
    const progress = await otherCourse.ok(S.classProgress, 'get', '/api/teacher/progress');
    expect(progress.learners.map((l) => l.status)).toEqual(['IN_PROGRESS']);
  });
});
