import type { PlatformSimulator } from '../simulator.js';
import type { LtiBrowser, Navigation } from './lti-browser.js';

export interface LtiFlow extends Navigation {
  /** The login-initiation fields the platform posted to the tool. */
  loginInitiation?: Record<string, string>;
  /** The authentication request the tool made to the platform. */
  authRequest?: { method: string; url: string; params: Record<string, string> };
  /** The id_token and state the platform posted to the tool's redirect_uri. */
  idToken?: string;
  state?: string;
  /** Where the id_token (or error) was posted. */
  redirectUri?: string;
  /** An OIDC error the platform posted back instead of an id_token. */
  authError?: { error: string; error_description?: string };
}

/** Reads a navigation's steps for the LTI messages that went through it. */
export function describeFlow(nav: Navigation, platformUrl: string): LtiFlow {
  const flow: LtiFlow = { ...nav };
  const authUrl = `${platformUrl}/mod/lti/auth.php`;
  for (const step of nav.steps) {
    const sent = step.sent ?? {};
    if (sent.lti_message_hint !== undefined && sent.login_hint !== undefined && sent.iss !== undefined) flow.loginInitiation = sent;
    if (step.url.startsWith(authUrl) && !sent.repost) {
      const params = { ...Object.fromEntries(new URL(step.url).searchParams), ...sent };
      flow.authRequest = { method: step.method, url: step.url, params };
    }
    if (sent.id_token !== undefined) {
      flow.idToken = sent.id_token;
      flow.state = sent.state;
      flow.redirectUri = step.url;
    } else if (sent.error !== undefined && flow.authRequest) {
      flow.authError = { error: sent.error, error_description: sent.error_description };
      flow.state = sent.state;
      flow.redirectUri = step.url;
    }
  }
  return flow;
}

/**
 * Logs in to the simulated LMS as `userId` and launches the activity inside the course page's
 * iframe (the LMS is the top-level page): login initiation → tool → auth → tool, to the tool's page.
 */
export async function launchAs(browser: LtiBrowser, simulator: PlatformSimulator, options: { userId: string; activityId: string }): Promise<LtiFlow> {
  const nav = await browser.navigate({ method: 'GET', url: simulator.launchUrl(options) }, { topLevelOrigin: simulator.url });
  return describeFlow(nav, simulator.url);
}

/** Logs in as a teacher and starts a deep-linking request ("Ajouter une activité"), up to the tool's picker. */
export async function deepLinkAs(
  browser: LtiBrowser,
  simulator: PlatformSimulator,
  options: { userId: string; courseId: string; toolId: string; data?: string },
): Promise<LtiFlow> {
  const nav = await browser.navigate({ method: 'GET', url: simulator.deepLinkUrl(options) }, { topLevelOrigin: simulator.url });
  return describeFlow(nav, simulator.url);
}
