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
/** Names the cached build: the version and our patches (a new patch gets a new folder, so a new build). */
const BUILD_NAME = `${FERRETDB_VERSION}-pix.2`;

/**
 * Two patches to FerretDB v1.24's SQLite backend, both about finding a document by `_id`:
 * 1. It looked documents up with the expression `_ferretdb_sjson->'$._id'`, while it builds
 *    the unique `_id` index on `_ferretdb_sjson->"_id"`: SQLite only uses an expression index
 *    for the same expression, so every find, update and delete by `_id` scanned the whole
 *    table. Both expressions return the same JSON value, so the lookup now uses the index's.
 *    Measured: bench:answers, 200 learners answering every 10 s, p99 15.6 s → 73 ms.
 * 2. It narrowed a query by `_id` only when the filter was exactly `{ _id: <string or
 *    ObjectId> }`; a conditional write such as `{ _id, status: 'pending' }` scanned the
 *    collection. The `_id` condition now narrows any filter that has it (once). Safe because
 *    this narrowing is only a pre-filter: every caller (find, count, distinct, update,
 *    delete, findAndModify, aggregate) applies the whole filter to what the query returns.
 * `count` is how many times the text occurs upstream (each one is replaced).
 */
export const FERRETDB_PATCHES: readonly { file: string; from: string; to: string; count?: number }[] = [
  {
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: 'IDColumn = DefaultColumn + `->"_id"`',
  },
  {
    // Query and Explain. `Get` panics on a duplicated key, so a filter naming `_id` twice is left to the scan.
    file: 'internal/backends/sqlite/collection.go',
    from: 'if params.Filter.Len() == 1 {',
    to: 'if params.Filter.Len() > 0 && func() bool { _, dup := params.Filter.FindDuplicateKey(); return !dup }() {',
    count: 2,
  },
];

/** Applies each patch to FerretDB's source text; fails when the text to replace is not there as many times as expected (another version). */
export function patchFerretDbSource(file: string, text: string): string {
  let patched = text;
  for (const patch of FERRETDB_PATCHES.filter((p) => p.file === file)) {
    const parts = patched.split(patch.from);
    if (parts.length - 1 !== (patch.count ?? 1)) {
      throw new Error(`FerretDB patch for ${file} no longer applies (is this ${FERRETDB_VERSION}?): ${patch.from} occurs ${parts.length - 1} times`);
    }
    patched = parts.join(patch.to);
  }
  return patched;
}

/**
 * Returns the path of a FerretDB binary, building it once from the Go module proxy.
 *
 * A plain `go install …/cmd/ferretdb@v1.24.2` panics at start: `version.txt` is
 * git-ignored upstream, so it is missing from the module zip (FerretDB issue #2982).
 * We download the module, write that file into a private copy, apply FERRETDB_PATCHES
 * and build from there.
 * The binary is cached per version; concurrent callers (test workers, `npm start`)
 * wait for a single build through a lock directory.
 */
export async function ensureFerretDbBinary(options: { cacheDir: string; log: Logger }): Promise<string> {
  const fromEnv = process.env.FERRETDB_BIN;
  if (fromEnv) return fromEnv;
  const dir = path.join(options.cacheDir, 'ferretdb', BUILD_NAME);
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
  log.info(`Building FerretDB ${BUILD_NAME} from the Go module proxy (first run only; about a minute)…`);

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
    for (const file of new Set(FERRETDB_PATCHES.map((p) => p.file))) {
      const at = path.join(src, file);
      await fs.writeFile(at, patchFerretDbSource(file, await fs.readFile(at, 'utf8')));
    }

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
