import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeysModule } from '../keys/keys.module.js';
import { parseConfig } from '../platform/config.js';
import { ExpirySweeper } from '../platform/database/expiry-sweeper.js';
import { silentLogger } from '../platform/logger.js';
import type { AppContext } from '../platform/module.js';
import { openTestDatabase, type TestDatabase } from '../platform/testing/test-database.js';
import { createLtiModule } from './lti.module.js';

describe('the LTI module', () => {
  let db: TestDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    db = await openTestDatabase('lti_module');
    const parsed = parseConfig({ ENCRYPTION_KEY: 'e'.repeat(40), NODE_ENV: 'test' });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    ctx = { config: parsed.config, log: silentLogger(), db, expiry: new ExpirySweeper(db.connection.db!, silentLogger(), 60_000) };
  });
  afterAll(async () => {
    await db.drop();
  });

  it('hands every expiring collection to the sweeper, ltijs’s included (no TTL on FerretDB)', async () => {
    const keys = await createKeysModule(ctx);
    createLtiModule(ctx, { keys: keys.store });
    const collections = ctx.expiry.registered().map((r) => r.collection);
    expect(collections).toEqual(
      expect.arrayContaining(['launch_sessions', 'lti_login_states', 'nonces', 'states', 'accesstokens', 'idtokens', 'contexttokens']),
    );
  });
});
