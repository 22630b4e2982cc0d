// `npm run typecheck`: strict TypeScript over every package that has a tsconfig.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './bootstrap.mjs';

const packages = ['lti-tool', 'test', 'web-components', 'admin-panel'].filter((p) => fs.existsSync(path.join(ROOT, p, 'tsconfig.json')));
let failed = false;
for (const pkg of packages) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', pkg], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
