import { afterEach, describe, expect, it } from 'vitest';
import { LtiBrowser } from './browser/lti-browser.js';
import { startDemoLms, type DemoLms } from './demo/demo-lms.js';
import { FakeTool } from './testing/fake-tool.js';

let demo: DemoLms | undefined;
let tool: FakeTool | undefined;
afterEach(async () => {
  await tool?.stop();
  await demo?.stop();
  demo = undefined;
  tool = undefined;
});

describe('the demo LMS', () => {
  it('shows the demo courses and people in French and lets one log in as a student and open the activity in an iframe', async () => {
    demo = await startDemoLms({ tool: { baseUrl: 'http://127.0.0.1:9' } });
    const browser = new LtiBrowser();
    const home = await browser.request({ method: 'GET', url: `${demo.url}/` });
    expect(home.status).toBe(200);
    expect(home.document().querySelector('html')?.getAttribute('lang')).toBe('fr');
    expect(home.text()).toContain('3e B — Numérique');
    expect(home.text()).toContain('Terminale 2');
    expect(home.text()).toContain('gardées en mémoire');
    const lea = [...demo.simulator.platform.site.users.values()].find((u) => u.firstname === 'Léa')!;
    const activity = [...demo.simulator.platform.site.activities.values()][0]!;
    expect(demo.tool?.via).toBe('manual');
    const nav = await browser.navigate({ method: 'GET', url: `${demo.url}/login/index.php?user=${lea.id}&next=${encodeURIComponent(`/mod/lti/view.php?id=${activity.cmid}`)}` });
    const iframe = nav.page.document().querySelector('iframe');
    expect(iframe?.getAttribute('src')).toBe(`/mod/lti/launch.php?id=${activity.cmid}`);
    expect(iframe?.getAttribute('title')).toContain('Parcours Pix');
    expect(nav.page.text()).toContain('Connecté en tant que Léa Bernard');
  });

  it('registers the local tool by dynamic registration when the tool offers it, by hand otherwise', async () => {
    tool = await new FakeTool({ platform: { issuer: 'unused', authorizationEndpoint: 'unused', jwksUri: 'http://127.0.0.1:9/unused' } }).start();
    demo = await startDemoLms({ tool: { baseUrl: tool.url, registrationUrl: `${tool.url}/register` } });
    expect(demo.tool?.via).toBe('dynamic-registration');
    expect(demo.tool?.registration).toMatchObject({ clientId: tool.clientId, state: 'configured', origin: 'dynamic-registration' });
    await demo.stop();
    demo = await startDemoLms({ tool: { baseUrl: tool.url, registrationUrl: `${tool.url}/no-such-route` } });
    expect(demo.tool?.via).toBe('manual');
  });

  it('lets the admin activate a pending tool', async () => {
    demo = await startDemoLms();
    const pending = demo.simulator.registerTool({ name: 'Outil inscrit', state: 'pending', initiateLoginUri: 'http://127.0.0.1:9/login', toolUrl: 'http://127.0.0.1:9/launch', redirectUris: ['http://127.0.0.1:9/launch'], jwksUri: 'http://127.0.0.1:9/keys' });
    const browser = new LtiBrowser();
    const student = await browser.navigate({ method: 'GET', url: `${demo.url}/login/index.php?user=3&next=${encodeURIComponent('/admin/tool/lti/index.php')}` });
    expect(student.page.status).toBe(403);
    const admin = await browser.navigate({ method: 'GET', url: `${demo.url}/login/index.php?user=2&next=${encodeURIComponent('/admin/tool/lti/index.php')}` });
    expect(admin.page.text()).toContain('En attente');
    const after = await browser.submit(admin.page.form({ action: /\/admin\/tool\/lti\/activate$/ })!);
    expect(after.page.text()).not.toContain('En attente');
    expect(demo.simulator.platform.site.mustTool(pending.id).state).toBe('configured');
  });
});
