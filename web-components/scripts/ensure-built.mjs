// Builds web-components/dist when it is missing or older than the sources: used by
// `npm start`, the browser tests and the UI benchmark (dependency-free: plain Node).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(PACKAGE_DIR, 'dist', 'pix-components.js');

function newestMtime(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when dist/ is missing or a source file is newer than the bundle. */
export function isStale() {
  if (!fs.existsSync(BUNDLE) || !fs.existsSync(path.join(PACKAGE_DIR, 'dist', 'custom-elements.json'))) return true;
  const sources = ['src', 'vite.config.ts', 'package.json'].map((p) => newestMtime(path.join(PACKAGE_DIR, p)));
  return Math.max(...sources) > fs.statSync(BUNDLE).mtimeMs;
}

/** Builds the bundle and the custom-elements manifest if needed; throws with the build's output on failure. */
export function ensureBuilt({ quiet = false } = {}) {
  if (!isStale()) return false;
  if (!quiet) process.stdout.write('Building the web components (web-components/dist)…\n');
  // Vite picks Lit's development or production build from NODE_ENV, which the test runner sets to "test".
  const env = { ...process.env, NODE_ENV: 'production' };
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: PACKAGE_DIR, encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`web-components build failed:\n${result.stdout}\n${result.stderr}`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuilt();
