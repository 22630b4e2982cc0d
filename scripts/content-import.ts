// `npm run content:import -- <bank folder or files>`: validate and import an item bank
// (lti-tool/src/content/cli/content-import-cli.ts).
import { runContentImportCli } from '@pix-lti/lti-tool';

const code = await runContentImportCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.exit(code);
