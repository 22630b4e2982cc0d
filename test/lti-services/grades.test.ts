import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeTargetOf, type EnqueueGradeInput } from '@pix-lti/lti-tool';
import { startPlatformSimulator, type Activity, type Course, type PlatformSimulator, type User } from '../lti-platform/index.js';
import { connect } from '../lti/support/pix-tool.js';
import { launch, settled, startServicesTool, type ServicesTool } from './support/services-tool.js';

type Session = Parameters<typeof gradeTargetOf>[0];

describe('grades to the simulated Moodle gradebook, over real HTTP (AGS)', () => {
  let sim: PlatformSimulator;
  let tool: ServicesTool;
  let course: Course;
  let teacher: User;
  let students: User[];
  let activity: Activity;
  let columnId: string;
  let source = 0;

  const score = (session: Session, scoreGiven: number, extra: Partial<EnqueueGradeInput> = {}): EnqueueGradeInput => ({
    ...gradeTargetOf(session, { label: 'Évaluation Pix', scoreMaximum: 20 })!,
    scoreGiven,
    scoreMaximum: 20,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    source: { type: 'campaign-participation', id: `participation-${++source}` },
    ...extra,
  });
  const scoresOf = (userId: string, itemId = columnId) => sim.scores({ itemId, userId });
  const refusals = (status: number) => sim.events('service-refused').filter((e) => e.detail.status === status);

  beforeAll(async () => {
    sim = await startPlatformSimulator();
    tool = await startServicesTool({ grading: { retry: { baseMs: 200, maxMs: 800 }, pollMs: 100 } });
    const { toolType } = await connect(sim, tool);
    course = sim.addCourse({ shortname: '3B-NUM', fullname: '3e B — Numérique' });
    teacher = sim.addUser({ firstname: 'Claire', lastname: 'Martin' });
    students = [sim.addUser({ firstname: 'Léa', lastname: 'Bernard' }), sim.addUser({ firstname: 'Hugo', lastname: 'Petit' }), sim.addUser({ firstname: 'Inès', lastname: 'Moreau' })];
    sim.enrol(teacher.id, course.id, 'editingteacher');
    for (const s of students) sim.enrol(s.id, course.id, 'student');
    activity = sim.addActivity({ courseId: course.id, toolId: toolType.id, name: 'Évaluation Pix', acceptGrades: true });
    columnId = sim.lineItems(course.id).find((i) => i.activityId === activity.id)!.id;
  });
  afterAll(async () => {
    await tool?.stop();
    await sim?.stop();
  });

  it('delivers a final score once, with the launch’s lineitem claim', async () => {
    const { session } = await launch(sim, tool, students[0]!.id, activity.id);
    expect(session.ags?.lineItemUrl).toContain(`/lineitems/${columnId}/lineitem`);
    const input = score(session, 17);
    const queued = await tool.grading.enqueue(input);
    expect(await settled(tool.grading, queued.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(sim.grade(columnId, students[0]!.id)).toMatchObject({ finalgrade: 85, gradingProgress: 'FullyGraded' });
    expect(scoresOf(students[0]!.id)).toHaveLength(1);

    expect(await tool.grading.enqueue(input)).toMatchObject({ id: queued.id, outcome: 'unchanged' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(scoresOf(students[0]!.id)).toHaveLength(1);
  });

  it('never meets Moodle’s 409 with several scores for one learner in the same second', async () => {
    const { session } = await launch(sim, tool, students[1]!.id, activity.id);
    const before = refusals(409).length;
    const ids = [];
    for (const given of [5, 9, 12, 14, 18]) ids.push((await tool.grading.enqueue(score(session, given))).id);
    const outcomes = [];
    for (const id of ids) outcomes.push((await settled(tool.grading, id)).status);
    // Each result is sent in order, or skipped as superseded when a newer one for the learner got out first.
    expect(outcomes.every((o) => o === 'delivered' || o === 'superseded')).toBe(true);
    expect(outcomes.at(-1)).toBe('delivered');
    const sent = scoresOf(students[1]!.id);
    const given = sent.map((s) => Number(s.body.scoreGiven));
    expect(given).toEqual([...given].sort((a, b) => a - b));
    expect(given.at(-1)).toBe(18);
    expect(sent).toHaveLength(outcomes.filter((o) => o === 'delivered').length);
    expect(refusals(409).length).toBe(before);
    const seconds = sent.map((s) => Math.floor(Date.parse(String(s.body.timestamp)) / 1000));
    for (let i = 1; i < seconds.length; i++) expect(seconds[i]).toBeGreaterThan(seconds[i - 1]!);
    expect(sim.grade(columnId, students[1]!.id)?.finalgrade).toBe(90);
  });

  it('keeps Moodle’s 400 for a teacher (not gradable) as a failure with its reason, and does not retry it', async () => {
    const { session } = await launch(sim, tool, teacher.id, activity.id);
    const queued = await tool.grading.enqueue(score(session, 10));
    expect(await settled(tool.grading, queued.id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      failure: { code: 'LMS_USER_NOT_GRADABLE', reason: 'Incorrect score received', httpStatus: 400 },
    });
    const refused = refusals(400).length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(refusals(400).length).toBe(refused);
    expect((await tool.grading.status(queued.id))?.attempts).toBe(1);
  });

  it('gets a new access token on a 401 and delivers; otherwise reuses one token', async () => {
    const { session } = await launch(sim, tool, students[2]!.id, activity.id);
    const issued = sim.events('token-issued').length;
    const fault = sim.addFault({ target: 'scores', effect: { status: 401, body: '{"status":401,"reason":"Invalid token"}' }, times: 1 });
    const queued = await tool.grading.enqueue(score(session, 11));
    expect(await settled(tool.grading, queued.id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(fault.stats().affected).toBe(1);
    expect(sim.events('token-issued').length).toBe(issued + 1);
    const again = await tool.grading.enqueue(score(session, 12));
    await settled(tool.grading, again.id);
    expect(sim.events('token-issued').length).toBe(issued + 1);
  });

  it('retries 503s with backoff and delivers', async () => {
    const { session } = await launch(sim, tool, students[2]!.id, activity.id);
    const fault = sim.addFault({ target: 'scores', effect: { status: 503 }, times: 2 });
    const queued = await tool.grading.enqueue(score(session, 13));
    expect(await settled(tool.grading, queued.id)).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(fault.stats().affected).toBe(2);
  });

  it('finds or creates the column of a link the launch gave no lineitem for — once', async () => {
    const ungraded = sim.addActivity({ courseId: course.id, toolId: activity.toolId, name: 'Parcours libre', acceptGrades: false });
    const sessions = await Promise.all(students.map((s) => launch(sim, tool, s.id, ungraded.id).then((l) => l.session)));
    expect(sessions[0]!.ags?.lineItemUrl).toBeUndefined();
    expect(sessions[0]!.ags?.lineItemsUrl).toBeDefined();
    const columnsBefore = sim.lineItems(course.id).length;
    const queued = await Promise.all(
      sessions.map((s, i) => tool.grading.enqueue({ ...score(s, 15 + i), ...gradeTargetOf(s, { label: 'Parcours libre', scoreMaximum: 20, resourceId: 'campaign-XYZ' })! })),
    );
    for (const q of queued) expect(await settled(tool.grading, q.id)).toMatchObject({ status: 'delivered' });
    const columns = sim.lineItems(course.id);
    expect(columns).toHaveLength(columnsBefore + 1);
    const created = columns.find((c) => c.gbs?.resourceId === 'campaign-XYZ')!;
    expect(created).toMatchObject({ itemname: 'Parcours libre', grademax: 20, gbs: { ltiLinkId: ungraded.id } });
    for (const s of students) expect(scoresOf(s.id, created.id)).toHaveLength(1);
  });

  describe('tenant isolation', () => {
    let other: PlatformSimulator;
    let otherRegistrationId: string;
    let otherTeacherToken: string;

    beforeAll(async () => {
      other = await startPlatformSimulator();
      otherRegistrationId = (await connect(other, tool)).registrationId;
      const otherCourse = other.addCourse({ shortname: 'T2', fullname: 'Terminale 2' });
      const otherTeacher = other.addUser({ firstname: 'Paul', lastname: 'Durand' });
      other.enrol(otherTeacher.id, otherCourse.id, 'editingteacher');
      const toolId = other.platform.site.tools.values().next().value!.id;
      const otherActivity = other.addActivity({ courseId: otherCourse.id, toolId, name: 'Pix', acceptGrades: true });
      otherTeacherToken = (await launch(other, tool, otherTeacher.id, otherActivity.id)).token;
    });
    afterAll(async () => {
      await other?.stop();
    });

    it('refuses a grade for another tenant’s line item, with nothing stored or sent', async () => {
      const { session } = await launch(sim, tool, students[0]!.id, activity.id);
      const foreign = { ...score(session, 3), registrationId: otherRegistrationId, tenantId: session.tenantId };
      await expect(tool.grading.enqueue(foreign)).rejects.toMatchObject({ code: expect.stringMatching(/^GRADE_(TENANT_MISMATCH|LINE_ITEM_FOREIGN)$/) });
      const sameTenantForeignItem = { ...score(session, 3), lineItem: { url: session.ags!.lineItemUrl!.replace(sim.url, other.url) } };
      await expect(tool.grading.enqueue(sameTenantForeignItem)).rejects.toMatchObject({ code: 'GRADE_LINE_ITEM_FOREIGN' });
    });

    it('shows a teacher only the grades of their own tenant and course, and resends only those', async () => {
      const { token } = await launch(sim, tool, teacher.id, activity.id);
      const mine = await fetch(`${tool.url}/api/grades?resourceLinkId=${activity.id}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await mine.json()) as { grades: Array<{ id: string; status: string }> };
      expect(mine.status).toBe(200);
      expect(body.grades.length).toBeGreaterThan(5);
      const theirs = await fetch(`${tool.url}/api/grades?resourceLinkId=${activity.id}`, { headers: { authorization: `Bearer ${otherTeacherToken}` } });
      expect(((await theirs.json()) as { grades: unknown[] }).grades).toEqual([]);
      const failed = body.grades.find((g) => g.status === 'failed')!;
      const resend = await fetch(`${tool.url}/api/grades/${failed.id}/resend`, { method: 'POST', headers: { authorization: `Bearer ${otherTeacherToken}` } });
      expect(resend.status).toBe(404);
      expect(((await resend.json()) as { code: string }).code).toBe('GRADE_NOT_FOUND');
      const own = await fetch(`${tool.url}/api/grades/${failed.id}/resend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(own.status).toBe(202);
    });
  });
});
