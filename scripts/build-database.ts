// `npm run setup:db`: builds and caches the FerretDB binary ahead of time (CI does this once).
import { DEFAULT_CACHE_DIR, createLogger, ensureFerretDbBinary } from '@pix-lti/lti-tool';

const log = createLogger({ level: 'info', name: 'setup' });
const started = Date.now();
const binary = await ensureFerretDbBinary({ cacheDir: DEFAULT_CACHE_DIR, log });
log.info(`FerretDB ready at ${binary} (${Math.round((Date.now() - started) / 100) / 10} s)`);
