import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMatching, runEntry } from '../support/processes.js';
import { freePort } from '../support/ports.js';

const KEY = 'test-only-encryption-key-0123456789abcdef';

describe('the tool process refuses a bad configuration with one clear line', () => {
  it.each([
    [{ PORT: 'abc', ENCRYPTION_KEY: KEY }, /^Configuration error: PORT="abc": must be a whole number/],
    [{ MONGODB_URI: 'localhost:27017', ENCRYPTION_KEY: KEY }, /^Configuration error: MONGODB_URI="localhost:27017": must be a MongoDB connection string/],
    [{}, /^Configuration error: ENCRYPTION_KEY is required/],
  ])('%j', async (env, expected) => {
    const proc = runEntry('lti-tool/src/main.ts', env);
    const { code } = await proc.exited;
    expect(code).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  it('gives up on a closed MONGODB_URI port within 10 s, naming the variable', async () => {
    const port = await freePort();
    const proc = runEntry('lti-tool/src/main.ts', { MONGODB_URI: `mongodb://127.0.0.1:${port}/pix`, ENCRYPTION_KEY: KEY, LOG_LEVEL: 'info' });
    // Timed from the connection attempt, not from process start (tsx compiles first, slowly on a loaded machine).
    await proc.waitFor(/Connecting to the database given by MONGODB_URI/);
    const attempted = Date.now();
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(Date.now() - attempted).toBeLessThan(10_000);
    expect(proc.output()).toMatch(/Cannot start: Cannot reach the database at mongodb:\/\/127\.0\.0\.1:\d+\/pix within 5 s .*Check MONGODB_URI/);
  });
});

describe('npm start’s local stack', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pix-lti-stack-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const port = await freePort();
    const proc = runEntry('scripts/local-stack.ts', { DATA_DIR: dataDir, PORT: String(port), DEMO_LMS_PORT: String(await freePort()), LOG_LEVEL: 'info' });
    await proc.waitFor(/Pix LTI is running/);
    const uriLine = proc.output().split('\n').find((l) => /"uri":"mongodb:/.test(l));
    const uri = uriLine ? (JSON.parse(uriLine) as { uri: string }).uri : undefined;
    return { proc, port, uri };
  };

  it('reaches ready, keeps its data across restarts and leaves no process behind on Ctrl-C', async () => {
    const first = await start();
    const ready = await fetch(`http://127.0.0.1:${first.port}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { database: { kind: string } };
    expect(['mongodb', 'ferretdb']).toContain(body.database.kind);
    expect(first.uri).toBeDefined();

    const client = new MongoClient(first.uri!, { directConnection: true });
    await client.db('pix_lti').collection('notes').insertOne({ text: 'écrit au premier démarrage' });
    await client.close();

    first.proc.child.kill('SIGINT');
    expect((await first.proc.exited).code).toBe(0);
    expect(processesMatching(dataDir)).toEqual([]);

    const second = await start();
    const again = new MongoClient(second.uri!, { directConnection: true });
    const note = await again.db('pix_lti').collection('notes').findOne({});
    await again.close();
    expect(note?.text).toBe('écrit au premier démarrage');

    second.proc.child.kill('SIGTERM');
    expect((await second.proc.exited).code).toBe(0);
    expect(processesMatching(dataDir)).toEqual([]);
  });

  it('does not leave the database server behind when killed with SIGKILL', async () => {
    const { proc } = await start();
    expect(processesMatching(dataDir).length).toBeGreaterThan(0);
    proc.child.kill('SIGKILL');
    await proc.exited;
    await expect.poll(() => processesMatching(dataDir), { timeout: 10_000 }).toEqual([]);
  });
});
