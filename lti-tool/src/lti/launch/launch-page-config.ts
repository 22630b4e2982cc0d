import type { ActivityRef } from '../session/launch-session.js';

/**
 * The contract between the launch page and the web components (`<pix-launch-app>`,
 * helper "web"): the page carries it as JSON in
 * `<script type="application/json" id="pix-launch-config">`. Keep it stable; add only
 * optional fields.
 */
export interface LaunchPageConfig {
  /** Bearer token of the launch session: send it as `Authorization: Bearer <token>` to `apiBase`. */
  token: string;
  /** Absolute base URL of the REST API, e.g. `https://pix-lti.example.org/api` (no trailing slash). */
  apiBase: string;
  /** Which screen to show: a learner's activity, the instructor's dashboard, or the deep-linking picker. */
  view: 'learner' | 'instructor' | 'deep-linking';
  /** The Pix activity the resource link opens (from its custom parameters); absent when none is linked yet. */
  activity?: ActivityRef;
  /** BCP 47 locale, `fr` by default (`launch_presentation.locale` of the launch). */
  locale: string;
  /** The course the activity was opened from. */
  context?: { id: string; label?: string; title?: string };
  /** The LMS resource link (the activity as the course shows it). */
  resourceLink?: { id: string; title?: string };
  /** Only for `view: 'deep-linking'`. */
  deepLinking?: {
    /** `GET` here (with the bearer token) lists the activities the teacher can add. */
    itemsUrl: string;
    /** `POST { items: ActivityRef[] }` here returns `{ returnUrl, jwt }`; auto-post `JWT=<jwt>` to `returnUrl` in a form. */
    responseUrl: string;
    acceptMultiple: boolean;
    acceptTypes: string[];
  };
  /** Only what the registration opted in to share; usually nothing (students are minors). */
  user: { displayName?: string };
}
