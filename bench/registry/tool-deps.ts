import { createCertificationModule } from '../../lti-tool/src/certification/certification.module.js';
import { gridEapModel } from '../../lti-tool/src/certification/testing/grid-eap-model.js';
import { seedPublishedSession } from '../../lti-tool/src/certification/testing/seed.js';
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
        const { courseIds } = await seedPublishedSession(certification.deps, { uai, academyId, candidates: n, seed: s + 1 });
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
