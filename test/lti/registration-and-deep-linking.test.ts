import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepLinkAs, launchAs, LtiBrowser, startPlatformSimulator, type PlatformSimulator } from '../lti-platform/index.js';
import { startPixTool, type PixTool } from './support/pix-tool.js';
import { browserFor, launchConfigOf, refusalOf } from './support/scenario.js';

/**
 * The whole life of a platform: Moodle's dynamic registration, pending until a Pix admin
 * approves, then a teacher adds a Pix activity by deep linking (gradebook column
 * included) and a student opens it.
 */
describe('dynamic registration, approval, deep linking and the first launch', () => {
  let sim: PlatformSimulator;
  let tool: PixTool;
  beforeAll(async () => {
    sim = await startPlatformSimulator();
    tool = await startPixTool();
    tool.lti.provideActivityCatalog({
      async list() {
        return [{ ref: { type: 'campaign', id: 'ABCDEF123' }, title: 'Rechercher et veiller', text: 'Campagne de rentrée', scoreMaximum: 20 }];
      },
      async get(_tenant, ref) {
        return ref.type === 'campaign' && ref.id === 'ABCDEF123' ? { ref, title: 'Rechercher et veiller', text: 'Campagne de rentrée', scoreMaximum: 20 } : undefined;
      },
    });
  });
  afterAll(async () => {
    await tool.stop();
    await sim.stop();
  });

  it('goes from registration to a graded activity', async () => {
    // 1. Moodle's "Add LTI Advantage": the admin's browser opens the tool's registration URL.
    const start = await sim.startDynamicRegistration(`${tool.url}/lti/register`);
    const nav = await new LtiBrowser().navigate({ method: 'GET', url: start.url });
    expect(nav.page.status).toBe(200);
    expect(nav.page.text()).toContain('Un administrateur Pix doit maintenant valider');
    const toolType = sim.pendingTools().find((t) => t.clientId === start.clientId)!;
    expect(toolType).toMatchObject({ sendName: false, sendEmail: false, contentItem: true, memberships: true, gradeSync: 2 });
    const [registration] = await tool.lti.registrations.list({ status: 'pending' });
    expect(registration).toMatchObject({ issuer: sim.issuer, clientId: start.clientId, deploymentIds: [toolType.id], productFamily: 'moodle' });
    sim.activateTool(toolType.id);

    const course = sim.addCourse({ shortname: '3B-NUM', fullname: '3e B — Numérique' });
    const teacher = sim.addUser({ firstname: 'Claire', lastname: 'Martin' });
    const student = sim.addUser({ firstname: 'Léa', lastname: 'Bernard' });
    sim.enrol(teacher.id, course.id, 'editingteacher');
    sim.enrol(student.id, course.id, 'student');

    // 2. Pending: the platform cannot launch yet.
    const refused = await deepLinkAs(browserFor().browser, sim, { userId: teacher.id, courseId: course.id, toolId: toolType.id });
    expect(refusalOf(refused.page)).toBe('LTI_PLATFORM_NOT_ACTIVE');

    // 3. A Pix admin approves; the teacher adds the activity through the plain picker.
    await tool.lti.registrations.changeStatus(registration!.id, 'approve', 'admin-test');
    const { browser } = browserFor('blocked');
    const dl = await deepLinkAs(browser, sim, { userId: teacher.id, courseId: course.id, toolId: toolType.id, data: 'csrf-data-42' });
    expect(launchConfigOf(dl.page).view).toBe('deep-linking');
    const opened = await browser.submit(dl.page.form({ action: /\/lti\/deep-linking\/picker$/ })!);
    const picker = opened.page.form({ action: /\/lti\/deep-linking\/submit$/ })!;
    const back = await browser.submit(picker, { items: 'campaign:ABCDEF123' });
    expect(back.page.status).toBe(200);
    const activity = [...sim.platform.site.activities.values()].find((a) => a.courseId === course.id)!;
    expect(activity).toMatchObject({ name: 'Rechercher et veiller', instructorCustomParameters: { pix_activity: 'campaign:ABCDEF123' } });
    const columns = sim.gradebook(course.id);
    expect(columns.map((c) => ({ name: c.item.itemname, max: c.item.grademax }))).toContainEqual({ name: 'Rechercher et veiller', max: 20 });

    // 4. The student opens it, with third-party cookies blocked.
    const launch = await launchAs(browserFor('blocked').browser, sim, { userId: student.id, activityId: activity.id });
    expect(launchConfigOf(launch.page)).toMatchObject({ view: 'learner', activity: { type: 'campaign', id: 'ABCDEF123' } });
  });
});
