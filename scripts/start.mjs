// `npm start` on a fresh clone: install what is missing, then run the local stack.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT, checkNode, ensureAdminPanelBuilt, ensureInstalled } from './bootstrap.mjs';
import { ensureBuilt } from '../web-components/scripts/ensure-built.mjs';

checkNode();
ensureInstalled();
// The tool serves the web components' bundle at /static/pix-components.js: build it when missing or stale.
ensureBuilt();
ensureAdminPanelBuilt();
const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'local-stack.ts')], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
// The terminal's Ctrl-C reaches the stack too; wait for its orderly stop.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
