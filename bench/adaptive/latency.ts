/**
 * B11/B12: latency of `select()` with every rule on (content balancing over 16 competences,
 * one item per tube, exposure cap and penalty with live counts) on 1k, 10k and 100k items,
 * and of `update()` (one answer into the posterior plus the new estimate).
 */
import { FlashItemPool, type FlashItem } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import { FlashSession } from '../../lti-tool/src/adaptive/domain/flash/flash-session.js';
import { CERTIFICATION_FLASH_CONFIG } from '../../lti-tool/src/adaptive/domain/flash/flash-config.js';
import { normalDraw, seededRandom } from '../../lti-tool/src/adaptive/domain/random.js';
import { COMPETENCES } from './banks.js';
import { percentile } from './stats.js';

function largePool(size: number): FlashItemPool {
  const random = seededRandom(`latency:${size}`);
  const items: FlashItem[] = [];
  for (let i = 0; i < size; i++) {
    const competenceId = COMPETENCES[i % COMPETENCES.length];
    items.push({
      id: `i${i}`,
      competenceId,
      tubeId: `${competenceId}-t${Math.floor(i / 80)}`,
      discrimination: Math.exp(Math.log(1.2) + 0.25 * normalDraw(random)),
      difficulty: 1.3 * normalDraw(random),
    });
  }
  return FlashItemPool.from(items);
}

export interface LatencyFigures {
  /** Wall clock: the median over rounds of each round's percentile (other processes share the cores). */
  selectP50Ms: Record<string, number>;
  selectP99Ms: Record<string, number>;
  /** CPU time of the calling thread: the algorithm's own cost, free of preemption. */
  selectP99CpuMs: Record<string, number>;
  updateP50Ms: number;
  updateP99Ms: number;
  updateP99CpuMs: number;
}

const ROUNDS = 5;

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

function p99Of(values: number[]): number {
  return percentile([...values].sort((x, y) => x - y), 0.99);
}

function p50Of(values: number[]): number {
  return percentile([...values].sort((x, y) => x - y), 0.5);
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

export function measureLatency(quick: boolean): LatencyFigures {
  const figures: LatencyFigures = { selectP50Ms: {}, selectP99Ms: {}, selectP99CpuMs: {}, updateP50Ms: 0, updateP99Ms: 0, updateP99CpuMs: 0 };
  const updateRounds: { wall: number[]; cpu: number[] }[] = Array.from({ length: ROUNDS }, () => ({ wall: [], cpu: [] }));
  for (const size of [1_000, 10_000, 100_000]) {
    const key = size >= 100_000 ? '100k' : size >= 10_000 ? '10k' : '1k';
    const pool = largePool(size);
    const random = seededRandom(`latency-run:${size}`);
    const counts = new Uint32Array(pool.size);
    // Pretend the bank has been in service: exposure counts from 1000 earlier tests.
    for (let k = 0; k < 32_000; k++) counts[Math.floor(random() * pool.size)]++;
    let testsStarted = 1000;
    const testsPerRound = Math.round((quick ? 0.4 : 1) * (size >= 100_000 ? 30 : 100));
    const wallP50: number[] = [];
    const wallP99: number[] = [];
    const cpuAll: number[] = [];
    for (let round = -1; round < ROUNDS; round++) {
      const wall: number[] = [];
      for (let t = 0; t < testsPerRound; t++) {
        testsStarted++;
        const session = new FlashSession(pool, CERTIFICATION_FLASH_CONFIG);
        const theta = normalDraw(random);
        for (let n = 0; n < 32; n++) {
          const cpu0 = cpuMicros();
          const started = process.hrtime.bigint();
          const item = session.select(random, { counts, testsStarted });
          const selected = process.hrtime.bigint();
          const cpu1 = cpuMicros();
          counts[item]++;
          session.answer(item, random() < 1 / (1 + Math.exp(pool.a[item] * (pool.b[item] - theta))));
          session.estimate();
          const updated = process.hrtime.bigint();
          const cpu2 = cpuMicros();
          // Round −1 warms the JIT up and is not counted.
          if (round < 0) continue;
          wall.push(Number(selected - started) / 1e6);
          cpuAll.push((cpu1 - cpu0) / 1000);
          updateRounds[round].wall.push(Number(updated - selected) / 1e6);
          updateRounds[round].cpu.push((cpu2 - cpu1) / 1000);
        }
      }
      if (round >= 0) {
        wallP50.push(p50Of(wall));
        wallP99.push(p99Of(wall));
      }
    }
    figures.selectP50Ms[key] = median(wallP50);
    figures.selectP99Ms[key] = median(wallP99);
    figures.selectP99CpuMs[key] = p99Of(cpuAll);
  }
  figures.updateP50Ms = median(updateRounds.map((r) => p50Of(r.wall)));
  figures.updateP99Ms = median(updateRounds.map((r) => p99Of(r.wall)));
  figures.updateP99CpuMs = p99Of(updateRounds.flatMap((r) => r.cpu));
  return figures;
}
