// Dependency-free set-up shared by `npm start` and `npm test` on a fresh machine:
// checks Node, installs the npm workspace when needed, and (for tests) Chromium.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function fail(message) {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old: install Node 20.19 or newer.`);
}

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureInstalled() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
  if (!stale) return;
  process.stdout.write('Installing npm dependencies (npm ci)…\n');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail('npm ci failed: see the output above.');
}

/** The browser tests drive Debian's Chromium; install it with apt when we are allowed to. */
export function ensureChromium() {
  const found = process.env.CHROMIUM_PATH || CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
  if (found) return found;
  const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canApt) {
    fail('Chromium is needed for the browser tests: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).');
  }
  process.stdout.write('Installing Chromium from Debian packages (apt-get install chromium)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  if (result.status !== 0) fail('apt-get install chromium failed: see the output above.');
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) ?? fail('Chromium was installed but not found.');
}

/** Newest modification time under `dir` (files only), 0 when it does not exist. */
function newestMtime(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the admin panel (served by the tool under /admin) when dist is missing or older than its sources. */
export function ensureAdminPanelBuilt() {
  const panel = path.join(ROOT, 'admin-panel');
  const built = path.join(panel, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(panel, 'src')),
    fs.statSync(path.join(panel, 'index.html')).mtimeMs,
    newestMtime(path.join(ROOT, 'web-components', 'src', 'styles')),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  process.stdout.write('Building the admin panel (vite build)…\n');
  const result = spawnSync('npm', ['run', '--silent', 'build', '-w', '@pix-lti/admin-panel'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail('The admin panel build failed: see the output above.');
}

/** Runs a TypeScript entry point of the repository through tsx; resolves with its exit code. */
export function runTypeScript(entry, args = [], env = process.env) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  checkNode();
  ensureInstalled();
  if (process.argv.includes('--db-only')) process.exit(runTypeScript('scripts/build-database.ts'));
}
