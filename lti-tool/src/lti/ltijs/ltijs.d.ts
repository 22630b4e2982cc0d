/**
 * Our declarations for the part of the ltijs 5.9 API the tool uses (docs/adr/0004-ltijs.md).
 * `@types/ltijs` describes the 4.x API (no getPlatformById, devMode, tokenMaxAge…), so we
 * type exactly what we call, read from ltijs 5.9.9's `dist/` sources. Anything not
 * declared here is not used; add a declaration only together with its use and a test.
 */
declare module 'ltijs' {
  /** `platform.authConfig`: how ltijs verifies a platform's id_tokens. */
  export interface LtijsAuthConfig {
    method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY';
    /** A JWKS URL (JWK_SET), a JWK as JSON (JWK_KEY) or a PEM public key (RSA_KEY). */
    key: string;
  }

  /** `dist/Utils/Platform.js`: every getter is async and reads the stored platform. */
  export interface LtijsPlatform {
    /** The platform id, which is also the kid of the tool key ltijs made for it. */
    platformId(): Promise<string>;
    platformName(): Promise<string>;
    platformUrl(): Promise<string>;
    platformClientId(): Promise<string>;
    platformAuthenticationEndpoint(): Promise<string>;
    platformAccessTokenEndpoint(): Promise<string>;
    /** Falls back to the access token endpoint when none was set. */
    platformAuthorizationServer(): Promise<string>;
    platformAuthConfig(): Promise<LtijsAuthConfig>;
    /** `true` unless a platformStatus document says inactive. With an argument, sets it. */
    platformActive(active?: boolean): Promise<boolean>;
  }

  export interface LtijsPlatformInput {
    url: string;
    clientId: string;
    name: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authorizationServer?: string;
    authConfig: LtijsAuthConfig;
  }

  /** `dist/Utils/Database.js` (or a plugin with the same interface). */
  export interface LtijsDatabase {
    /** `false` when nothing matches; documents come without `_id`/`__v`. */
    Get(encryptionKey: false, collection: 'idtoken', query: Record<string, string>): Promise<Array<{ iss: string; clientId: string; deploymentId: string; user: string }> | false>;
    Insert(encryptionKey: false, collection: 'idtoken', item: Record<string, unknown>): Promise<true>;
  }

  export interface LtijsProvider {
    /**
     * Configures the process-wide singleton; a second call throws `PROVIDER_ALREADY_SETUP`.
     * Models go on mongoose 7's *default* connection (ltijs's own nested mongoose).
     */
    setup(encryptionKey: string, database: { url: string; connection?: Record<string, unknown> }, options?: Record<string, never>): LtijsProvider;
    /**
     * Connects the database. With `serverless`, no HTTP server is started. On a database
     * error ltijs logs and calls `process.exit()`: callers ping the database first.
     */
    deploy(options: { serverless: true; silent: true }): Promise<true>;
    /** Closes ltijs's default mongoose connection (and its server, if any). */
    close(options: { silent: true }): Promise<true>;
    getAllPlatforms(): Promise<LtijsPlatform[]>;
    registerPlatform(platform: LtijsPlatformInput): Promise<LtijsPlatform>;
    Database: LtijsDatabase;
  }

  const ltijs: { Provider: LtijsProvider };
  export default ltijs;
}
