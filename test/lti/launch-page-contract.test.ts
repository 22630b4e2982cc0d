import { describe, expect, it } from 'vitest';
import type { LaunchPageConfig as ServerConfig } from '../../lti-tool/src/lti/launch/launch-page-config.js';
import { parseLaunchConfig, type LaunchPageConfig as ClientConfig } from '../../web-components/src/api/launch-config.js';
import { launchAs } from '../lti-platform/index.js';
import { browserFor, startScenario } from './support/scenario.js';

/** The launch page's JSON config is a contract between the tool and `<pix-launch-app>`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<ServerConfig, ClientConfig> = true;

describe('the launch page config contract', () => {
  it('has one shape on both sides, and what the tool writes the components accept', async () => {
    expect(sameShape).toBe(true);
    const s = await startScenario();
    try {
      const flow = await launchAs(browserFor().browser, s.sim, { userId: s.student.id, activityId: s.activity.id });
      const text = flow.page.document().querySelector('script#pix-launch-config')!.text;
      expect(parseLaunchConfig(text)).toEqual(JSON.parse(text));
    } finally {
      await s.stop();
    }
  });
});
