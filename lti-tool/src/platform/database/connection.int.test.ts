import { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAppDatabase } from './connection.js';
import { silentLogger } from '../logger.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';

interface Note {
  text: string;
  at: Date;
}

describe('the app database on the real server', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('connection');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps what it wrote across a reconnect', async () => {
    const schema = new Schema<Note>({ text: String, at: Date });
    const open = () => connectAppDatabase({ uri: db.uri, dbName: db.dbName, connectTimeoutMs: 5000, log: silentLogger() });

    const first = await open();
    await first.model('Note', schema).create({ text: 'premier acquis', at: new Date('2026-09-01T08:00:00Z') });
    await first.close();

    const second = await open();
    try {
      const found = await second.model('Note', schema).findOne({ text: 'premier acquis' }).lean();
      expect(found?.at.toISOString()).toBe('2026-09-01T08:00:00.000Z');
    } finally {
      await second.close();
    }
  });

  it('detects capabilities that agree with what the server does', async () => {
    const caps = db.capabilities;
    expect(['mongodb', 'ferretdb']).toContain(caps.kind);
    expect(caps.version).toMatch(/\d+\.\d+/);
    const native = db.connection.db!;
    const ttl = native.collection('ttl_check').createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    if (caps.ttlIndexes) await expect(ttl).resolves.toBeTruthy();
    else await expect(ttl).rejects.toThrow();
    if (caps.kind === 'ferretdb') {
      expect(caps).toMatchObject({ transactions: false, changeStreams: false, ttlIndexes: false });
    }
    if (!caps.replicaSet) expect(caps.transactions).toBe(false);
  });

  it('logs a TTL index the server refuses instead of failing silently', async () => {
    const lines: string[] = [];
    const { pino } = await import('pino');
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const conn = await connectAppDatabase({ uri: db.uri, dbName: db.dbName, connectTimeoutMs: 5000, log });
    try {
      const schema = new Schema({ createdAt: { type: Date, expires: 60 } });
      const model = conn.model('Expiring', schema);
      await model.init().catch(() => undefined);
      await model.create({ createdAt: new Date() }); // CRUD works whether or not the index exists.
      if (!conn.capabilities.ttlIndexes) expect(lines.join('\n')).toContain('TTL not supported, the expiry sweeper deletes expired documents');
      expect(await model.countDocuments()).toBe(1);
    } finally {
      await conn.close();
    }
  });
});
