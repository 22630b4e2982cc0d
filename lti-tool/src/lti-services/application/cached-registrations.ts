import type { PlatformEndpoints, RegistrationDirectory } from '../domain/platform-endpoints.js';

/**
 * Registration endpoints read at most every `ttlMs` per registration: every grade
 * delivery needs them, and they change only when an admin edits a registration (a
 * suspension then takes effect within `ttlMs`).
 */
export class CachedRegistrations implements RegistrationDirectory {
  private readonly cache = new Map<string, { value: PlatformEndpoints | undefined; at: number }>();

  constructor(
    private readonly inner: RegistrationDirectory,
    private readonly ttlMs = 30_000,
  ) {}

  /** A registration changed (status, endpoints): read it again next time. */
  forget(registrationId: string): void {
    this.cache.delete(registrationId);
  }

  async platformEndpoints(registrationId: string): Promise<PlatformEndpoints | undefined> {
    const hit = this.cache.get(registrationId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await this.inner.platformEndpoints(registrationId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(registrationId, { value, at: Date.now() });
    return value;
  }
}
