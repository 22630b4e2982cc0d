import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformSimulator, type Activity, type Course, type PlatformSimulator, type User } from '../lti-platform/index.js';
import { connect } from '../lti/support/pix-tool.js';
import { launch, startServicesTool, type ServicesTool } from './support/services-tool.js';

interface RosterBody {
  counts: { members: number; learners: number; instructors: number };
  complete: boolean;
  members: Array<{ userId: string; learnerId: string; roles: { learner: boolean; instructor: boolean }; givenName?: string; email?: string }>;
}

describe('course rosters from the simulated Moodle (NRPS over real HTTP)', () => {
  let sim: PlatformSimulator;
  let tool: ServicesTool;

  beforeAll(async () => {
    sim = await startPlatformSimulator();
    tool = await startServicesTool();
  });
  afterAll(async () => {
    await tool?.stop();
    await sim?.stop();
  });

  async function classOf(size: number, privacy: { sendNames?: boolean; sendEmail?: boolean }) {
    const { toolType } = await connect(sim, tool, privacy);
    const course: Course = sim.addCourse({ shortname: `C${size}`, fullname: `Classe de ${size}` });
    const teacher: User = sim.addUser({ firstname: 'Claire', lastname: 'Martin', email: 'claire@ecole.test' });
    sim.enrol(teacher.id, course.id, 'editingteacher');
    const students = Array.from({ length: size }, (_, i) => sim.addUser({ firstname: `Élève${i}`, lastname: 'Test', email: `e${i}@ecole.test` }));
    for (const s of students) sim.enrol(s.id, course.id, 'student');
    const activity: Activity = sim.addActivity({ courseId: course.id, toolId: toolType.id, name: 'Pix', acceptGrades: true });
    const { token, session } = await launch(sim, tool, teacher.id, activity.id);
    return { token, session, students, teacher };
  }

  const roster = async (token: string, query = '') => {
    const res = await fetch(`${tool.url}/api/roster${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as RosterBody };
  };

  it('lists the class with ids and roles only when the registration shares no names', async () => {
    const { token, session, students } = await classOf(3, {});
    const res = await roster(token);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ members: 4, learners: 3, instructors: 1 });
    const learner = res.body.members.find((m) => m.userId === students[0]!.id)!;
    expect(learner.roles).toMatchObject({ learner: true, instructor: false });
    expect(learner.learnerId).toMatch(/^l_/);
    expect(learner.givenName).toBeUndefined();
    expect(learner.email).toBeUndefined();
    expect(session.nrps?.membershipsUrl).toContain('/memberships');
  });

  it('pages through a large class (Link header) and shows names and e-mail when shared', async () => {
    const { token } = await classOf(120, { sendNames: true, sendEmail: true });
    // A no-op fault counts the NRPS calls: 121 members, 100 a page → two pages.
    const counter = sim.addFault({ target: 'nrps', effect: { delayMs: 0 } });
    const res = await roster(token);
    expect(counter.stats().matched).toBe(2);
    counter.remove();
    expect(res.body.counts.members).toBe(121);
    expect(res.body.complete).toBe(true);
    expect(res.body.members.find((m) => m.roles.learner)).toMatchObject({ givenName: expect.stringMatching(/^Élève/), email: expect.stringMatching(/@ecole\.test$/) });
  });

  it('is refused to learners', async () => {
    const { toolType } = await connect(sim, tool, {});
    const course = sim.addCourse({ shortname: 'L', fullname: 'L' });
    const student = sim.addUser({ firstname: 'Léa', lastname: 'B' });
    sim.enrol(student.id, course.id, 'student');
    const activity = sim.addActivity({ courseId: course.id, toolId: toolType.id, name: 'Pix' });
    const { token } = await launch(sim, tool, student.id, activity.id);
    expect((await roster(token)).status).toBe(403);
  });
});
