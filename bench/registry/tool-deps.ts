import { createCertificationModule } from '../../lti-tool/src/certification/certification.module.js';
import { gridEapModel } from '../../lti-tool/src/certification/testing/grid-eap-model.js';
import { finaliseSession } from '../../lti-tool/src/certification/application/finalise-session.js';
import { publishSession } from '../../lti-tool/src/certification/application/publish-session.js';
import { seedFinishedSession } from '../../lti-tool/src/certification/testing/seed.js';
import { createKeysModule } from '../../lti-tool/src/keys/keys.module.js';
import type { Config } from '../../lti-tool/src/platform/config.js';
import type { AppDatabase } from '../../lti-tool/src/platform/database/connection.js';
import { ExpirySweeper } from '../../lti-tool/src/platform/database/expiry-sweeper.js';
import type { Logger } from '../../lti-tool/src/platform/logger.js';
import type { AppContext } from '../../lti-tool/src/platform/module.js';
import { configureEndpoint } from '../../lti-tool/src/registry/application/configure-endpoint.js';
import { createRegistryModule } from '../../lti-tool/src/registry/registry.module.js';

/**
 * The certification and registry services on a database, as the bench's "school side":
 * it publishes results (real finalisation and publication use cases; the grid EAP model
 * stands in for the flash engine, which delivery does not depend on) and reads the outbox.
 */
export async function schoolSide(config: Config, db: AppDatabase, log: Logger) {
  const ctx: AppContext = { config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, 60_000) };
  const keys = await createKeysModule(ctx);
  const certification = createCertificationModule(ctx, { scoring: gridEapModel() });
  const registry = createRegistryModule(ctx, { keys: keys.store, certification });
  return {
    keys,
    certification,
    registry,
    configure: (academyId: string, url: string, token: string) => configureEndpoint({ academyId, url, auth: { kind: 'bearer', token } }, registry.deps),
    /** Publishes `total` results in sessions of 25 candidates (a class), 32 answers each. */
    async publish(total: number, academyId: string, onProgress?: (done: number) => void): Promise<string[]> {
      const ids: string[] = [];
      for (let s = 0; ids.length < total; s++) {
        const n = Math.min(25, total - ids.length);
        const uai = `07${String(100000 + s).slice(1)}X`;
        // Local FerretDB (SQLite) may answer "database is locked" under heavy load; finalisation and
        // publication are safe to run again, which is what a school would do.
        const { sessionId, courseIds } = await retry(() => seedFinishedSession(certification.deps, { uai, academyId, candidates: n, seed: s + 1 }));
        await retry(() => finaliseSession({ sessionId, scope: 'all' }, certification.deps).catch(ignoreIfAlready));
        await retry(() => publishSession({ sessionId, scope: 'all' }, certification.deps).then(() => undefined).catch(ignoreIfAlready));
        ids.push(...courseIds);
        onProgress?.(ids.length);
      }
      return ids;
    },
    async states(): Promise<Record<string, number>> {
      return registry.deps.outbox.counts('all');
    },
  };
}

async function retry<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await step();
    } catch (err) {
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 1000 * i));
    }
  }
}

/** A step that had in fact succeeded before its error (the session moved on) is done. */
function ignoreIfAlready(err: unknown): void {
  if ((err as { code?: string }).code === 'SESSION_STATE_FORBIDS') return;
  throw err;
}
