import type { Router } from 'express';
import type { Config } from './config.js';
import type { AppDatabase } from './database/connection.js';
import type { ExpirySweeper } from './database/expiry-sweeper.js';
import type { Logger } from './logger.js';
import type { PageOrigins } from './http/page-cors.js';
import type { PersonalDataProvider } from './privacy/personal-data.js';

/** What every feature module receives from the platform. */
export interface AppContext {
  config: Config;
  log: Logger;
  db: AppDatabase;
  expiry: ExpirySweeper;
}

/**
 * A feature module (lti, campaigns, certification…) as the platform sees it:
 * routes to mount, and background work that starts after the server listens and
 * stops, drained, before the database closes.
 */
export interface AppModule {
  name: string;
  routes?(router: Router): void;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
  /** Where this module keeps personal data: exported on a GDPR request, purged past retention (platform/privacy). */
  personalData?: PersonalDataProvider[];
  /** Origins of pages allowed to call the bearer-token API cross-origin (CORS, platform/http/page-cors.ts). */
  pageOrigins?: PageOrigins;
  /** Paths under /api that are server-to-server only: never CORS, whatever the origin. */
  serverOnlyPaths?: string[];
}
