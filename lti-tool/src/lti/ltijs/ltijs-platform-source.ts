// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- brings our ambient declarations of ltijs (it ships none) into every program that compiles this file
/// <reference path="./ltijs.d.ts" />
import ltijs, { type LtijsProvider } from 'ltijs';
import { pingOnce } from '../../platform/database/ping.js';

/** A platform as an existing ltijs 5 deployment registered it. */
export interface LtijsPlatformRecord {
  ltijsId: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  tokenUrl: string;
  authServer?: string;
  authConfig: { method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string };
  active: boolean;
}

export interface LtijsPlatformSource {
  platforms(): Promise<LtijsPlatformRecord[]>;
  /** Deployment ids ltijs saw in recent launches (its `idtokens`, kept 24 h). */
  deploymentIds(issuer: string, clientId: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Opens an existing ltijs deployment's database through ltijs itself, on ltijs's own
 * mongoose 7 and its default connection — never the app's mongoose 8 connection.
 * ltijs's Provider is a process singleton that exits the process when its database is
 * unreachable, so this runs in a one-shot command (scripts/import-ltijs-platforms.ts),
 * after a ping of our own.
 */
export async function openLtijsSource(options: { mongoUri: string; encryptionKey: string }): Promise<LtijsPlatformSource> {
  if (!(await pingOnce(options.mongoUri, 5000))) throw new Error(`the ltijs database at ${options.mongoUri.replace(/\/\/[^@]*@/, '//***@')} does not answer`);
  const provider = ltijs.Provider;
  provider.setup(options.encryptionKey, { url: options.mongoUri, connection: { serverSelectionTimeoutMS: 5000 } });
  await provider.deploy({ serverless: true, silent: true });
  return ltijsSourceOf(provider);
}

export function ltijsSourceOf(provider: LtijsProvider): LtijsPlatformSource {
  return {
    async platforms() {
      const records: LtijsPlatformRecord[] = [];
      for (const p of await provider.getAllPlatforms()) {
        const [ltijsId, name, issuer, clientId, authLoginUrl, tokenUrl, authServer, authConfig, active] = await Promise.all([
          p.platformId(),
          p.platformName(),
          p.platformUrl(),
          p.platformClientId(),
          p.platformAuthenticationEndpoint(),
          p.platformAccessTokenEndpoint(),
          p.platformAuthorizationServer(),
          p.platformAuthConfig(),
          p.platformActive(),
        ]);
        records.push({ ltijsId, name, issuer, clientId, authLoginUrl, tokenUrl, authServer: authServer !== tokenUrl ? authServer : undefined, authConfig, active });
      }
      return records;
    },
    async deploymentIds(issuer, clientId) {
      const tokens = await provider.Database.Get(false, 'idtoken', { iss: issuer, clientId });
      return tokens ? [...new Set(tokens.map((t) => String(t.deploymentId)).filter((d) => d && d !== 'undefined'))] : [];
    },
    async close() {
      await provider.close({ silent: true });
    },
  };
}
