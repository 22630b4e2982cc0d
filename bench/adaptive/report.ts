/** The benchmark's table and its last line. */
import type { Job, JobResult } from './jobs.js';
import type { LatencyFigures } from './latency.js';
import type { RecordMetrics } from './metrics.js';
import type { SmartRandomFigures } from './smart-random-sim.js';
import { fmt, summarise, type Summary } from './stats.js';

type FlashResult = Extract<JobResult, { kind: 'flash' }>;
type FlashJob = Extract<Job, { kind: 'flash' }>;

interface Group {
  metrics: RecordMetrics[];
  seeds: number[];
}

function groupKey(job: FlashJob): string {
  return `${job.engine}|${job.perCompetence}|${job.misfit ? 'misfit' : 'nominal'}|${job.length}`;
}

function collect(results: JobResult[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const r of results) {
    if (r.kind !== 'flash') continue;
    const job = r.job as FlashJob;
    const key = groupKey(job);
    const g = groups.get(key) ?? { metrics: [], seeds: [] };
    g.metrics.push((r as FlashResult).metrics);
    g.seeds.push(job.seed);
    groups.set(key, g);
  }
  return groups;
}

const s = (g: Group, f: (m: RecordMetrics) => number): Summary => summarise(g.metrics.map(f));
const pooled = (g: Group, f: (m: RecordMetrics) => number[]): number[] => {
  const arrays = g.metrics.map(f);
  return arrays[0].map((_, n) => arrays.reduce((acc, a) => acc + a[n], 0) / arrays.length);
};

export interface EngineFigures {
  rmse10: Summary;
  rmse16: Summary;
  rmse20: Summary;
  rmse32: Summary;
  maxBias: number;
  maxBiasAt: number;
  bias5: number;
  seRatioMin: number;
  seRatioMax: number;
  seRatio32: number;
  maxExposure: Summary;
  overlap: Summary;
  perCompetence: string;
  gapViolations: number;
  se30Median: Summary;
  se30P90: Summary;
  meshExact: Summary;
  meshWithinOne: Summary;
  tailRmse: Summary;
  tailRmseByEstimate: Summary;
}

