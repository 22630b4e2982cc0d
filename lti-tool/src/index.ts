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
export { composeToolModules, type ToolModuleOptions } from './modules.js';
export { runLtijsImport } from './lti/ltijs/run-ltijs-import.js';
export type { LtiModule } from './lti/lti.module.js';
export { gradeTargetOf, type GradingModule, type GradingOptions, type GradeTarget, type EnqueueGradeInput, type GradeView } from './grading/grading.module.js';
export type { RostersModule } from './rosters/rosters.module.js';
export type { LtiServicesModule } from './lti-services/lti-services.module.js';
