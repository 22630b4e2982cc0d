import { afterEach, describe, expect, it } from 'vitest';
import { MEDIA_TYPE, SCOPE } from './lti/claims.js';
import { startFixture, type Fixture } from './testing/fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.stop();
  fx = undefined;
});

async function token(f: Fixture, scopes: string[] = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.nrps]): Promise<string> {
  const { status, body } = await f.tool.requestToken(f.sim.endpoints.token, scopes);
  expect(status).toBe(200);
  return body.access_token as string;
}

function lineItemsUrl(f: Fixture, query = ''): string {
  return `${f.sim.url}/mod/lti/services.php/${f.course.id}/lineitems?type_id=${f.registration.id}${query}`;
}

function activityItemId(f: Fixture): string {
  return f.sim.lineItems(f.course.id).find((i) => i.activityId === f.activity.id)!.id;
}

function scoresUrl(f: Fixture, itemId = activityItemId(f)): string {
  return `${f.sim.url}/mod/lti/services.php/${f.course.id}/lineitems/${itemId}/lineitem/scores?type_id=${f.registration.id}`;
}

async function postScore(f: Fixture, bearer: string, score: Record<string, unknown>, itemId?: string): Promise<Response> {
  return fetch(scoresUrl(f, itemId), {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': MEDIA_TYPE.score },
    body: JSON.stringify(score),
  });
}

const at = (iso: string) => ({ timestamp: iso, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });

describe('AGS line items', () => {
  it('lists the tool’s columns only with the container Accept header (Moodle matches it exactly)', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    const ok = await fetch(lineItemsUrl(fx), { headers: { authorization: `Bearer ${bearer}`, accept: MEDIA_TYPE.lineItemContainer } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe(`${MEDIA_TYPE.lineItemContainer}; charset=utf-8`);
    expect(await ok.json()).toEqual([
      {
        id: `${fx.sim.url}/mod/lti/services.php/${fx.course.id}/lineitems/${activityItemId(fx)}/lineitem?type_id=${fx.registration.id}`,
        label: 'Évaluation Pix',
        scoreMaximum: 100,
        resourceId: '',
        tag: '',
        resourceLinkId: fx.activity.id,
        ltiLinkId: fx.activity.id,
      },
    ]);
    const anything = await fetch(lineItemsUrl(fx), { headers: { authorization: `Bearer ${bearer}`, accept: '*/*' } });
    expect(anything.status).toBe(400);
    const list = await fetch(lineItemsUrl(fx), { headers: { authorization: `Bearer ${bearer}`, accept: `${MEDIA_TYPE.lineItemContainer}, application/json` } });
    expect(list.status).toBe(400);
    expect(((await list.json()) as { reason: string }).reason).toMatch(/^No handler found/);
  });

  it('creates columns (label + scoreMaximum required) and pages them with Moodle’s typographic-quote Link header', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    const create = (body: unknown) =>
      fetch(lineItemsUrl(fx!), { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': MEDIA_TYPE.lineItem }, body: JSON.stringify(body) });
    const missing = await create({ label: 'Sans maximum' });
    expect(missing.status).toBe(400);
    expect(missing.statusText).toBe('No label or Score Maximum');
    for (const n of [1, 2, 3]) {
      const created = await create({ label: `Colonne ${n}`, scoreMaximum: 20, resourceId: `pix-${n}`, tag: 'pix', resourceLinkId: fx.activity.id });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ label: `Colonne ${n}`, id: expect.stringMatching(/\/lineitems\/\d+\/lineitem\?type_id=/) });
    }
    const page = await fetch(lineItemsUrl(fx, '&limit=2'), { headers: { authorization: `Bearer ${bearer}`, accept: MEDIA_TYPE.lineItemContainer } });
    expect(((await page.json()) as unknown[]).length).toBe(2);
    // The header's bytes are UTF-8 (as PHP sends them); fetch exposes them as latin1 code units.
    const link = Buffer.from(page.headers.get('link')!, 'latin1').toString('utf8');
    expect(link).toContain('rel=“next”');
    expect(link).toMatch(/<[^>]*limit=2&from=2>; rel=“next”/);
    expect(link).not.toContain('rel="next"');
    const tagged = await fetch(lineItemsUrl(fx, '&tag=pix&resource_id=pix-2'), { headers: { authorization: `Bearer ${bearer}`, accept: MEDIA_TYPE.lineItemContainer } });
    expect(((await tagged.json()) as Array<{ label: string }>).map((i) => i.label)).toEqual(['Colonne 2']);
  });

  it('uses standard quotes when configured so', async () => {
    fx = await startFixture({ simulator: { lineItemLinkQuotes: 'ascii' } });
    const bearer = await token(fx);
    fx.sim.platform.site.addGradeItem({ courseId: fx.course.id, itemtype: 'manual', itemname: 'B', grademax: 10, gbs: { toolId: fx.registration.id, resourceId: '', tag: '' } });
    const page = await fetch(lineItemsUrl(fx, '&limit=1'), { headers: { authorization: `Bearer ${bearer}`, accept: MEDIA_TYPE.lineItemContainer } });
    expect(page.headers.get('link')).toContain('rel="next"');
  });
});

