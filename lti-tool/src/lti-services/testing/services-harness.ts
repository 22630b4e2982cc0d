import { createKeysModule, type KeysModule } from '../../keys/keys.module.js';
import { LaunchSessions } from '../../lti/session/launch-sessions.js';
import { LaunchSessionsRepository } from '../../lti/session/launch-sessions.repository.js';
import { parseConfig } from '../../platform/config.js';
import { ExpirySweeper } from '../../platform/database/expiry-sweeper.js';
import { silentLogger } from '../../platform/logger.js';
import type { AppContext } from '../../platform/module.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import type { PlatformEndpoints, RegistrationDirectory } from '../domain/platform-endpoints.js';
import { createLtiServicesModule, type LtiServicesModule, type LtiServicesOptions } from '../lti-services.module.js';
import { startFakeLms, type FakeLms } from './fake-lms.js';

/** Registrations as the LTI module would give them, editable by tests. */
export class FakeRegistrations implements RegistrationDirectory {
  readonly byId = new Map<string, PlatformEndpoints>();
  calls = 0;

  add(id: string, lms: Pick<FakeLms, 'issuer' | 'clientId' | 'tokenUrl' | 'url'>, status = 'active'): void {
    this.byId.set(id, {
      issuer: lms.issuer,
      clientId: lms.clientId,
      tokenUrl: lms.tokenUrl,
      jwksUrl: `${lms.url}/mod/lti/certs.php`,
      authLoginUrl: `${lms.url}/mod/lti/auth.php`,
      status,
    });
  }

  async platformEndpoints(id: string): Promise<PlatformEndpoints | undefined> {
    this.calls += 1;
    return this.byId.get(id);
  }
}

export interface ServicesHarness {
  db: TestDatabase;
  ctx: AppContext;
  keys: KeysModule;
  lms: FakeLms;
  registrations: FakeRegistrations;
  services: LtiServicesModule;
  sessions: LaunchSessions;
  close(): Promise<void>;
}

/** The real database, keys and LTI services client, a fake LMS over real HTTP, and fake registrations. */
export async function createServicesHarness(label: string, options: LtiServicesOptions = {}): Promise<ServicesHarness> {
  const db = await openTestDatabase(label);
  const parsed = parseConfig({ ENCRYPTION_KEY: 'x'.repeat(32), NODE_ENV: 'test' });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const log = silentLogger();
  const ctx: AppContext = { config: parsed.config, log, db, expiry: new ExpirySweeper(db.connection.db!, log, 60_000) };
  const keys = await createKeysModule(ctx);
  const lms = await startFakeLms();
  const registrations = new FakeRegistrations();
  registrations.add('reg-1', lms);
  // The registration cache would hide status changes tests make: they pass a TTL of zero through the options.
  const services = createLtiServicesModule(ctx, { keys: keys.store, registrations }, { registrationsTtlMs: 0, ...options });
  const sessions = new LaunchSessions(new LaunchSessionsRepository(db));
  return {
    db,
    ctx,
    keys,
    lms,
    registrations,
    services,
    sessions,
    async close() {
      await lms.close();
      await db.drop();
    },
  };
}
