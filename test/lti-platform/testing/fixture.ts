import type { NewTool } from '../model/site.js';
import type { Activity, Course, ToolType, User } from '../model/types.js';
import { startPlatformSimulator, type PlatformSimulator, type SimulatorOptions } from '../simulator.js';
import { FakeTool, type FakeToolOptions } from './fake-tool.js';

export interface Fixture {
  sim: PlatformSimulator;
  tool: FakeTool;
  registration: ToolType;
  course: Course;
  teacher: User;
  nonEditingTeacher: User;
  students: User[];
  admin: User;
  outsider: User;
  activity: Activity;
  stop(): Promise<void>;
}

/** A simulator with one course, its people, the fake tool registered by hand and one graded activity. */
export async function startFixture(
  options: { simulator?: SimulatorOptions; tool?: Partial<FakeToolOptions>; registration?: Partial<NewTool> } = {},
): Promise<Fixture> {
  const sim = await startPlatformSimulator(options.simulator);
  const tool = await new FakeTool({
    platform: { issuer: sim.issuer, authorizationEndpoint: sim.endpoints.authorization, jwksUri: sim.endpoints.jwks },
    ...options.tool,
  }).start();
  const registration = sim.registerTool({
    name: 'Outil de test',
    initiateLoginUri: tool.loginUrl,
    toolUrl: tool.launchUrl,
    redirectUris: [tool.launchUrl],
    jwksUri: tool.jwksUrl,
    ...options.registration,
  });
  tool.clientId = registration.clientId;
  const course = sim.addCourse({ shortname: '3B-NUM', fullname: '3e B — Numérique', idnumber: 'COURSE-3B' });
  const teacher = sim.addUser({ firstname: 'Claire', lastname: 'Martin', email: 'claire.martin@example.org', idnumber: 'T-001' });
  const nonEditingTeacher = sim.addUser({ firstname: 'Paul', lastname: 'Durand' });
  const students = [
    sim.addUser({ firstname: 'Léa', lastname: 'Bernard', idnumber: 'E-101' }),
    sim.addUser({ firstname: 'Hugo', lastname: 'Petit' }),
    sim.addUser({ firstname: 'Inès', lastname: 'Moreau' }),
  ];
  const admin = sim.addUser({ firstname: 'Admin', lastname: 'Éléa', siteAdmin: true });
  const outsider = sim.addUser({ firstname: 'Nora', lastname: 'Dehors' });
  sim.enrol(teacher.id, course.id, 'editingteacher');
  sim.enrol(nonEditingTeacher.id, course.id, 'teacher');
  for (const s of students) sim.enrol(s.id, course.id, 'student');
  const activity = sim.addActivity({ courseId: course.id, toolId: registration.id, name: 'Évaluation Pix', intro: 'Première ligne\nSeconde ligne', acceptGrades: true });
  return {
    sim,
    tool,
    registration,
    course,
    teacher,
    nonEditingTeacher,
    students,
    admin,
    outsider,
    activity,
    async stop() {
      await tool.stop();
      await sim.stop();
    },
  };
}
