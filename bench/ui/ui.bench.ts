// `npm run bench:ui`: what the student player costs a pupil's browser.
// - playerGzipKb: gzipped size of everything a French learner's launch loads (the entry
//   and its static imports, followed through Vite's manifest); budget 40 kB.
// - firstChallengeMs: on the real product on loopback — the whole tool (composition root,
//   real database) and the Moodle-shaped demo LMS on another site (127.0.0.1 vs localhost),
//   the adaptive test added by deep linking — from the student opening the activity in the
//   LMS (navigation start of the LMS's activity page; the LTI login, the platform's auth and
//   the launch run in its iframe) to the first question being answerable (heading focused,
//   inputs live), clicking "Commencer" as soon as it shows; median of 20 cold runs (fresh
//   browser context and a different student each time, third-party cookies blocked); goal < 1 s.
//   Also reported: launchPageMs, the part from the launch page's own navigation start (the
//   platform's POST /lti/launch) to the same moment.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
// @ts-expect-error plain .mjs helper shared with `npm start`
import { ensureBuilt, PACKAGE_DIR } from '../../web-components/scripts/ensure-built.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../../web-components/testing/chromium.js';
import { startUiStack } from './real-stack.js';

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

/** Clicks "Commencer" (or "Reprendre") in the tool's page as soon as it shows, checking every 5 ms. */
const PRESS_START = `function (toolOrigin) {
  if (location.origin !== toolOrigin) return;
  function find(root) {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'BUTTON' && /^(Commencer|Reprendre)$/.test((el.textContent || '').trim())) return el;
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return undefined;
  }
  const timer = setInterval(function () {
    const button = find(document);
    if (button) {
      clearInterval(timer);
      button.click();
    }
  }, 5);
}`;

const stack = await startUiStack({ students: RUNS });
console.log(`  tool ${stack.toolUrl}, demo LMS ${stack.lms.url}, database ${stack.database}, activity « ${stack.activity.name} »`);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
const times: number[] = [];
const launchPageTimes: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    // The pupil clicks "Commencer" the moment it shows: done in the page (checked every 5 ms), so the figure is the product's, not the driver's round trips.
    // (A script string: tsx would wrap a function's inner helpers with names the page does not have.)
    await context.addInitScript(`(${PRESS_START})(${JSON.stringify(new URL(stack.toolUrl).origin)})`);
    const page = await context.newPage();
    // The pupil is logged in to the LMS already (not measured).
    await page.goto(`${stack.lms.url}/login/index.php?user=${stack.students[run]!.id}&next=/`);
    await page.goto(`${stack.lms.url}/mod/lti/view.php?id=${stack.activity.cmid}`, { waitUntil: 'commit' });
    const frame = (await (await page.waitForSelector('iframe.lti'))!.contentFrame())!;
    await frame.waitForURL(`${stack.toolUrl}/lti/launch`, { waitUntil: 'commit' });
    if (!frame.url().startsWith(stack.toolUrl)) throw new Error(`the LMS frame is not the tool's launch page: ${frame.url()}`);
    await frame.waitForFunction(() => performance.getEntriesByName('pix:challenge-interactive').length > 0, undefined, { polling: 'raf' });
    // Each document's clock starts at its own navigation: put both on the epoch to span the frame's.
    const inFrame = await frame.evaluate(() => ({ origin: performance.timeOrigin, mark: performance.getEntriesByName('pix:challenge-interactive')[0]!.startTime }));
    const topOrigin = await page.evaluate(() => performance.timeOrigin);
    times.push(inFrame.origin + inFrame.mark - topOrigin);
    launchPageTimes.push(inFrame.mark);
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
console.log(`  runs (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);
console.log(`  launch page → first question (ms): ${launchPageTimes.map((t) => t.toFixed(0)).join(' ')}`);
console.log(`ui: playerGzipKb=${playerGzipKb.toFixed(1)} firstChallengeMs=${median(times).toFixed(0)} launchPageMs=${median(launchPageTimes).toFixed(0)} runs=${RUNS} database=${stack.database}`);
