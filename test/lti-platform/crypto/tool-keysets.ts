import type { JWK, JWTPayload } from 'jose';
import type { ToolType } from '../model/types.js';
import { JwtRefused, verifyLikeFirebase } from './firebase-jwt.js';

export interface KeysetFetch {
  clientId: string;
  url: string;
  at: Date;
  ok: boolean;
}

/**
 * `lti_verify_with_keyset`: each tool's JWKS is cached per client id; when verification with the
 * cached set fails for any reason (none cached, unknown `kid`, bad signature, expired…), the set is
 * downloaded again and verification retried once; only a success updates the cache.
 */
export class ToolKeysets {
  private readonly cache = new Map<string, { keys?: JWK[] }>();
  readonly fetches: KeysetFetch[] = [];

  constructor(private readonly nowSeconds: () => number) {}

  async verify(jwt: string, tool: ToolType): Promise<JWTPayload> {
    const cached = this.cache.get(tool.clientId);
    if (cached) {
      try {
        return await verifyLikeFirebase(jwt, cached, this.nowSeconds());
      } catch {
        // Fall through: Moodle refetches on any failure.
      }
    }
    const keyset = await this.download(tool);
    const payload = await verifyLikeFirebase(jwt, keyset, this.nowSeconds());
    this.cache.set(tool.clientId, keyset);
    return payload;
  }

  forget(clientId?: string): void {
    if (clientId) this.cache.delete(clientId);
    else this.cache.clear();
  }

  fetchCount(clientId: string): number {
    return this.fetches.filter((f) => f.clientId === clientId).length;
  }

  private async download(tool: ToolType): Promise<{ keys?: JWK[] }> {
    const record: KeysetFetch = { clientId: tool.clientId, url: tool.jwksUri, at: new Date(), ok: false };
    this.fetches.push(record);
    let response: Response;
    try {
      response = await fetch(tool.jwksUri, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
    } catch (err) {
      throw new JwtRefused(`Cannot download the tool keyset at ${tool.jwksUri}: ${(err as Error).message}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok || body === null || typeof body !== 'object' || !Array.isArray((body as { keys?: unknown }).keys)) {
      throw new JwtRefused(`The tool keyset at ${tool.jwksUri} is not a JWKS (HTTP ${response.status})`);
    }
    record.ok = true;
    return body as { keys: JWK[] };
  }
}
