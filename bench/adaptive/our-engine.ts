/** The product's flash engine, driven by the simulation (exposure counts kept across tests as the service would). */
import { FlashSession, type FlashEngineConfig } from '../../lti-tool/src/adaptive/domain/flash/flash-session.js';
import type { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import type { Random } from '../../lti-tool/src/adaptive/domain/random.js';
import type { SimEngine, SimTest } from './engine.js';

export function ourFlashEngine(pool: FlashItemPool, config: FlashEngineConfig, name = 'ours'): SimEngine {
  const counts = new Uint32Array(pool.size);
  let testsStarted = 0;
  return {
    name,
    newTest(random: Random): SimTest {
      testsStarted++;
      const session = new FlashSession(pool, config);
      return {
        next() {
          if (session.endReason() !== null) return -1;
          const item = session.select(random, { counts, testsStarted });
          if (item >= 0) counts[item]++;
          return item;
        },
        answer: (i, correct) => session.answer(i, correct),
        estimate: () => session.estimate(),
      };
    },
  };
}
