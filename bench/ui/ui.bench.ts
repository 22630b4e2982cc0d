// `npm run bench:ui`: what the student player costs a pupil's browser.
// - playerGzipKb: gzipped size of everything a French learner's launch loads (the entry
//   and its static imports, followed through Vite's manifest); budget 40 kB.
// - firstChallengeMs: from navigation start of the launch page to the first question being
//   answerable (heading focused, inputs live), clicking "Commencer" as soon as it shows;
//   median of 20 cold runs (fresh browser context each time) on localhost; goal < 1 s.
// Measured against the fake API for now (web-components/testing/fake-api.ts); the
// integration phase points it at the real tool (BENCH_UI_URL, a launch page URL).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
// @ts-expect-error plain .mjs helper shared with `npm start`
import { ensureBuilt, PACKAGE_DIR } from '../../web-components/scripts/ensure-built.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../../web-components/testing/chromium.js';
import { startFakeApi } from '../../web-components/testing/fake-api.js';

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 20);

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

function playerFiles(dist: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]!.imports ?? []) visit(dep);
  };
  visit(entryKey);
  return [...seen].map((k) => manifest[k]!.file);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

(ensureBuilt as () => boolean)();
const dist = path.join(PACKAGE_DIR as string, 'dist');
const files = playerFiles(dist);
let gzipBytes = 0;
for (const file of files) {
  const size = zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length;
  gzipBytes += size;
  console.log(`  ${file.padEnd(48)} ${(size / 1024).toFixed(1)} kB gz`);
}
const playerGzipKb = gzipBytes / 1024;

const api = process.env.BENCH_UI_URL ? undefined : await startFakeApi();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const times: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const url = process.env.BENCH_UI_URL ?? `${api!.url}/launch?token=bench-${run}`;
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('pix-player').getByRole('button', { name: /^(Commencer|Reprendre)$/ }).click();
    const ms = await page.waitForFunction(() => performance.getEntriesByName('pix:challenge-interactive')[0]?.startTime, undefined, { polling: 'raf' });
    times.push((await ms.jsonValue()) as number);
    await context.close();
  }
} finally {
  await browser.close();
  await api?.close();
}
console.log(`  runs (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);
console.log(`ui: playerGzipKb=${playerGzipKb.toFixed(1)} firstChallengeMs=${median(times).toFixed(0)}`);
