// What `npm start` and `npm run admin` share on a developer's machine: the data folder
// and a per-machine encryption key kept beside the local data (never for production).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export async function localEnv(base: NodeJS.ProcessEnv): Promise<{ env: NodeJS.ProcessEnv; dataDir: string }> {
  const env = { ...base };
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  await fs.mkdir(dataDir, { recursive: true });
  env.ENCRYPTION_KEY ||= await localSecret(path.join(dataDir, 'local-secrets.json'));
  return { env, dataDir };
}

async function localSecret(file: string): Promise<string> {
  try {
    return (JSON.parse(await fs.readFile(file, 'utf8')) as { encryptionKey: string }).encryptionKey;
  } catch {
    const encryptionKey = randomBytes(32).toString('base64');
    await fs.writeFile(file, JSON.stringify({ encryptionKey }, null, 2), { mode: 0o600 });
    return encryptionKey;
  }
}
