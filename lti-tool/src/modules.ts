import { ltiModule } from './lti/lti.module.js';
import type { ModuleFactory } from './platform/server.js';

/**
 * The composition root: every feature module the tool runs, in mount order.
 * Each entry is a factory receiving the platform context (config, logger, database).
 */
export const toolModules: ModuleFactory[] = [ltiModule];
