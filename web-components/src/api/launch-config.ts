/**
 * What the LTI launch page (lti-core, `lti-tool/src/lti/launch/launch-page-config.ts`)
 * writes into `<script type="application/json" id="pix-launch-config">`, as
 * `<pix-launch-app>` reads it. Kept structurally identical to the server's type; a
 * cross-package type test checks the two agree.
 */
export interface LaunchPageConfig {
  /** Bearer token of the launch session. */
  token: string;
  /** Base URL of the REST API, `/api` included (`https://pix-lti.example.org/api`). */
  apiBase: string;
  view: 'learner' | 'instructor' | 'deep-linking';
  activity?: { type: 'campaign' | 'competence-evaluation' | 'certification'; id: string };
  /** BCP 47 from launch_presentation.locale (e.g. `fr-FR`). */
  locale: string;
  context?: { id: string; label?: string; title?: string };
  resourceLink?: { id: string; title?: string };
  deepLinking?: { itemsUrl: string; responseUrl: string; acceptMultiple: boolean; acceptTypes: string[] };
  user: { displayName?: string };
}

/** Parses and checks the launch configuration; returns undefined when unusable. */
export function parseLaunchConfig(text: string | null | undefined): LaunchPageConfig | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const c = value as Partial<LaunchPageConfig>;
  if (typeof c !== 'object' || c === null) return undefined;
  if (typeof c.token !== 'string' || !c.token || typeof c.apiBase !== 'string') return undefined;
  if (c.view !== 'learner' && c.view !== 'instructor' && c.view !== 'deep-linking') return undefined;
  return { ...c, locale: typeof c.locale === 'string' ? c.locale : 'fr', user: c.user ?? {} } as LaunchPageConfig;
}
