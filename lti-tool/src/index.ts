/** What other packages (the local stack, tests, benchmarks) use from the tool. */
export { parseConfig, redactUri, type Config, type Env } from './platform/config.js';
export { createLogger, silentLogger, type Logger } from './platform/logger.js';
export { startTool, type ComposeModules, type RunningTool } from './platform/server.js';
export { createApp } from './platform/app.js';
export type { AppContext, AppModule } from './platform/module.js';
export { startDatabaseServer, DEFAULT_CACHE_DIR, DatabaseUnreachableError, type DatabaseServer } from './platform/database/launcher.js';
export { ensureFerretDbBinary, FERRETDB_VERSION } from './platform/database/ferretdb-binary.js';
export { connectAppDatabase, type AppDatabase } from './platform/database/connection.js';
export { detectCapabilities, type DatabaseCapabilities } from './platform/database/capabilities.js';
export { ExpirySweeper, type ExpiryRule } from './platform/database/expiry-sweeper.js';
export { composeToolModules } from './modules.js';
export { createCertificationModule, type CertificationModule } from './certification/certification.module.js';
export { createRegistryModule, type RegistryModule } from './registry/registry.module.js';
export { configureEndpoint } from './registry/application/configure-endpoint.js';
