import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeToolModules, createLogger, parseConfig, startTool } from '@pix-lti/lti-tool';
import { deepLinkAs, LtiBrowser, startDemoLms, type Activity, type DemoLms, type User } from '../../test/lti-platform/index.js';
import { freePort } from '../../test/support/ports.js';

export interface UiStack {
  /** The tool (on `localhost`). */
  toolUrl: string;
  /** The demo LMS (on `127.0.0.1`: another site, so the tool's frame is third-party). */
  lms: DemoLms;
  activity: Activity;
  students: User[];
  database: string;
  close(): Promise<void>;
}

/**
 * The real product on loopback for the UI benchmark: the whole tool (composition root, its
 * own database server in a temporary folder, or MONGODB_URI) and the demo LMS that registers
 * it by dynamic registration; a teacher adds the adaptive test of competence 1.1 to a course
 * by deep linking (the tool's plain picker), and `students` pupils are enrolled.
 */
export async function startUiStack(options: { students: number }): Promise<UiStack> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-bench-ui-'));
  const lmsPort = await freePort();
  const lmsUrl = `http://127.0.0.1:${lmsPort}`;
  const parsed = parseConfig({
    ENCRYPTION_KEY: 'bench-only-encryption-key-0123456789abcdef',
    PORT: String(await freePort()),
    DATA_DIR: root,
    LOG_LEVEL: 'error',
    MONGODB_URI: process.env.MONGODB_URI,
    // The demo LMS registers itself: approved without an admin, as `npm start` does.
    LTI_AUTO_APPROVE_ISSUERS: lmsUrl,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const tool = await startTool(parsed.config, createLogger({ level: 'error', name: 'bench-ui' }), (ctx) => composeToolModules(ctx));
  const toolUrl = parsed.config.publicUrl;
  let lms: DemoLms | undefined;
  try {
    lms = await startDemoLms({ port: lmsPort, publicUrl: lmsUrl, tool: { baseUrl: toolUrl, registrationUrl: `${toolUrl}/lti/register` } });
    if (!lms.tool) throw new Error('the demo LMS could not register the tool');
    const site = lms.simulator.platform.site;
    const course = [...site.courses.values()].find((c) => c.shortname === '3B-NUM')!;
    const teacher = [...site.users.values()].find((u) => u.username === 'cmartin')!;

    // The teacher adds the adaptive test by deep linking, as in the LMS (plain picker over HTTP).
    const browser = new LtiBrowser();
    const dl = await deepLinkAs(browser, lms.simulator, { userId: teacher.id, courseId: course.id, toolId: lms.tool.registration.id });
    const pickerForm = dl.page.form({ action: /\/lti\/deep-linking\/picker$/ });
    if (!pickerForm) throw new Error(`deep linking did not reach the tool's picker (HTTP ${dl.page.status})`);
    const picker = (await browser.submit(pickerForm)).page;
    const submit = picker.form({ action: /\/lti\/deep-linking\/submit$/ });
    if (!submit) throw new Error(`no picker form (HTTP ${picker.status})`);
    const before = new Set(site.activities.keys());
    await browser.submit(submit, { items: 'competence-evaluation:competence-1-1' });
    const activity = [...site.activities.values()].find((a) => !before.has(a.id));
    if (!activity) throw new Error('deep linking created no activity');

    const students = Array.from({ length: options.students }, (_, i) => {
      const user = lms!.simulator.addUser({ firstname: `Élève ${i + 1}`, lastname: 'Banc', username: `bench${i + 1}` });
      lms!.simulator.enrol(user.id, course.id, 'student');
      return user;
    });
    const database = tool.database.source;
    const stack = lms;
    return {
      toolUrl,
      lms: stack,
      activity,
      students,
      database,
      async close() {
        await stack.stop();
        await tool.close();
        await fs.rm(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await lms?.stop();
    await tool.close();
    await fs.rm(root, { recursive: true, force: true });
    throw err;
  }
}
