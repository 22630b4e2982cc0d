// `npm test` on a fresh clone: install what is missing (npm packages, Chromium),
// then type-check, lint and run every test on the real database.
import { spawnSync } from 'node:child_process';
import { ROOT, checkNode, ensureAdminPanelBuilt, ensureChromium, ensureInstalled } from './bootstrap.mjs';

checkNode();
ensureInstalled();
const chromium = ensureChromium();
// The admin browser tests load the built panel, as the tool serves it.
ensureAdminPanelBuilt();
const env = { ...process.env, CHROMIUM_PATH: chromium };
const steps = [
  ['type-check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npx', ['eslint', '.']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];
for (const [name, command, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  process.stdout.write(`${result.status === 0 ? '✔' : '✖'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}
