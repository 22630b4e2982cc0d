import { LtiBrowser, startPlatformSimulator, type Activity, type BrowserPage, type Course, type PlatformSimulator, type User } from '../../lti-platform/index.js';
import { connect, startPixTool, type PixTool } from './pix-tool.js';
import { FrameSessionStorage } from './session-storage.js';

export interface Scenario {
  sim: PlatformSimulator;
  tool: PixTool;
  toolId: string;
  registrationId: string;
  course: Course;
  teacher: User;
  student: User;
  admin: User;
  activity: Activity;
  /** Documents in one of the tool's collections. */
  count(collection: string): Promise<number>;
  stop(): Promise<void>;
}

/** The simulated Éléa with a course, its people and a Pix activity, connected to the real tool. */
export async function startScenario(options: { sendNames?: boolean; sendEmail?: boolean; status?: 'active' | 'pending' } = {}): Promise<Scenario> {
  const sim = await startPlatformSimulator();
  const tool = await startPixTool();
  const { toolType, registrationId } = await connect(sim, tool, options);
  const course = sim.addCourse({ shortname: '3B-NUM', fullname: '3e B — Numérique' });
  const teacher = sim.addUser({ firstname: 'Claire', lastname: 'Martin', email: 'claire.martin@example.org' });
  const student = sim.addUser({ firstname: 'Léa', lastname: 'Bernard', email: 'lea.bernard@example.org' });
  const admin = sim.addUser({ firstname: 'Admin', lastname: 'Éléa', siteAdmin: true });
  sim.enrol(teacher.id, course.id, 'editingteacher');
  sim.enrol(student.id, course.id, 'student');
  const activity = sim.addActivity({ courseId: course.id, toolId: toolType.id, name: 'Évaluation Pix', instructorCustomParameters: { pix_activity: 'campaign:ABCDEF123' } });
  return {
    sim,
    tool,
    toolId: toolType.id,
    registrationId,
    course,
    teacher,
    student,
    admin,
    activity,
    count: (collection) => tool.running.ctx.db.connection.db!.collection(collection).countDocuments(),
    async stop() {
      await tool.stop();
      await sim.stop();
    },
  };
}

/** A browser with a frame sessionStorage, as in the LMS iframe. */
export function browserFor(mode: 'allowed' | 'blocked' | 'samesite' = 'allowed'): { browser: LtiBrowser; storage: FrameSessionStorage } {
  const storage = new FrameSessionStorage();
  return { browser: new LtiBrowser({ thirdPartyCookies: mode, scriptHooks: [storage.hook()] }), storage };
}

export function launchConfigOf(page: BrowserPage): Record<string, unknown> {
  const node = page.document().querySelector('script#pix-launch-config');
  if (!node) throw new Error(`not the launch page (HTTP ${page.status}): ${page.text().slice(0, 500)}`);
  return JSON.parse(node.text) as Record<string, unknown>;
}

/** The error code the French error page shows, if it is one. */
export function refusalOf(page: BrowserPage): string | undefined {
  return /Code : ([A-Z_]+)/.exec(page.text())?.[1];
}
