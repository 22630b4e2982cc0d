import { CERTIFICATION_FLASH_CONFIG, flashPoolFromContent, nextFlashChallenge, type FlashItemPool } from '../../adaptive/index.js';
import type { Challenge } from '../../content/domain/challenge.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { AppError } from '../../platform/errors.js';
import type { AnswerResult } from '../domain/incidents.js';

/** What certification reads from the content module: the active item bank. */
export interface ItemBankSource {
  snapshot(): Promise<ContentSnapshot>;
}

/** Certification is taken in French (the référentiel's language); English items are not served. */
export const CERTIFICATION_LOCALE = 'fr-fr';

export type FlashPick = { kind: 'challenge'; challengeId: string } | { kind: 'end' };

/**
 * The live flash test over the imported item bank: the calibrated, validated, reachable
 * items of the 16 competences, selected by the adaptive module's flash engine with the
 * certification rules (32 questions, every competence twice, one question per tube).
 * One pool per bank version, built once (the snapshot is immutable).
 */
export class CertificationItemBank {
  private readonly pools = new WeakMap<ContentSnapshot, FlashItemPool>();

  constructor(private readonly source: ItemBankSource | undefined) {}

  async snapshot(): Promise<ContentSnapshot> {
    if (!this.source) throw new AppError('ITEM_BANK_UNAVAILABLE', 'No item bank is installed on this server: the certification test cannot run.', { status: 503 });
    return this.source.snapshot();
  }

  pool(snapshot: ContentSnapshot): FlashItemPool {
    let pool = this.pools.get(snapshot);
    if (!pool) {
      const skills = snapshot.skills.filter((s) => s.playable && s.reachable);
      pool = flashPoolFromContent({ skills, challenges: skills.flatMap((s) => snapshot.challengesOfSkill(s.id)), locale: CERTIFICATION_LOCALE });
      this.pools.set(snapshot, pool);
    }
    return pool;
  }

  /**
   * The next question of a course from its answers (deterministic for a course and its
   * answers). Answers to items no longer in the pool (withdrawn since) are left out of the
   * estimate, as the assessment does.
   */
  next(
    snapshot: ContentSnapshot,
    courseId: string,
    answers: ReadonlyArray<{ challengeId: string; result: AnswerResult }>,
    exposure?: { counts: ReadonlyMap<string, number>; tests: number },
  ): FlashPick {
    const pool = this.pool(snapshot);
    const known = answers.filter((a) => pool.indexOf(a.challengeId) >= 0).map((a) => ({ challengeId: a.challengeId, correct: a.result === 'ok' }));
    // Exposure control: an item already in a quarter of the tests yields to others (relaxed when none is left).
    const counts = exposure && exposure.tests > 0 ? { counts: pool.ids.map((id) => exposure.counts.get(id) ?? 0), testsStarted: exposure.tests } : undefined;
    const step = nextFlashChallenge({ pool, config: CERTIFICATION_FLASH_CONFIG, answers: known, assessmentId: courseId, exposure: counts });
    return step.kind === 'challenge' ? { kind: 'challenge', challengeId: step.challengeId } : { kind: 'end' };
  }

  challenge(snapshot: ContentSnapshot, id: string): Challenge {
    const challenge = snapshot.challenge(id);
    if (!challenge?.irt) {
      throw new AppError('CHALLENGE_UNAVAILABLE', 'This question is no longer available (the item bank changed); tell the invigilator.', { status: 503 });
    }
    return challenge;
  }
}
