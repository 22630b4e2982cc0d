/**
 * `npm run bench:adaptive [-- --quick]`: the flash engine against the reference engines on
 * PixSim-v1 (B1–B13 of adaptive.md §5), the FLASH-campaign mode, smart random on a
 * sample-like bank, and selection/update latency. Simulations run in worker threads; the
 * latency runs alone afterwards. The last line is `adaptive: key=value …`.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Job, JobResult } from './adaptive/jobs.js';
import { measureLatency } from './adaptive/latency.js';
import { printReport } from './adaptive/report.js';

type FlashJob = Extract<Job, { kind: 'flash' }>;

const quick = process.argv.includes('--quick');
const simulees = quick ? 1000 : 5000;
const seeds = quick ? [1, 2] : [1, 2, 3, 4, 5];

function plan(): Job[] {
  const jobs: Job[] = [];
  const flash = (engine: FlashJob['engine'], extra: Partial<FlashJob> = {}, seedList = seeds) => {
    for (const seed of seedList) jobs.push({ kind: 'flash', engine, perCompetence: 40, seed, simulees, length: 32, ...extra });
  };
  // The slow ones first so the pool drains evenly.
  flash('pix');
  flash('ours');
  flash('ours', { misfit: true });
  flash('ref');
  flash('ref', { misfit: true });
  flash('pix0', {}, seeds.slice(0, 2));
  flash('ours-campaign', { length: 48 }, seeds.slice(0, 2));
  if (!quick) {
    for (const engine of ['ours-free', 'ours-notube', 'ours-kappa:0', 'ours-kappa:1', 'ours-kappa:1.5', 'ours-kappa:3'] as const) flash(engine, {}, seeds.slice(0, 2));
    flash('ours', { perCompetence: 250 }, [1]);
    flash('ref', { perCompetence: 250 }, [1]);
  }
  for (const seed of seeds) jobs.push({ kind: 'rasch', seed, simulees: quick ? 300 : 1000 });
  for (const seed of seeds) jobs.push({ kind: 'smart-random', seed, simulees: quick ? 60 : 200 });
  return jobs;
}

async function runAll(jobs: Job[]): Promise<JobResult[]> {
  const threads = Math.max(1, Math.min(2, os.availableParallelism()));
  const results: JobResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: threads }, async () => {
      const worker = new Worker(new URL('./adaptive/worker-entry.mjs', import.meta.url));
      try {
        while (next < jobs.length) {
          const id = next++;
          results[id] = await new Promise<JobResult>((resolve, reject) => {
            const onMessage = (message: { id: number; result?: JobResult; error?: string }) => {
              if (message.id !== id) return;
              worker.off('message', onMessage);
              if (message.error) reject(new Error(message.error));
              else resolve(message.result!);
            };
            worker.on('message', onMessage);
            worker.postMessage({ id, job: jobs[id] });
          });
          done++;
          if (process.stderr.isTTY) process.stderr.write(`\r  simulations ${done}/${jobs.length} (${Math.round((Date.now() - started) / 1000)} s)   `);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}  ${jobs.length} simulations in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return results;
}

const startedAt = Date.now();
process.stderr.write(`bench:adaptive — ${quick ? 'quick' : 'full'} run, N=${simulees}, seeds ${seeds.join(',')}\n`);
const results = await runAll(plan());
process.stderr.write('  latency…\n');
const latency = measureLatency(quick);
printReport({ results, latency, simulees, seeds, quick, seconds: (Date.now() - startedAt) / 1000 });
