/**
 * B13: on a Rasch bank an item gives at most 0.25 of information, so reaching a Fisher
 * standard error of 0.3 takes at least 1/(0.3²·0.25) ≈ 44.4 items. Our selection and our
 * information function run here with the SE computed as 1/√ΣI(θ̂) (no prior): fewer than 44
 * items would mean the information is wrong.
 */
import { FlashSession } from '../../lti-tool/src/adaptive/domain/flash/flash-session.js';
import type { FlashItemPool } from '../../lti-tool/src/adaptive/domain/flash/item-pool.js';
import { CERTIFICATION_FLASH_CONFIG } from '../../lti-tool/src/adaptive/domain/flash/flash-config.js';
import { fisherInformation } from '../../lti-tool/src/adaptive/domain/irt/two-pl.js';
import { normalDraw, seededRandom } from '../../lti-tool/src/adaptive/domain/random.js';
import { quantile } from './metrics.js';

const MAX_ITEMS = 120;

export function rasch500FisherItems(pool: FlashItemPool, simulees: number, seed: number): { median: number; p90: number } {
  const people = seededRandom(`rasch-people:${seed}`);
  const responses = seededRandom(`rasch-responses:${seed}`);
  const picks = seededRandom(`rasch-picks:${seed}`);
  const config = {
    ...CERTIFICATION_FLASH_CONFIG,
    length: MAX_ITEMS,
    exposureRMax: null,
    rules: { oneItemPerTube: false, oneItemPerSkill: false, contentBalancing: null, randomesque: 1, exposurePenalty: 0 },
  };
  const needed: number[] = [];
  for (let s = 0; s < simulees; s++) {
    const theta = normalDraw(people);
    const session = new FlashSession(pool, config);
    let reached = MAX_ITEMS + 1;
    for (let n = 1; n <= MAX_ITEMS; n++) {
      const i = session.select(picks);
      session.answer(i, responses() < 1 / (1 + Math.exp(pool.a[i] * (pool.b[i] - theta))));
      const thetaHat = session.estimate().theta;
      let info = 0;
      for (const j of session.administered) info += fisherInformation(thetaHat, pool.a[j], pool.b[j]);
      if (1 / Math.sqrt(info) <= 0.3) {
        reached = n;
        break;
      }
    }
    needed.push(reached);
  }
  return { median: quantile(needed, 0.5), p90: quantile(needed, 0.9) };
}
