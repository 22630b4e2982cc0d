import { SecretBox } from '../platform/crypto/secret-box.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { KeyStore } from './application/key-store.js';
import { jwksRoutes } from './http/jwks.routes.js';
import { SigningKeysRepository } from './infrastructure/signing-keys.repository.js';

export interface KeysModule extends AppModule {
  store: KeyStore;
}

/** The tool's signing keys and their JWKS; other modules sign through `store`. */
export async function createKeysModule(ctx: AppContext): Promise<KeysModule> {
  const store = new KeyStore(new SigningKeysRepository(ctx.db), new SecretBox(ctx.config.encryptionKey, 'signing-keys'), ctx.log);
  await store.ensureActiveKey();
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'keys',
    store,
    routes: (router) => jwksRoutes(router, store),
    start() {
      timer = setInterval(() => void store.destroyRetiredPrivateKeys().catch((err: unknown) => ctx.log.warn({ err }, 'key cleanup failed')), 3600_000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
