import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { EntConnector } from '../domain/ent-connector.js';

/** The lti module's remote JWKS cache (`PlatformKeys`): one jose remote set per id, SSRF-guarded. */
export interface RemoteKeySets {
  for(owner: { id: string; jwksUrl: string }): JWTVerifyGetKey;
  forget(id: string): void;
}

/**
 * The keys an ENT connector's assertions verify with: its JWKS URL through the same cache
 * as LTI platforms (fetched once, kept 10 minutes, refetched on an unknown kid at most
 * every 30 s), or the public keys the admin registered.
 */
export class ConnectorKeys {
  private readonly local = new Map<string, { version: number; keys: JWTVerifyGetKey }>();

  constructor(private readonly remote: RemoteKeySets) {}

  for(connector: Pick<EntConnector, 'id' | 'jwksUrl' | 'jwks' | 'updatedAt'>): JWTVerifyGetKey {
    if (connector.jwksUrl) return this.remote.for({ id: connector.id, jwksUrl: connector.jwksUrl });
    const version = connector.updatedAt.getTime();
    const hit = this.local.get(connector.id);
    if (hit && hit.version === version) return hit.keys;
    const keys = createLocalJWKSet({ keys: connector.jwks ?? [] } as JSONWebKeySet);
    this.local.set(connector.id, { version, keys });
    return keys;
  }

  /** A connector changed (keys, status): its cached key set goes. */
  forget(connectorId: string): void {
    this.remote.forget(connectorId);
    this.local.delete(connectorId);
  }
}
