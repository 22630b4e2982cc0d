import type { BankContent, BankVersionInfo } from '../domain/bank.js';
import type { ChallengeStatus } from '../domain/challenge.js';
import { ContentSnapshot, buildContentSnapshot } from '../domain/content-snapshot.js';

/** What the catalog needs from storage (the mongoose repository, or a fake in tests). */
export interface ContentSource {
  activeState(): Promise<{ versionId: string; revision: number } | undefined>;
  loadVersion(versionId: string): Promise<{ info: BankVersionInfo; content: BankContent } | undefined>;
  statusOverrides(): Promise<Array<{ challengeId: string; status: ChallengeStatus }>>;
}

/**
 * Keeps the active bank version in memory as a `ContentSnapshot`. Reading is the hot
 * path (every next-challenge request), so the snapshot is reused and the database is
 * asked at most every `refreshIntervalMs` whether the active version or a status changed
 * (another instance may have imported). Concurrent callers share one reload.
 */
export class ContentCatalog {
  private current: ContentSnapshot;
  private revision: number | undefined;
  private versionId: string | undefined;
  private checkedAt = -Infinity;
  private pending: Promise<ContentSnapshot> | undefined;

  constructor(
    private readonly source: ContentSource,
    private readonly options: {
      maxReachableLevel: number;
      refreshIntervalMs?: number;
      now?: () => number;
      /** Told when a refresh failed and the previous snapshot is still served. */
      onStaleError?: (err: unknown) => void;
    },
  ) {
    this.current = ContentSnapshot.empty(options.maxReachableLevel);
  }

  get maxReachableLevel(): number {
    return this.options.maxReachableLevel;
  }

  /** The active snapshot, at most `refreshIntervalMs` old. */
  async snapshot(): Promise<ContentSnapshot> {
    const now = (this.options.now ?? Date.now)();
    if (now - this.checkedAt < (this.options.refreshIntervalMs ?? 5000)) return this.current;
    this.pending ??= this.reload(now)
      .catch((err: unknown) => {
        // The bank changes rarely: while the database does not answer, keep serving the
        // snapshot we have (and try again after the interval) rather than failing every read.
        if (this.versionId === undefined) throw err;
        this.checkedAt = now;
        this.options.onStaleError?.(err);
        return this.current;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Forces the next `snapshot()` to look at the database (after an import or a status change here). */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  private async reload(now: number): Promise<ContentSnapshot> {
    const state = await this.source.activeState();
    if (!state) {
      this.current = ContentSnapshot.empty(this.options.maxReachableLevel);
      this.versionId = this.revision = undefined;
      this.checkedAt = now;
      return this.current;
    }
    if (state.versionId === this.versionId && state.revision === this.revision) {
      this.checkedAt = now;
      return this.current;
    }
    // A new version is being loaded: until it is built, callers join this reload rather than
    // being told the old snapshot (the empty one at start) is fresh.
    const [loaded, overrides] = await Promise.all([this.source.loadVersion(state.versionId), this.source.statusOverrides()]);
    if (!loaded) {
      // Only possible while another instance finishes writing it: keep serving the
      // current snapshot and look again at the next call.
      this.checkedAt = -Infinity;
      if (this.versionId === undefined) throw new Error(`the active bank version ${state.versionId} is missing or incomplete`);
      return this.current;
    }
    this.current = buildContentSnapshot(loaded.content, loaded.info, {
      maxReachableLevel: this.options.maxReachableLevel,
      statusOverrides: new Map(overrides.map((o) => [o.challengeId, o.status])),
    });
    this.versionId = state.versionId;
    this.revision = state.revision;
    this.checkedAt = now;
    return this.current;
  }
}
