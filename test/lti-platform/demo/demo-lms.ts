import { LtiBrowser } from '../browser/lti-browser.js';
import type { ToolType } from '../model/types.js';
import { startPlatformSimulator, type PlatformSimulator } from '../simulator.js';
import { demoPages } from './demo-pages.js';

export interface DemoLmsOptions {
  port?: number;
  host?: string;
  /** The URL people and the tool use to reach the demo LMS (also its issuer). */
  publicUrl?: string;
  /** The local Pix LTI tool to register at start. */
  tool?: {
    /** The tool's base URL (e.g. http://localhost:3000). */
    baseUrl: string;
    /** Try LTI Dynamic Registration at this URL first (e.g. `${baseUrl}/lti/register`). */
    registrationUrl?: string;
  };
  log?: (line: string) => void;
}

export interface DemoLms {
  simulator: PlatformSimulator;
  url: string;
  /** The registered tool and how it got registered. */
  tool?: { registration: ToolType; via: 'dynamic-registration' | 'manual' };
  stop(): Promise<void>;
}

/**
 * The demo LMS behind `npm start`: the simulator with French pages (home, courses, iframe
 * launches, deep linking, gradebook, tool administration), seeded with the same demo data at
 * every start (in memory), and the local tool registered — by dynamic registration when the
 * tool offers it, by hand otherwise.
 */
export async function startDemoLms(options: DemoLmsOptions = {}): Promise<DemoLms> {
  const simulator = await startPlatformSimulator({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    publicUrl: options.publicUrl,
    extraRoutes: (app, platform) => app.use(demoPages(platform)),
  });
  const log = options.log ?? (() => undefined);
  const people = seed(simulator);
  let tool: DemoLms['tool'];
  if (options.tool) {
    tool = await registerLocalTool(simulator, options.tool, log);
    if (tool) {
      simulator.addActivity({ courseId: people.course3B, toolId: tool.registration.id, name: 'Parcours Pix — Compétences numériques', intro: 'Évaluez vos compétences numériques.', acceptGrades: true });
    }
  }
  return { simulator, url: simulator.url, tool, stop: () => simulator.stop() };
}

/** Deterministic demo data: two courses, a teacher, students, an admin. */
function seed(sim: PlatformSimulator): { course3B: string } {
  const admin = sim.addUser({ id: '2', firstname: 'Admin', lastname: 'Éléa', username: 'admin', siteAdmin: true });
  const teacher = sim.addUser({ firstname: 'Claire', lastname: 'Martin', username: 'cmartin' });
  const assistant = sim.addUser({ firstname: 'Paul', lastname: 'Durand', username: 'pdurand' });
  const students = [
    sim.addUser({ firstname: 'Léa', lastname: 'Bernard', username: 'lbernard' }),
    sim.addUser({ firstname: 'Hugo', lastname: 'Petit', username: 'hpetit' }),
    sim.addUser({ firstname: 'Inès', lastname: 'Moreau', username: 'imoreau' }),
    sim.addUser({ firstname: 'Tom', lastname: 'Lefèvre', username: 'tlefevre' }),
    sim.addUser({ firstname: 'Chloé', lastname: 'Garcia', username: 'cgarcia' }),
  ];
  const c3b = sim.addCourse({ shortname: '3B-NUM', fullname: '3e B — Numérique', idnumber: '3B-NUM-2026' });
  const t2 = sim.addCourse({ shortname: 'T2', fullname: 'Terminale 2', idnumber: 'T2-2026' });
  sim.enrol(teacher.id, c3b.id, 'editingteacher');
  sim.enrol(teacher.id, t2.id, 'editingteacher');
  sim.enrol(assistant.id, c3b.id, 'teacher');
  for (const s of students.slice(0, 3)) sim.enrol(s.id, c3b.id, 'student');
  for (const s of students.slice(3)) sim.enrol(s.id, t2.id, 'student');
  void admin;
  return { course3B: c3b.id };
}

async function registerLocalTool(sim: PlatformSimulator, tool: NonNullable<DemoLmsOptions['tool']>, log: (line: string) => void): Promise<DemoLms['tool']> {
  if (tool.registrationUrl) {
    try {
      const start = await sim.startDynamicRegistration(tool.registrationUrl);
      const nav = await new LtiBrowser().navigate({ method: 'GET', url: start.url });
      const registration = sim.pendingTools().find((t) => t.clientId === start.clientId);
      if (registration) {
        sim.activateTool(registration.id);
        return { registration, via: 'dynamic-registration' };
      }
      log(`Demo LMS: dynamic registration at ${tool.registrationUrl} did not complete (HTTP ${nav.page.status}); registering the tool by hand.`);
    } catch (err) {
      log(`Demo LMS: dynamic registration at ${tool.registrationUrl} failed (${(err as Error).message}); registering the tool by hand.`);
    }
  }
  const base = tool.baseUrl.replace(/\/$/, '');
  const registration = sim.registerTool({
    name: 'Pix',
    initiateLoginUri: `${base}/lti/login`,
    toolUrl: `${base}/lti/launch`,
    redirectUris: [`${base}/lti/launch`],
    jwksUri: `${base}/lti/keys`,
  });
  return { registration, via: 'manual' };
}
