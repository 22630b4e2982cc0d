import type { Express } from 'express';
import { flashScoringModel } from '../../adaptive/index.js';
import { createContentModule, type ContentModule } from '../../content/content.module.js';
import { testContext } from '../../content/testing/content-context.js';
import { LaunchSessionsRepository } from '../../lti/session/launch-sessions.repository.js';
import { LaunchSessions } from '../../lti/session/launch-sessions.js';
import { requireLaunch } from '../../lti/session/require-launch.js';
import { createTestLaunch } from '../../lti/session/testing.js';
import { createTestApp } from '../../platform/testing/test-app.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { createCertificationModule, type CertificationModule } from '../certification.module.js';
import type { AdminAccess } from '../http/admin-access.js';

/** A clock the tests move (time limits, pauses). */
export class MovableClock {
  constructor(public current = new Date('2026-03-10T08:00:00Z')) {}
  now = (): Date => new Date(this.current.getTime());
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

const allAcademies: AdminAccess = { requireAdmin: (_req, _res, next) => next(), academiesOf: () => 'all' };

export interface CandidateHarness {
  db: TestDatabase;
  app: Express;
  clock: MovableClock;
  content: ContentModule;
  certification: CertificationModule;
  /** A learner's bearer token from a launch (LTI or ENT alike). */
  learner(sub: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The certification module on the real test database with the open sample bank (the live
 * flash test), real launch sessions, the real flash scoring, the candidate and invigilator
 * APIs and the centre's admin API (every academy), and a clock the test moves.
 */
export async function createCandidateHarness(label: string): Promise<CandidateHarness> {
  const db = await openTestDatabase(label);
  const ctx = testContext(db);
  const content = createContentModule(ctx, { refreshIntervalMs: 60_000 });
  await content.loadSampleBankIfEmpty();
  const sessions = new LaunchSessions(new LaunchSessionsRepository(db));
  const certification = createCertificationModule(ctx, { scoring: flashScoringModel(), content: content.content, candidateGuard: requireLaunch(sessions, { roles: ['learner'] }) });
  const clock = new MovableClock();
  certification.deps.clock = clock.now;
  const app = createTestApp((router) => {
    certification.routes!(router);
    certification.adminRoutes(allAcademies)(router);
  });
  return {
    db,
    app,
    clock,
    content,
    certification,
    learner: async (sub) => (await createTestLaunch(sessions, { user: { sub }, activity: { type: 'certification', id: 'session' } })).token,
    async close() {
      await certification.stop?.();
      await db.drop();
    },
  };
}
