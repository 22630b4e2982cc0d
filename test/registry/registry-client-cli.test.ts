import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUri } from '../../lti-tool/src/platform/testing/test-database.js';
import { runEntry } from '../support/processes.js';

const dbName = `t_cli_${randomBytes(4).toString('hex')}`;
const env = () => ({ MONGODB_URI: testDatabaseUri(), DATABASE_NAME: dbName, LOG_LEVEL: 'warn' });

afterAll(async () => {
  const client = new MongoClient(testDatabaseUri(), { directConnection: true });
  await client.db(dbName).dropDatabase();
  await client.close();
});

describe('npm run registry:client', () => {
  it('registers a client (secret shown once, stored hashed), lists and revokes it', async () => {
    const usage = runEntry('scripts/registry-client.ts', env());
    expect((await usage.exited).code).toBe(2);
    expect(usage.output()).toMatch(/^usage: registry-client register/);
    const proc = runEntryWithArgs(['register', '--academy', 'versailles', '--name', 'LSU Versailles']);
    expect((await proc.exited).code).toBe(0);
    const clientId = /client_id:\s+(\S+)/.exec(proc.output())![1]!;
    const secret = /client_secret:\s+(\S+)/.exec(proc.output())![1]!;
    const mongo = new MongoClient(testDatabaseUri(), { directConnection: true });
    const stored = await mongo.db(dbName).collection('registry_clients').findOne({ _id: clientId as never });
    await mongo.close();
    expect(stored).toMatchObject({ academyId: 'versailles', secretHash: expect.stringMatching(/^scrypt\$/) });
    expect(JSON.stringify(stored)).not.toContain(secret);
    const list = runEntryWithArgs(['list']);
    await list.exited;
    expect(list.output()).toMatch(new RegExp(`${clientId}\\tversailles\\tLSU Versailles\\tactive`));
    const revoke = runEntryWithArgs(['revoke', '--client', clientId]);
    expect((await revoke.exited).code).toBe(0);
  });
});

function runEntryWithArgs(args: string[]) {
  return runEntry('scripts/registry-client.ts', env(), args);
}
