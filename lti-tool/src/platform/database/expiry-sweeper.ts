import type { Db } from 'mongodb';
import type { Logger } from '../logger.js';

/**
 * A collection whose documents expire. Either `field` holds the expiry date itself,
 * or it holds a creation date and `ttlSeconds` says how long the document lives.
 */
export interface ExpiryRule {
  collection: string;
  field: string;
  ttlSeconds?: number;
}

/**
 * Deletes expired documents periodically. MongoDB's TTL monitor would do it, but
 * FerretDB v1 rejects TTL indexes (and mongoose only emits an index error), so
 * without this sweep nonces, states and tokens would pile up forever. It runs on
 * both servers: on MongoDB it is a harmless no-op after the TTL monitor. Readers
 * still filter on expiry, since either mechanism lags by up to one interval.
 */
export class ExpirySweeper {
  private readonly rules = new Map<string, ExpiryRule>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  register(...rules: ExpiryRule[]): this {
    for (const rule of rules) this.rules.set(rule.collection, rule);
    return this;
  }

  registered(): ExpiryRule[] {
    return [...this.rules.values()];
  }

  /** One pass over every rule; returns how many documents each deleted. */
  async sweep(now = new Date()): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const rule of this.rules.values()) {
      const cutoff = rule.ttlSeconds === undefined ? now : new Date(now.getTime() - rule.ttlSeconds * 1000);
      try {
        const result = await this.db.collection(rule.collection).deleteMany({ [rule.field]: { $lt: cutoff } });
        deleted[rule.collection] = result.deletedCount;
      } catch (err) {
        this.log.warn({ collection: rule.collection, err: (err as Error).message }, 'expiry sweep failed');
      }
    }
    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    if (total > 0) this.log.debug({ deleted }, 'expired documents deleted');
    return deleted;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
