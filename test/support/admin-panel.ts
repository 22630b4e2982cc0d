import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes.js';

/** `npm test` builds the panel first; a single test file run builds it here when dist is missing. */
export function ensureAdminPanelDist(): string {
  const dist = path.join(ROOT, 'admin-panel', 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    const result = spawnSync('npm', ['run', '--silent', 'build', '-w', '@pix-lti/admin-panel'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('the admin panel build failed');
  }
  return dist;
}
