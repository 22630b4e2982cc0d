/**
 * The benchmark's units of work, small and serialisable so they can run in worker threads.
 */
import { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import { CAMPAIGN_FLASH_CONFIG, CERTIFICATION_FLASH_CONFIG } from '../../lti-tool/src/adaptive/domain/flash/flash-config.js';
import type { FlashEngineConfig } from '../../lti-tool/src/adaptive/domain/flash/flash-session.js';
import { misfitParameters, pixSimBank, rasch500Bank } from './banks.js';
import type { SimEngine } from './engine.js';
import { MESH_CUTS, metricsOf, type RecordMetrics } from './metrics.js';
import { ourFlashEngine } from './our-engine.js';
import { pixFlashReplica, referenceMfiEap } from './reference-engines.js';
import { rasch500FisherItems } from './rasch-sanity.js';
import { simulate } from './simulate.js';
import { simulateSmartRandom, type SmartRandomFigures } from './smart-random-sim.js';

export type EngineName = 'ours' | 'ref' | 'pix' | 'pix0' | `ours-kappa:${number}` | 'ours-free' | 'ours-campaign';

export type Job =
  | { kind: 'flash'; engine: EngineName; perCompetence: number; seed: number; simulees: number; length: number; misfit?: boolean }
  | { kind: 'rasch'; seed: number; simulees: number }
  | { kind: 'smart-random'; seed: number; simulees: number };

export type JobResult =
  | { kind: 'flash'; job: Job; metrics: RecordMetrics; ms: number }
  | { kind: 'rasch'; job: Job; itemsMedian: number; itemsP90: number; ms: number }
  | { kind: 'smart-random'; job: Job; figures: SmartRandomFigures; ms: number };

export function engineFor(name: EngineName, pool: FlashItemPool): SimEngine {
  if (name === 'ours') return ourFlashEngine(pool, CERTIFICATION_FLASH_CONFIG, name);
  if (name === 'ref') return referenceMfiEap(pool);
  if (name === 'pix') return pixFlashReplica(pool);
  if (name === 'pix0') return pixFlashReplica(pool, { initialTheta: 0 });
  if (name === 'ours-free') return ourFlashEngine(pool, { ...CERTIFICATION_FLASH_CONFIG, exposureRMax: null }, name);
  if (name === 'ours-campaign') return ourFlashEngine(pool, CAMPAIGN_FLASH_CONFIG, name);
  const kappa = Number(name.slice('ours-kappa:'.length));
  const config: FlashEngineConfig = { ...CERTIFICATION_FLASH_CONFIG, rules: { ...CERTIFICATION_FLASH_CONFIG.rules, exposurePenalty: kappa } };
  return ourFlashEngine(pool, config, name);
}

export function runJob(job: Job): JobResult {
  const started = performance.now();
  if (job.kind === 'rasch') {
    const { median, p90 } = rasch500FisherItems(FlashItemPool.from(rasch500Bank(job.seed).items), job.simulees, job.seed);
    return { kind: 'rasch', job, itemsMedian: median, itemsP90: p90, ms: performance.now() - started };
  }
  if (job.kind === 'smart-random') {
    return { kind: 'smart-random', job, figures: simulateSmartRandom(job.simulees, job.seed), ms: performance.now() - started };
  }
  const bank = pixSimBank(job.perCompetence, job.seed);
  const pool = FlashItemPool.from(bank.items);
  const truth = job.misfit ? misfitParameters(bank.items, job.seed) : undefined;
  const record = simulate(engineFor(job.engine, pool), pool, { simulees: job.simulees, length: job.length, seed: job.seed, truth, meshCuts: MESH_CUTS });
  const metrics = metricsOf(record, { competenceCount: pool.competenceCount, minGap: 2 });
  return { kind: 'flash', job, metrics, ms: performance.now() - started };
}
