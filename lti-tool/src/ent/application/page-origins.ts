import type { PageOrigins } from '../../platform/http/page-cors.js';

/**
 * The page origins of the active ENT connectors, for the platform's CORS middleware: a
 * snapshot in memory, reloaded when this instance changes a connector and at most
 * `maxAgeMs` after the last load (another instance may have changed one).
 */
export class ConnectorOrigins implements PageOrigins {
  private snapshot?: { origins: Set<string>; at: number };
  private loading?: Promise<Set<string>>;
  private generation = 0;

  constructor(
    private readonly load: () => Promise<string[]>,
    private readonly maxAgeMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async allows(origin: string): Promise<boolean> {
    const fresh = this.snapshot && this.now() - this.snapshot.at < this.maxAgeMs;
    const origins = fresh ? this.snapshot!.origins : await this.reload();
    return origins.has(origin);
  }

  invalidate(): void {
    this.snapshot = undefined;
    this.loading = undefined;
    this.generation += 1;
  }

  private reload(): Promise<Set<string>> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.load().then((list) => {
      const origins = new Set(list);
      // A load that started before a change must not hide it for maxAgeMs.
      if (generation === this.generation) this.snapshot = { origins, at: this.now() };
      return origins;
    });
    this.loading = loading;
    void loading.finally(() => {
      if (this.loading === loading) this.loading = undefined;
    }).catch(() => undefined);
    return loading;
  }
}
