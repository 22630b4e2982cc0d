import { AbilityPosterior, type AbilityEstimate, type AbilityGridSpec, type NormalPrior } from '../irt/ability-posterior.js';
import type { Random } from '../random.js';
import type { FlashItemPool } from './item-pool.js';
import { selectFlashItem, type ExposureCounts, type FlashSelectionRules } from './select-item.js';

export interface FlashEngineConfig {
  /** Number of questions (certification: 32). */
  length: number;
  /** Answers needed for the result to count (certification: 20). */
  minimumAnswersToValidate: number;
  prior: NormalPrior;
  grid: AbilityGridSpec;
  rules: FlashSelectionRules;
  /** Restricted exposure control: the largest share of tests an item may appear in; null turns it off. */
  exposureRMax: number | null;
  /** Variable length: stop once the standard error is at or below this value; null for a fixed length. */
  stopAtStandardError: number | null;
}

export type FlashEndReason = 'length-reached' | 'precision-reached' | 'no-item-left';

/**
 * One test in progress: the posterior, updated answer by answer, and the items given.
 * Used by the simulations directly and by `nextFlashChallenge` (which rebuilds it from the
 * stored answers on each request).
 */
export class FlashSession {
  readonly posterior: AbilityPosterior;
  readonly administered: number[] = [];

  constructor(
    readonly pool: FlashItemPool,
    readonly config: FlashEngineConfig,
  ) {
    this.posterior = new AbilityPosterior(config.prior, config.grid);
  }

  answer(index: number, correct: boolean): void {
    if (index < 0 || index >= this.pool.size) throw new RangeError(`item index ${index} out of range`);
    this.administered.push(index);
    this.posterior.update(this.pool.a[index], this.pool.b[index], correct);
  }

  estimate(): AbilityEstimate {
    return this.posterior.estimate();
  }

  /** Why the test is over, or null if another item is due. */
  endReason(): FlashEndReason | null {
    if (this.administered.length >= this.config.length) return 'length-reached';
    const { stopAtStandardError } = this.config;
    if (stopAtStandardError !== null && this.administered.length > 0 && this.estimate().se <= stopAtStandardError) {
      return 'precision-reached';
    }
    return null;
  }

  /** Pool index of the next item, or -1 when no item is left. */
  select(random: Random, exposure?: ExposureCounts): number {
    const rMax = this.config.exposureRMax;
    return selectFlashItem({
      pool: this.pool,
      administered: this.administered,
      theta: this.estimate().theta,
      length: this.config.length,
      rules: this.config.rules,
      exposure: rMax !== null && exposure ? { rMax, ...exposure } : undefined,
      random,
    });
  }
}