describe('AGS scores, Moodle’s rules', () => {
  it('stores a FullyGraded score rescaled to the column maximum', async () => {
    fx = await startFixture();
    const student = fx.students[0]!;
    const response = await postScore(fx, await token(fx), { userId: student.id, scoreGiven: 15, scoreMaximum: 20, comment: 'Bien', ...at('2025-03-01T10:00:00Z') });
    expect(response.status).toBe(200);
    expect(fx.sim.grade(activityItemId(fx), student.id)).toMatchObject({ finalgrade: 75, feedback: 'Bien', timemodified: Date.parse('2025-03-01T10:00:00Z') / 1000 });
    expect(fx.sim.scores()).toHaveLength(1);
  });

  it('refuses with 409 a timestamp not newer than the stored grade’s, to the second', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    const userId = fx.students[0]!.id;
    expect((await postScore(fx, bearer, { userId, scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00.100Z') })).status).toBe(200);
    const sameSecond = await postScore(fx, bearer, { userId, scoreGiven: 0.5, scoreMaximum: 1, ...at('2025-03-01T10:00:00.900Z') });
    expect(sameSecond.status).toBe(409);
    expect(sameSecond.statusText).toBe(`Refusing score with an earlier timestamp for item ${activityItemId(fx)} and user ${userId}`);
    expect((await postScore(fx, bearer, { userId, scoreGiven: 0.5, scoreMaximum: 1, ...at('2025-03-01T09:00:00Z') })).status).toBe(409);
    expect((await postScore(fx, bearer, { userId, scoreGiven: 0.5, scoreMaximum: 1, ...at('2025-03-01T10:00:01Z') })).status).toBe(200);
    expect(fx.sim.grade(activityItemId(fx), userId)!.finalgrade).toBe(50);
  });

  it('answers 400 "Incorrect score received" for teachers, admins, strangers and malformed scores', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    const student = fx.students[1]!.id;
    const cases: Array<Record<string, unknown>> = [
      { userId: fx.teacher.id, scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') },
      { userId: fx.nonEditingTeacher.id, scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') },
      { userId: fx.admin.id, scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') },
      { userId: fx.outsider.id, scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') },
      { userId: '999', scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') },
      { userId: student, scoreGiven: 1, ...at('2025-03-01T10:00:00Z') },
      { userId: student, scoreGiven: 'beaucoup', scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') },
      { userId: student, scoreGiven: 1, scoreMaximum: 1, ...at('hier') },
      { userId: student, scoreGiven: 1, scoreMaximum: 1, timestamp: '2025-03-01T10:00:00Z', gradingProgress: 'FullyGraded' },
      { scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') },
    ];
    for (const score of cases) {
      const response = await postScore(fx, bearer, score);
      expect({ score, status: response.status, reason: response.statusText }).toEqual({ score, status: 400, reason: 'Incorrect score received' });
    }
    expect(fx.sim.scores()).toHaveLength(0);
  });

  it('blanks the grade when gradingProgress is not FullyGraded', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    const userId = fx.students[0]!.id;
    await postScore(fx, bearer, { userId, scoreGiven: 8, scoreMaximum: 10, ...at('2025-03-01T10:00:00Z') });
    expect(fx.sim.grade(activityItemId(fx), userId)!.finalgrade).toBe(80);
    const pending = await postScore(fx, bearer, { userId, scoreGiven: 9, scoreMaximum: 10, timestamp: '2025-03-01T11:00:00Z', activityProgress: 'Submitted', gradingProgress: 'Pending' });
    expect(pending.status).toBe(200);
    expect(fx.sim.grade(activityItemId(fx), userId)).toMatchObject({ finalgrade: null, timemodified: null });
  });

  it('gives 405 to a score GET, 401 without a valid token or scope, 403 on another tool’s column', async () => {
    fx = await startFixture();
    const userId = fx.students[0]!.id;
    const get = await fetch(scoresUrl(fx), { headers: { accept: MEDIA_TYPE.scoreContainer } });
    expect(get.status).toBe(405);
    expect((await postScore(fx, 'not-a-token', { userId, ...at('2025-03-01T10:00:00Z') })).status).toBe(401);
    const readOnly = await token(fx, [SCOPE.lineItemReadOnly]);
    expect((await postScore(fx, readOnly, { userId, ...at('2025-03-01T10:00:00Z') })).status).toBe(401);
    const bearer = await token(fx);
    fx.sim.setClockOffset(3601_000);
    expect((await postScore(fx, bearer, { userId, ...at('2025-03-01T10:00:00Z') })).status).toBe(401);
    fx.sim.setClockOffset(0);
    const other = fx.sim.registerTool({ name: 'Autre', initiateLoginUri: 'http://127.0.0.1:9/login', toolUrl: 'http://127.0.0.1:9/launch', redirectUris: ['http://127.0.0.1:9/launch'], jwksUri: 'http://127.0.0.1:9/keys' });
    const foreign = fx.sim.addActivity({ courseId: fx.course.id, toolId: other.id, name: 'Autre activité', acceptGrades: true });
    const foreignItem = fx.sim.lineItems(fx.course.id).find((i) => i.activityId === foreign.id)!.id;
    const response = await postScore(fx, bearer, { userId, scoreGiven: 1, scoreMaximum: 1, ...at('2025-03-01T10:00:00Z') }, foreignItem);
    expect(response.status).toBe(403);
  });

  it('reads results back (resultScore only where there is a grade)', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    await postScore(fx, bearer, { userId: fx.students[0]!.id, scoreGiven: 3, scoreMaximum: 4, ...at('2025-03-01T10:00:00Z') });
    await postScore(fx, bearer, { userId: fx.students[1]!.id, ...at('2025-03-01T10:00:00Z'), gradingProgress: 'Pending' });
    const url = `${fx.sim.url}/mod/lti/services.php/${fx.course.id}/lineitems/${activityItemId(fx)}/lineitem/results?type_id=${fx.registration.id}`;
    const results = (await (await fetch(url, { headers: { authorization: `Bearer ${bearer}`, accept: MEDIA_TYPE.resultContainer } })).json()) as Array<Record<string, unknown>>;
    expect(results).toEqual([
      expect.objectContaining({ userId: fx.students[0]!.id, resultScore: 75, resultMaximum: 4, timestamp: '2025-03-01T10:00:00+00:00' }),
      { id: expect.any(String), userId: fx.students[1]!.id },
    ]);
  });

  it('fails exactly every other call under a 50 % 503 fault, and only while the fault lasts', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    const fault = fx.sim.addFault({ target: 'scores', effect: { status: 503 }, ratio: 0.5 });
    const statuses: number[] = [];
    for (let s = 0; s < 6; s++) statuses.push((await postScore(fx, bearer, { userId: fx.students[0]!.id, scoreGiven: s, scoreMaximum: 10, ...at(`2025-03-01T10:00:0${s}Z`) })).status);
    expect(statuses).toEqual([200, 503, 200, 503, 200, 503]);
    expect(fault.stats()).toEqual({ matched: 6, affected: 3 });
    fault.remove();
    expect((await postScore(fx, bearer, { userId: fx.students[0]!.id, scoreGiven: 9, scoreMaximum: 10, ...at('2025-03-01T10:01:00Z') })).status).toBe(200);
    // The token endpoint can fail too.
    fx.sim.addFault({ target: 'token', effect: { status: 500 }, times: 1 });
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score])).status).toBe(500);
    expect((await fx.tool.requestToken(fx.sim.endpoints.token, [SCOPE.score])).status).toBe(200);
  });
});

describe('NRPS memberships', () => {
  const membershipsUrl = (f: Fixture, query = '') => `${f.sim.url}/mod/lti/services.php/CourseSection/${f.course.id}/bindings/${f.registration.id}/memberships${query}`;
  const get = async (f: Fixture, bearer: string, query = '', accept: string = MEDIA_TYPE.membershipContainerV2) =>
    fetch(membershipsUrl(f, query), { headers: { authorization: `Bearer ${bearer}`, accept } });

  it('lists active enrolments with Moodle’s short role names and no personal data by default', async () => {
    fx = await startFixture();
    fx.sim.enrol(fx.outsider.id, fx.course.id, 'student', 'suspended');
    const response = await get(fx, await token(fx));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; context: unknown; members: Array<Record<string, unknown>> };
    expect(body.id).toBe(membershipsUrl(fx));
    expect(body.context).toEqual({ id: fx.course.id, label: '3B-NUM', title: '3e B — Numérique' });
    expect(body.members.map((m) => m.user_id)).toEqual([fx.teacher.id, fx.nonEditingTeacher.id, ...fx.students.map((s) => s.id)]);
    expect(body.members[0]).toEqual({ status: 'Active', roles: ['Instructor'], user_id: fx.teacher.id, lis_person_sourcedid: 'T-001' });
    expect(body.members[1]!.roles).toEqual(['Learner']);
  });

  it('filters by role, pages with a Link header (without the role filter, like Moodle), honours rlid', async () => {
    fx = await startFixture({ registration: { sendName: true, sendEmail: true } });
    const bearer = await token(fx);
    const learners = (await (await get(fx, bearer, '?role=Learner')).json()) as { members: Array<Record<string, unknown>> };
    expect(learners.members.map((m) => m.user_id)).toEqual([fx.nonEditingTeacher.id, ...fx.students.map((s) => s.id)]);
    expect(learners.members[1]).toMatchObject({ name: 'Léa Bernard', given_name: 'Léa', family_name: 'Bernard', email: 'lea.bernard@example.org' });
    const instructors = (await (await get(fx, bearer, `?role=${encodeURIComponent('http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor')}`)).json()) as { members: unknown[] };
    expect(instructors.members).toHaveLength(1);
    const page = await get(fx, bearer, '?role=Learner&limit=2');
    expect(page.headers.get('link')).toBe(`<${membershipsUrl(fx)}?limit=2&from=2>; rel="next"`);
    fx.activity.restrictedTo = [fx.students[2]!.id];
    const link = (await (await get(fx, bearer, `?rlid=${fx.activity.id}`)).json()) as { members: Array<Record<string, unknown>> };
    expect(link.members.map((m) => m.user_id)).toEqual([fx.students[2]!.id]);
    expect(link.members[0]!.message).toEqual([expect.objectContaining({ 'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest' })]);
  });

  it('checks the Accept header and the token', async () => {
    fx = await startFixture();
    const bearer = await token(fx);
    expect((await get(fx, bearer, '', 'application/json')).status).toBe(400);
    expect((await get(fx, 'nope')).status).toBe(401);
    const scoreOnly = await token(fx, [SCOPE.score]);
    expect((await get(fx, scoreOnly)).status).toBe(401);
  });
});
