// `npm run admin -- <command>`: the operators' CLI (lti-tool/src/admin/cli/admin-cli.ts).
import { runAdminCli } from '@pix-lti/lti-tool';
import { localEnv } from './local-env.js';

const { env } = await localEnv(process.env);
const code = await runAdminCli(process.argv.slice(2), {
  env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
process.exit(code);
