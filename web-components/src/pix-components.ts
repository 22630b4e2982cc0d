/**
 * The bundle's entry, served at the stable URL `/static/pix-components.js`.
 *
 * Loading it defines the student elements at once (what a learner's launch needs on its
 * critical path). The teacher and deep-linking elements live in their own chunks: they
 * are imported by `<pix-launch-app>` for those views, and, on any other page, as soon
 * as such an element appears in the document.
 */
export { PixApi, ApiRequestError, NetworkError } from './api/client.js';
export type * from './api/contract.js';
export type { LaunchPageConfig } from './api/launch-config.js';
import './components/pix-launch-app/pix-launch-app.js';
import './components/pix-campaign/pix-campaign.js';
import './components/pix-player/pix-player.js';
import { defineOnDemand } from './util/define-on-demand.js';

defineOnDemand({
  'pix-teacher-dashboard': () => import('./components/pix-teacher-dashboard/pix-teacher-dashboard.js'),
  'pix-content-picker': () => import('./components/pix-content-picker/pix-content-picker.js'),
  'pix-certification-candidate': () => import('./components/pix-certification-candidate/pix-certification-candidate.js'),
  'pix-invigilator': () => import('./components/pix-invigilator/pix-invigilator.js'),
});
