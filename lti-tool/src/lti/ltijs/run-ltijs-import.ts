import type { Config } from '../../platform/config.js';
import { connectAppDatabase } from '../../platform/database/connection.js';
import { startDatabaseServer } from '../../platform/database/launcher.js';
import type { Logger } from '../../platform/logger.js';
import { Registrations } from '../registrations/application/registrations.js';
import { RegistrationsRepository } from '../registrations/infrastructure/registrations.repository.js';
import { importLtijsPlatforms, type LtijsImportReport } from './import-ltijs-platforms.js';
import { openLtijsSource } from './ltijs-platform-source.js';

/** The one-shot migration behind `npm run lti:import-ltijs` (see docs/adr/0004-ltijs.md). */
export async function runLtijsImport(input: {
  config: Config;
  log: Logger;
  /** The ltijs deployment's database, e.g. mongodb://host/ltijs. */
  ltijsMongoUri: string;
  ltijsEncryptionKey: string;
  keepActive?: boolean;
  academy?: string;
}): Promise<LtijsImportReport> {
  const { config, log } = input;
  const server = await startDatabaseServer({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs, log });
  try {
    const db = await connectAppDatabase({ uri: server.uri, dbName: config.databaseName, connectTimeoutMs: config.dbConnectTimeoutMs, log });
    try {
      const source = await openLtijsSource({ mongoUri: input.ltijsMongoUri, encryptionKey: input.ltijsEncryptionKey });
      try {
        const registrations = new Registrations(new RegistrationsRepository(db), { allowPrivate: config.ltiAllowPrivatePlatforms }, log);
        return await importLtijsPlatforms(source, registrations, { keepActive: input.keepActive, academy: input.academy, log });
      } finally {
        await source.close();
      }
    } finally {
      await db.close();
    }
  } finally {
    await server.stop();
  }
}
