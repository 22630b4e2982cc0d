import { describe, expect, it } from 'vitest';
import type { AdaptiveChallenge, AdaptiveSkill } from '../model.js';
import { estimateAbility } from '../irt/ability-posterior.js';
import { normalDraw, seededRandom } from '../random.js';
import { CERTIFICATION_FLASH_CONFIG, campaignFlashConfig } from './flash-config.js';
import { flashCampaignSkills } from './flash-campaign-result.js';
import { flashCertificationResult } from './flash-result.js';
import { FlashItemPool, type FlashItem } from './item-pool.js';
import { nextFlashChallenge, UnknownFlashChallengeError, type FlashAnswer } from './next-flash-challenge.js';
import { flashPoolFromContent } from './pool-from-content.js';

const COMPETENCES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];

function bank(perCompetence = 12): FlashItemPool {
  const r = seededRandom('flash-engine-test');
  const items: FlashItem[] = [];
  for (const c of COMPETENCES)
    for (let k = 0; k < perCompetence; k++)
      items.push({ id: `${c}-${k}`, competenceId: c, tubeId: `${c}-t${Math.floor(k / 2)}`, discrimination: Math.exp(Math.log(1.2) + 0.25 * normalDraw(r)), difficulty: 1.3 * normalDraw(r) });
  return FlashItemPool.from(items);
}

/** Plays a whole test through the stateless API, answering from a fixed θ. */
function play(pool: FlashItemPool, assessmentId: string, theta: number, config = CERTIFICATION_FLASH_CONFIG) {
  const responses = seededRandom(`responses:${assessmentId}`);
  const answers: FlashAnswer[] = [];
  for (;;) {
    const step = nextFlashChallenge({ pool, config, answers, assessmentId });
    if (step.kind === 'end') return { answers, step };
    const i = pool.indexOf(step.challengeId);
    answers.push({ challengeId: step.challengeId, correct: responses() < 1 / (1 + Math.exp(pool.a[i] * (pool.b[i] - theta))) });
  }
}

describe('nextFlashChallenge (certification)', () => {
  const pool = bank();

  it('asks 32 questions: 2 per competence, never a competence of the last two, never a tube twice', () => {
    const { answers, step } = play(pool, 'cert-1', 0.4);
    expect(answers).toHaveLength(32);
    expect(step).toMatchObject({ kind: 'end', reason: 'length-reached' });
    const competences = answers.map((a) => pool.competence[pool.indexOf(a.challengeId)]);
    const counts = new Map<number, number>();
    competences.forEach((c, k) => {
      counts.set(c, (counts.get(c) ?? 0) + 1);
      expect(competences.slice(Math.max(0, k - 2), k)).not.toContain(c);
    });
    expect([...counts.values()]).toEqual(new Array(16).fill(2));
    expect(new Set(competences.slice(0, 20)).size).toBe(16);
    const tubes = answers.map((a) => pool.tube[pool.indexOf(a.challengeId)]);
    expect(new Set(tubes).size).toBe(32);
  });

  it('is deterministic for an assessment and its answers', () => {
    expect(play(pool, 'cert-2', -0.7).answers).toEqual(play(pool, 'cert-2', -0.7).answers);
    const answers = play(pool, 'cert-2', -0.7).answers.slice(0, 10);
    const a = nextFlashChallenge({ pool, config: CERTIFICATION_FLASH_CONFIG, answers, assessmentId: 'cert-2' });
    const b = nextFlashChallenge({ pool, config: CERTIFICATION_FLASH_CONFIG, answers, assessmentId: 'cert-2' });
    expect(a).toEqual(b);
  });

  it('reports the EAP estimate of the answers so far', () => {
    const { answers } = play(pool, 'cert-3', 1);
    const step = nextFlashChallenge({ pool, config: CERTIFICATION_FLASH_CONFIG, answers: answers.slice(0, 12), assessmentId: 'cert-3' });
    const expected = estimateAbility(answers.slice(0, 12).map((x) => ({ a: pool.a[pool.indexOf(x.challengeId)], b: pool.b[pool.indexOf(x.challengeId)], correct: x.correct })));
    expect(step.estimate.theta).toBeCloseTo(expected.theta, 12);
    expect(step.estimate.se).toBeCloseTo(expected.se, 12);
  });

  it('honours exposure counts: a capped item is not asked', () => {
    const first = nextFlashChallenge({ pool, config: CERTIFICATION_FLASH_CONFIG, answers: [], assessmentId: 'cert-4' });
    if (first.kind !== 'challenge') throw new Error('expected a challenge');
    const counts = new Uint32Array(pool.size);
    counts[pool.indexOf(first.challengeId)] = 30;
    const capped = nextFlashChallenge({ pool, config: CERTIFICATION_FLASH_CONFIG, answers: [], assessmentId: 'cert-4', exposure: { counts, testsStarted: 100 } });
    expect(capped.kind === 'challenge' && capped.challengeId).not.toBe(first.challengeId);
  });

  it('stops on precision in variable-length mode, and when the pool runs out', () => {
    const config = { ...CERTIFICATION_FLASH_CONFIG, stopAtStandardError: 0.45 };
    const { answers, step } = play(pool, 'cert-5', 0, config);
    expect(step).toMatchObject({ kind: 'end', reason: 'precision-reached' });
    expect(step.estimate.se).toBeLessThanOrEqual(0.45);
    expect(answers.length).toBeLessThan(32);
    const tiny = FlashItemPool.from([{ id: 'only', competenceId: 'c', discrimination: 1, difficulty: 0 }]);
    expect(play(tiny, 'cert-6', 0).step).toMatchObject({ kind: 'end', reason: 'no-item-left' });
  });

  it('refuses answers to challenges the pool does not know', () => {
    expect(() => nextFlashChallenge({ pool, config: CERTIFICATION_FLASH_CONFIG, answers: [{ challengeId: 'ghost', correct: true }], assessmentId: 'x' })).toThrow(UnknownFlashChallengeError);
  });
});

