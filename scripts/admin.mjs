// `npm run admin -- <command>` on a fresh clone: install what is missing, then run the CLI.
import { checkNode, ensureInstalled, runTypeScript } from './bootstrap.mjs';

checkNode();
ensureInstalled();
process.exit(runTypeScript('scripts/admin-cli.ts', process.argv.slice(2)));