function figures(g: Group): EngineFigures {
  const bias = pooled(g, (m) => m.bias);
  const ratio = pooled(g, (m) => m.seRatio);
  let maxBias = 0;
  let maxBiasAt = 5;
  for (let n = 4; n < bias.length; n++) {
    if (Math.abs(bias[n]) > Math.abs(maxBias)) {
      maxBias = bias[n];
      maxBiasAt = n + 1;
    }
  }
  const from10 = ratio.slice(9);
  const pcMin = Math.min(...g.metrics.map((m) => m.perCompetenceMin));
  const pcMax = Math.max(...g.metrics.map((m) => m.perCompetenceMax));
  return {
    rmse10: s(g, (m) => m.rmse[9]),
    rmse16: s(g, (m) => m.rmse[15]),
    rmse20: s(g, (m) => m.rmse[19]),
    rmse32: s(g, (m) => m.rmse[m.rmse.length - 1]),
    maxBias,
    maxBiasAt,
    bias5: bias[4],
    seRatioMin: Math.min(...from10),
    seRatioMax: Math.max(...from10),
    seRatio32: ratio[ratio.length - 1],
    maxExposure: s(g, (m) => m.maxExposure),
    overlap: s(g, (m) => m.overlap),
    perCompetence: pcMin === pcMax ? `${pcMin}±0` : `${pcMin}..${pcMax}`,
    gapViolations: g.metrics.reduce((acc, m) => acc + m.gapViolations, 0),
    se30Median: s(g, (m) => m.itemsToSe30Median),
    se30P90: s(g, (m) => m.itemsToSe30P90),
    meshExact: s(g, (m) => m.meshExact * 100),
    meshWithinOne: s(g, (m) => m.meshWithinOne * 100),
    tailRmse: s(g, (m) => m.tailRmse),
    tailRmseByEstimate: s(g, (m) => m.tailRmseByEstimate),
  };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const ok = (pass: boolean) => (pass ? 'yes' : 'NO');

export function printReport(input: { results: JobResult[]; latency: LatencyFigures; simulees: number; seeds: number[]; quick: boolean; seconds: number }): void {
  const { results, latency, simulees, seeds } = input;
  const groups = collect(results);
  const get = (engine: string, k = 40, misfit = false, length = 32) => groups.get(`${engine}|${k}|${misfit ? 'misfit' : 'nominal'}|${length}`);
  const ours = figures(get('ours')!);
  const columns: [string, EngineFigures | null][] = [
    ['ours (flash)', ours],
    ['reference MFI+EAP', get('ref') ? figures(get('ref')!) : null],
    ['Pix replica θ₀=−3', get('pix') ? figures(get('pix')!) : null],
    ['Pix replica θ₀=0', get('pix0') ? figures(get('pix0')!) : null],
  ];
  const degradation = (engine: string): Summary | null => {
    const nominal = get(engine);
    const misfit = get(engine, 40, true);
    if (!nominal || !misfit) return null;
    return summarise(misfit.metrics.map((m, i) => (m.rmse[31] / nominal.metrics[i].rmse[31] - 1) * 100));
  };
  const rasch = results.filter((r): r is Extract<JobResult, { kind: 'rasch' }> => r.kind === 'rasch');
  const raschMedian = summarise(rasch.map((r) => r.itemsMedian));
  const raschP90 = summarise(rasch.map((r) => r.itemsP90));
  const smart = results.filter((r): r is Extract<JobResult, { kind: 'smart-random' }> => r.kind === 'smart-random').map((r) => r.figures);

  const col = (f: (e: EngineFigures) => string) => columns.map(([, e]) => (e ? f(e) : '—'));
  const oursDeg = degradation('ours');
  const refDeg = degradation('ref');
  const rows: string[][] = [
    ['B1 RMSE@32', ...col((e) => fmt(e.rmse32)), '≤ .215 with B4+B5', ok(ours.rmse32.mean <= 0.215)],
    ['B2 RMSE@16', ...col((e) => fmt(e.rmse16)), '≤ .30', ok(ours.rmse16.mean <= 0.3)],
    ['B2 RMSE@20', ...col((e) => fmt(e.rmse20)), '≤ .27', ok(ours.rmse20.mean <= 0.27)],
    ['   RMSE@10', ...col((e) => fmt(e.rmse10)), '', ''],
    ['B3 max |bias| n≥5 (at n)', ...col((e) => `${e.maxBias.toFixed(3)} (${e.maxBiasAt})`), '≤ .03', ok(Math.abs(ours.maxBias) <= 0.03)],
    ['   bias@5', ...col((e) => e.bias5.toFixed(3)), '', ''],
    ['B4 max exposure', ...col((e) => fmt(e.maxExposure)), '≤ .25', ok(ours.maxExposure.mean <= 0.25 + 1e-9)],
    ['B4 overlap', ...col((e) => fmt(e.overlap)), '≤ .15', ok(ours.overlap.mean <= 0.15)],
    ['B5 items per competence', ...col((e) => e.perCompetence), '2±0', ok(ours.perCompetence === '2±0')],
    ['B5 same competence within 2', ...col((e) => String(e.gapViolations)), '0', ok(ours.gapViolations === 0)],
    ['B6 items to SE≤.3 median', ...col((e) => fmt(e.se30Median, 1)), '≤ 15', ok(ours.se30Median.mean <= 15)],
    ['B6 items to SE≤.3 p90', ...col((e) => fmt(e.se30P90, 1)), '≤ 19', ok(ours.se30P90.mean <= 19)],
    ['B7 SE÷RMSE, n=10…32', ...col((e) => `${e.seRatioMin.toFixed(3)}–${e.seRatioMax.toFixed(3)}`), '0.95–1.05', ok(ours.seRatioMin >= 0.95 && ours.seRatioMax <= 1.05)],
    ['B8 exact mesh level %', ...col((e) => fmt(e.meshExact, 1)), '≥ 84', ok(ours.meshExact.mean >= 84)],
    ['B8 within one level %', ...col((e) => fmt(e.meshWithinOne, 2)), '≥ 99.9', ok(ours.meshWithinOne.mean >= 99.9)],
    ['B9 tail RMSE |θ|>1.5', ...col((e) => fmt(e.tailRmse)), '≤ .235', ok(ours.tailRmse.mean <= 0.235)],
    ['   tail RMSE |θ̂|>1.5', ...col((e) => fmt(e.tailRmseByEstimate)), '', ''],
    ['B10 misfit RMSE@32 change %', oursDeg ? fmt(oursDeg, 1) : '—', refDeg ? fmt(refDeg, 1) : '—', '—', '—', '≤ 10', ok(oursDeg !== null && oursDeg.mean <= 10)],
  ];
  const out: string[] = [];
  out.push(`\nPixSim-v1 (16 competences × 40 items, 5 tubes each; content's generator), θ ~ N(0,1), N=${simulees} per seed, seeds ${seeds.join(',')}: mean ± 95 % CI over seeds.`);
  out.push('Ours and the Pix replica keep one question per tube; the reference MFI+EAP has no rule at all.\n');
  out.push(table(['metric', ...columns.map(([n]) => n), 'goal', 'ours meets'], rows));

  const frontier = ['ours-free', 'ours-kappa:0', 'ours-kappa:1', 'ours-kappa:1.5', 'ours', 'ours-kappa:3', 'ours-notube'].filter((e) => get(e));
  if (frontier.length > 1) {
    // Paired: every variant on the same seeds (those the variants ran), so the differences are not seed noise.
    const common = get(frontier[0])!.seeds;
    const onCommon = (e: string): Group => {
      const g = get(e)!;
      const keep = g.seeds.map((seed, i) => (common.includes(seed) ? i : -1)).filter((i) => i >= 0);
      return { metrics: keep.map((i) => g.metrics[i]), seeds: keep.map((i) => g.seeds[i]) };
    };
    const base = figures(onCommon('ours'));
    out.push(`\nPrecision against exposure, paired on seeds ${common.join(',')} (ours, content balancing and tube rule on; r_max .25 except "no exposure control"; κ = overlap penalty, default 1.75):\n`);
    out.push(
      table(
        ['variant', 'RMSE@32', 'Δ vs default', 'RMSE@20', 'max exposure', 'overlap', 'exact mesh %'],
        frontier.map((e) => {
          const f = figures(onCommon(e));
          const label = e === 'ours' ? 'κ=1.75 (default)' : e === 'ours-free' ? 'no exposure control' : e === 'ours-notube' ? 'κ=1.75, tube rule off' : `κ=${e.split(':')[1]}`;
          const delta = f.rmse32.mean - base.rmse32.mean;
          return [label, f.rmse32.mean.toFixed(3), `${delta >= 0 ? '+' : ''}${delta.toFixed(3)}`, f.rmse20.mean.toFixed(3), f.maxExposure.mean.toFixed(3), f.overlap.mean.toFixed(3), f.meshExact.mean.toFixed(1)];
        }),
      ),
    );
  }
  const scale = [['ours', get('ours', 250)], ['reference MFI+EAP', get('ref', 250)]].filter(([, g]) => g) as [string, NonNullable<ReturnType<typeof get>>][];
  if (scale.length > 0) {
    out.push('\nScale: PixSim-v1 K=250 (4000 items), one seed:\n');
    out.push(table(['engine', 'RMSE@32', 'RMSE@20', 'max exposure', 'overlap', 'exact mesh %'], scale.map(([n, g]) => {
      const f = figures(g);
      return [n, fmt(f.rmse32), fmt(f.rmse20), fmt(f.maxExposure), fmt(f.overlap), fmt(f.meshExact, 1)];
    })));
  }
  const campaign = get('ours-campaign', 40, false, 48);
  if (campaign) {
    const f = figures(campaign);
    out.push(`\nFLASH campaign mode (48 questions, no exposure control): RMSE@48 ${fmt(f.rmse32)}, RMSE@20 ${fmt(f.rmse20)}, max |bias| ${Math.abs(f.maxBias).toFixed(3)}, SE÷RMSE ${f.seRatioMin.toFixed(3)}–${f.seRatioMax.toFixed(3)}`);
  }
  out.push(`\nB13 Rasch500 sanity (Fisher SE 1/√ΣI(θ̂), MFI): items to SE≤.3 median ${fmt(raschMedian, 1)}, p90 ${fmt(raschP90, 1)} (floor 44.4)`);
  const sr = (f: (x: SmartRandomFigures) => number) => summarise(smart.map(f));
  out.push(
    `\nSmart random, sample-like bank (16 competences × 3 tubes, 240 skills): campaign questions mean ${fmt(sr((x) => x.campaignQuestionsMean), 1)} (p90 ${fmt(sr((x) => x.campaignQuestionsP90), 1)}); ` +
      `competence evaluation mean ${fmt(sr((x) => x.competenceQuestionsMean), 1)}; stop rule reached ${(Math.min(...smart.map((x) => x.stopReached)) * 100).toFixed(1)} %; ` +
      `deterministic ${smart.every((x) => x.deterministic) ? 'yes' : 'NO'}; competence level exact ${fmt(sr((x) => x.levelExact * 100), 1)} %, within one ${fmt(sr((x) => x.levelWithinOne * 100), 1)} %; ` +
      `timed after timed ${smart.reduce((a, x) => a + x.timedAfterTimed, 0)} (only when nothing else was left); next challenge (measured alone, below) p50/p99 ${latency.smartRandomP50Ms.toFixed(3)}/${latency.smartRandomP99Ms.toFixed(2)} ms, CPU p99 ${latency.smartRandomP99CpuMs.toFixed(2)} ms`,
  );
  out.push(
    `\nLatency (every rule on): select() p50/p99 1k ${latency.selectP50Ms['1k'].toFixed(3)}/${latency.selectP99Ms['1k'].toFixed(3)} ms, ` +
      `10k ${latency.selectP50Ms['10k'].toFixed(3)}/${latency.selectP99Ms['10k'].toFixed(3)} ms, 100k ${latency.selectP50Ms['100k'].toFixed(2)}/${latency.selectP99Ms['100k'].toFixed(2)} ms ` +
      `(goal ≤ 0.3/1/10); update() p50/p99 ${latency.updateP50Ms.toFixed(4)}/${latency.updateP99Ms.toFixed(4)} ms (goal ≤ 0.05). ` +
      `Wall clock, median of ${5} rounds; CPU-time p99 (no preemption): select ${latency.selectP99CpuMs['1k'].toFixed(3)}/${latency.selectP99CpuMs['10k'].toFixed(3)}/${latency.selectP99CpuMs['100k'].toFixed(2)} ms, update ${latency.updateP99CpuMs.toFixed(3)} ms (1 µs resolution)`,
  );
  out.push(`\n(${input.quick ? 'quick' : 'full'} run, ${input.seconds.toFixed(0)} s)\n`);
  const seRatioWorst = Math.abs(ours.seRatioMin - 1) > Math.abs(ours.seRatioMax - 1) ? ours.seRatioMin : ours.seRatioMax;
  const last = [
    `rmse32=${ours.rmse32.mean.toFixed(3)}`,
    `rmse16=${ours.rmse16.mean.toFixed(3)}`,
    `rmse20=${ours.rmse20.mean.toFixed(3)}`,
    `maxBias=${Math.abs(ours.maxBias).toFixed(3)}`,
    `maxExposure=${ours.maxExposure.mean.toFixed(3)}`,
    `overlap=${ours.overlap.mean.toFixed(3)}`,
    `perCompetence=${ours.perCompetence}`,
    `itemsToSE30Median=${ours.se30Median.mean.toFixed(1)}`,
    `itemsToSE30P90=${ours.se30P90.mean.toFixed(1)}`,
    `seRatio=${seRatioWorst.toFixed(3)}`,
    `meshExact=${ours.meshExact.mean.toFixed(1)}%`,
    `tailRmse=${ours.tailRmse.mean.toFixed(3)}`,
    `misfitDegradation=${oursDeg ? oursDeg.mean.toFixed(1) : 'n/a'}%`,
    `select1kP99Ms=${latency.selectP99Ms['1k'].toFixed(3)}`,
    `select10kP99Ms=${latency.selectP99Ms['10k'].toFixed(3)}`,
    `select100kP99Ms=${latency.selectP99Ms['100k'].toFixed(2)}`,
    `updateP99Ms=${latency.updateP99Ms.toFixed(4)}`,
    `select1kP99CpuMs=${latency.selectP99CpuMs['1k'].toFixed(3)}`,
    `select10kP99CpuMs=${latency.selectP99CpuMs['10k'].toFixed(3)}`,
    `select100kP99CpuMs=${latency.selectP99CpuMs['100k'].toFixed(2)}`,
    `updateP99CpuMs=${latency.updateP99CpuMs.toFixed(3)}`,
    `smartRandomNextP99Ms=${latency.smartRandomP99Ms.toFixed(2)}`,
    `rasch500Items=${raschMedian.mean.toFixed(1)}`,
    `pixRmse32=${columns[2][1]?.rmse32.mean.toFixed(3) ?? 'n/a'}`,
    `refRmse32=${columns[1][1]?.rmse32.mean.toFixed(3) ?? 'n/a'}`,
    `tailRmseByEstimate=${ours.tailRmseByEstimate.mean.toFixed(3)}`,
    `smartRandomQuestions=${sr((x) => x.campaignQuestionsMean).mean.toFixed(1)}`,
    `smartRandomLevelExact=${(sr((x) => x.levelExact).mean * 100).toFixed(1)}%`,
  ];
  out.push(`adaptive: ${last.join(' ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