describe('flashCertificationResult', () => {
  const pool = bank();

  it('scores θ on the mesh and validates from 20 answers', () => {
    const { answers } = play(pool, 'res-1', 0.9);
    const full = flashCertificationResult({ pool, config: CERTIFICATION_FLASH_CONFIG, answers });
    expect(full.answered).toBe(32);
    expect(full.validated).toBe(true);
    expect(full.pixScore).toBeGreaterThan(0);
    expect(full.pixScore).toBeLessThanOrEqual(895);
    expect(Object.keys(full.competenceLevels)).toHaveLength(16);
    expect(flashCertificationResult({ pool, config: CERTIFICATION_FLASH_CONFIG, answers: answers.slice(0, 19) }).validated).toBe(false);
    expect(flashCertificationResult({ pool, config: CERTIFICATION_FLASH_CONFIG, answers: answers.slice(0, 20) }).validated).toBe(true);
  });
});

describe('flash campaigns', () => {
  const skills: AdaptiveSkill[] = [
    { id: 's1', tubeId: 't1', competenceId: '1.1', level: 1, pixValue: 4 },
    { id: 's2', tubeId: 't1', competenceId: '1.1', level: 2, pixValue: 2 },
    { id: 's3', tubeId: 't2', competenceId: '1.2', level: 3, pixValue: 1 },
  ];
  const challenges: AdaptiveChallenge[] = [
    { id: 'c1', skillId: 's1', status: 'validated', locales: ['fr'], irt: { discrimination: 1, difficulty: -3 } },
    { id: 'c1b', skillId: 's1', status: 'validated', locales: ['fr'], irt: { discrimination: 1, difficulty: 2 } },
    { id: 'c2', skillId: 's2', status: 'validated', locales: ['fr'], irt: { discrimination: 2, difficulty: 0 } },
    { id: 'c3', skillId: 's3', status: 'validated', locales: ['fr'], irt: { discrimination: 1, difficulty: 1 } },
    { id: 'c3en', skillId: 's3', status: 'validated', locales: ['en'], irt: { discrimination: 1, difficulty: 1 } },
    { id: 'c4', skillId: 's3', status: 'draft', locales: ['fr'], irt: { discrimination: 1, difficulty: 0 } },
    { id: 'uncal', skillId: 's2', status: 'validated', locales: ['fr'] },
  ];

  it('credits direct successes and skills passed with P ≥ 0.95, each skill once', () => {
    // θ = 0: c1 (b = −3, a = 1) needs θ ≥ −3 + ln 19 ≈ −0.056 → inferred; c2 needs ≈ 1.47; c3 ≈ 3.94.
    const outcome = flashCampaignSkills({ theta: 0, skills, challenges, answers: [{ challengeId: 'c3', correct: true }, { challengeId: 'c2', correct: false }] });
    expect(outcome.map((o) => [o.skill.id, o.source])).toEqual([
      ['s1', 'inferred'],
      ['s3', 'direct'],
    ]);
    expect(flashCampaignSkills({ theta: -0.06, skills, challenges, answers: [] })).toEqual([]);
  });

  it('builds the pool from calibrated, operative challenges in the locale', () => {
    const pool = flashPoolFromContent({ skills, challenges, locale: 'fr-fr' });
    expect([...pool.ids].sort()).toEqual(['c1', 'c1b', 'c2', 'c3']);
    expect(pool.competenceIds).toEqual(['1.1', '1.2']);
    expect(pool.tube[pool.indexOf('c1')]).toBe(pool.tube[pool.indexOf('c2')]);
  });

  it('a campaign runs to its configured length without repeating a skill', () => {
    const pool = bank(8);
    const config = campaignFlashConfig(20);
    const { answers, step } = play(pool, 'camp-1', 0.2, config);
    expect(answers).toHaveLength(20);
    expect(new Set(answers.map((a) => pool.skill[pool.indexOf(a.challengeId)])).size).toBe(20);
    expect(step).toMatchObject({ kind: 'end', reason: 'length-reached' });
    expect(() => campaignFlashConfig(0)).toThrow(RangeError);
    expect(campaignFlashConfig().length).toBe(48);
  });
});
