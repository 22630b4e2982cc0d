import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logger.js';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

/**
 * Returns the path of a FerretDB binary, building it once from the Go module proxy.
 *
 * A plain `go install …/cmd/ferretdb@v1.24.2` panics at start: `version.txt` is
 * git-ignored upstream, so it is missing from the module zip (FerretDB issue #2982).
 * We download the module, write that file into a private copy and build from there.
 * The binary is cached per version; concurrent callers (test workers, `npm start`)
 * wait for a single build through a lock directory.
 */
export async function ensureFerretDbBinary(options: { cacheDir: string; log: Logger }): Promise<string> {
  const fromEnv = process.env.FERRETDB_BIN;
  if (fromEnv) return fromEnv;
  const dir = path.join(options.cacheDir, 'ferretdb', FERRETDB_VERSION);
  const binary = path.join(dir, 'ferretdb');
  if (await isExecutable(binary)) return binary;

  await fs.mkdir(dir, { recursive: true });
  const lock = path.join(dir, 'build.lock');
  await acquireLock(lock, options.log);
  try {
    if (await isExecutable(binary)) return binary; // Another process built it while we waited.
    await build(binary, options.log);
    return binary;
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

async function build(target: string, log: Logger): Promise<void> {
  const go = await findGo();
  const started = Date.now();
  log.info(`Building FerretDB ${FERRETDB_VERSION} from the Go module proxy (first run only; about a minute)…`);

  const { stdout } = await run(go, ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {
    env: goEnv(),
    maxBuffer: 1 << 20,
  }).catch((err: unknown) => {
    throw new Error(`could not download ${MODULE}@${FERRETDB_VERSION} from the Go module proxy: ${describe(err)}`);
  });
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download gave no directory for ${MODULE}@${FERRETDB_VERSION}`);

  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'ferretdb-src-'));
  try {
    const src = path.join(work, 'src');
    await fs.cp(moduleDir, src, { recursive: true });
    await makeWritable(src);
    await fs.writeFile(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);

    const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['build', '-v', '-trimpath', '-o', partial, './cmd/ferretdb'], {
        cwd: src,
        env: { ...goEnv(), CGO_ENABLED: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let packages = 0;
      let tail = '';
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        packages += text.split('\n').filter((l) => l && !l.startsWith('go: downloading')).length;
        tail = (tail + text).slice(-4000);
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      const progress = setInterval(() => {
        log.info(`  …still building FerretDB: ${Math.round((Date.now() - started) / 1000)} s, ${packages} packages compiled`);
      }, 10_000);
      child.once('error', (err) => {
        clearInterval(progress);
        reject(err);
      });
      child.once('exit', (code) => {
        clearInterval(progress);
        if (code === 0) resolve();
        else reject(new Error(`go build exited with ${code}:\n${tail}`));
      });
    });
    await fs.rename(partial, target);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  const { stdout: version } = await run(target, ['--version']);
  if (!version.includes(FERRETDB_VERSION)) throw new Error(`the built FerretDB reports an unexpected version:\n${version}`);
  log.info(`FerretDB ${FERRETDB_VERSION} built in ${Math.round((Date.now() - started) / 1000)} s and cached at ${target}`);
}

async function findGo(): Promise<string> {
  try {
    const { stdout } = await run('go', ['version']);
    const match = /go(\d+)\.(\d+)/.exec(stdout);
    if (match && (Number(match[1]) > 1 || Number(match[2]) >= 21)) return 'go';
    throw new Error(`found ${stdout.trim()}, need Go ≥ 1.21 (it fetches the 1.24 toolchain FerretDB asks for)`);
  } catch (err) {
    throw new Error(
      `FerretDB has to be built once and needs Go on PATH (${describe(err)}). Install Go (https://go.dev/dl/), ` +
        'or put a mongod on PATH, or set MONGODB_URI to an existing MongoDB.',
    );
  }
}

function goEnv(): NodeJS.ProcessEnv {
  // GOFLAGS from the user's shell (e.g. -mod=vendor) would break a module-mode build.
  return { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' };
}

async function makeWritable(dir: string): Promise<void> {
  // The module cache is read-only; our copy must accept the version file.
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    await fs.chmod(full, entry.isDirectory() ? 0o755 : 0o644);
  }
  await fs.chmod(dir, 0o755);
}

async function acquireLock(lock: string, log: Logger): Promise<void> {
  const staleAfterMs = 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      await fs.mkdir(lock);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const stat = await fs.stat(lock).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > staleAfterMs) {
        await fs.rm(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) log.info('Waiting for another process that is building FerretDB…');
      announced = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fs.access(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'stderr' in err && String((err as { stderr: unknown }).stderr).trim()) {
    return String((err as { stderr: unknown }).stderr).trim();
  }
  return err instanceof Error ? err.message : String(err);
}
