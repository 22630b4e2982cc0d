import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import ltijs from 'ltijs';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.js';
import { openTestDatabase, testDatabaseUri, type TestDatabase } from '../../platform/testing/test-database.js';
import { Registrations } from '../registrations/application/registrations.js';
import { RegistrationsRepository } from '../registrations/infrastructure/registrations.repository.js';
import { importLtijsPlatforms } from './import-ltijs-platforms.js';
import { openLtijsSource, type LtijsPlatformSource } from './ltijs-platform-source.js';

/** The real ltijs 5.9 on its own database, seeded through its own API as a deployment would have. */
describe('importing the platforms of an existing ltijs deployment', () => {
  let db: TestDatabase;
  let source: LtijsPlatformSource;
  let registrations: Registrations;
  let ltijsDbName: string;

  beforeAll(async () => {
    db = await openTestDatabase('ltijs_import');
    ltijsDbName = `ltijs_${randomBytes(4).toString('hex')}`;
    const uri = new URL(testDatabaseUri());
    uri.pathname = `/${ltijsDbName}`;
    source = await openLtijsSource({ mongoUri: uri.toString(), encryptionKey: 'the-old-ltijs-encryption-key' });
    const provider = ltijs.Provider;
    const moodle = (host: string, method: 'JWK_SET' | 'RSA_KEY', key: string) => ({
      url: `https://${host}`,
      clientId: `${host}-client`,
      name: host,
      authenticationEndpoint: `https://${host}/mod/lti/auth.php`,
      accesstokenEndpoint: `https://${host}/mod/lti/token.php`,
      authConfig: { method, key },
    });
    await provider.registerPlatform(moodle('elea-a.ac-test.fr', 'JWK_SET', 'https://elea-a.ac-test.fr/mod/lti/certs.php'));
    const inactive = await provider.registerPlatform(moodle('elea-b.ac-test.fr', 'JWK_SET', 'https://elea-b.ac-test.fr/mod/lti/certs.php'));
    await inactive.platformActive(false);
    await provider.registerPlatform(moodle('elea-c.ac-test.fr', 'RSA_KEY', '-----BEGIN PUBLIC KEY-----\nMIIB…\n-----END PUBLIC KEY-----'));
    for (const deploymentId of ['2', '5', '2']) {
      await provider.Database.Insert(false, 'idtoken', { iss: 'https://elea-a.ac-test.fr', clientId: 'elea-a.ac-test.fr-client', deploymentId, user: randomBytes(3).toString('hex') });
    }
    registrations = new Registrations(new RegistrationsRepository(db), { allowPrivate: false }, silentLogger());
  }, 120_000);

  afterAll(async () => {
    await source.close();
    await db.drop();
  });

  it('imports what ltijs knew, skips what it cannot trust, and keeps the status rule', async () => {
    const report = await importLtijsPlatforms(source, registrations, { keepActive: true, academy: 'versailles', log: silentLogger() });
    expect(report.imported).toEqual([
      expect.objectContaining({ issuer: 'https://elea-a.ac-test.fr', clientId: 'elea-a.ac-test.fr-client', status: 'active', deploymentIds: ['2', '5'] }),
      expect.objectContaining({ issuer: 'https://elea-b.ac-test.fr', status: 'pending', deploymentIds: [] }),
    ]);
    expect(report.skipped).toEqual([expect.objectContaining({ issuer: 'https://elea-c.ac-test.fr', reason: expect.stringContaining('RSA_KEY') })]);
    const a = await registrations.get(report.imported[0]!.registrationId);
    expect(a).toMatchObject({
      origin: 'ltijs-import',
      academy: 'versailles',
      name: 'elea-a.ac-test.fr',
      authLoginUrl: 'https://elea-a.ac-test.fr/mod/lti/auth.php',
      tokenUrl: 'https://elea-a.ac-test.fr/mod/lti/token.php',
      jwksUrl: 'https://elea-a.ac-test.fr/mod/lti/certs.php',
      privacy: { sendNames: false, sendEmail: false },
    });
    expect(a.statusHistory[0]!.by).toMatch(/^ltijs:[0-9a-f]{32}$/);
  });

  it('is idempotent: a second run skips what is already registered', async () => {
    const report = await importLtijsPlatforms(source, registrations, { log: silentLogger() });
    expect(report.imported).toEqual([]);
    expect(report.skipped.map((s) => s.reason)).toEqual([expect.stringContaining('REGISTRATION_EXISTS'), expect.stringContaining('REGISTRATION_EXISTS'), expect.stringContaining('RSA_KEY')]);
  });

  it('keeps ltijs on its own mongoose 7 and default connection, apart from the app', async () => {
    const ltijsMongoose = createRequire(createRequire(import.meta.url).resolve('ltijs'))('mongoose') as typeof mongoose;
    expect(ltijsMongoose.version).toMatch(/^7\./);
    expect(mongoose.version).toMatch(/^8\./);
    expect(ltijsMongoose.connection.db?.databaseName).toBe(ltijsDbName);
    expect(mongoose.connection.readyState).toBe(0);
    const ours = await db.connection.db!.listCollections().toArray();
    expect(ours.map((c) => c.name)).not.toEqual(expect.arrayContaining(['platforms']));
  });
});
