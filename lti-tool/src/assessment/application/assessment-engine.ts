import {
  campaignFlashConfig,
  flashCampaignSkills,
  flashPoolFromContent,
  knowledgeElementsForImprovement,
  nextFlashChallenge,
  nextSmartRandomChallenge,
  replayFlashSession,
  isCorrect,
  type AdaptiveChallenge,
  type AdaptiveSkill,
  type FlashItemPool,
  type KnowledgeElement,
} from '../../adaptive/index.js';
import type { Activity } from '../../campaigns/campaigns.module.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import type { AnswerResult } from '../domain/answer-check.js';
import type { FlashResultRecord, NextAfter } from '../domain/assessment.js';

export interface EngineAssessment {
  id: string;
  method: 'SMART_RANDOM' | 'FLASH' | 'NONE';
  flashLength?: number;
  locale: string;
  isImproving: boolean;
}

export interface EngineInput {
  assessment: EngineAssessment;
  activity: Pick<Activity, 'key' | 'targetSkillIds'>;
  snapshot: ContentSnapshot;
  /** This assessment's answers, oldest first. */
  answers: ReadonlyArray<{ challengeId: string; result: AnswerResult }>;
  /** The learner's knowledge elements in the tenant (smart random), this assessment's included. */
  knowledgeElements: readonly KnowledgeElement[];
  now: Date;
}

/**
 * The adaptive engines behind the assessment: Pix's smart random (knowledge elements,
 * reused across activities of the tenant) or the IRT flash engine (a calibrated pool per
 * activity, bank version and locale, built once and cached). Deterministic: the same
 * assessment in the same state gets the same challenge.
 */
export class AssessmentEngine {
  private readonly pools = new WeakMap<ContentSnapshot, Map<string, FlashItemPool>>();

  constructor(private readonly options: { daysBeforeImproving: number }) {}

  next(input: EngineInput): NextAfter {
    const { assessment } = input;
    if (assessment.method === 'NONE') return { ended: true };
    if (assessment.method === 'FLASH') return this.nextFlash(input);
    const knowledgeElements = assessment.isImproving
      ? knowledgeElementsForImprovement(input.knowledgeElements, { now: input.now, daysBeforeImproving: this.options.daysBeforeImproving })
      : input.knowledgeElements;
    const step = nextSmartRandomChallenge({
      assessmentId: assessment.id,
      targetSkills: this.targetSkills(input),
      challenges: this.targetChallenges(input),
      knowledgeElements,
      answers: input.answers,
      locale: assessment.locale,
    });
    return step.kind === 'challenge' ? { challengeId: step.challenge.id, ended: false, estimate: step.estimatedLevel } : { ended: true, estimate: step.estimatedLevel };
  }

  /** Questions a flash test asks: its length, or fewer when the pool has fewer skills. */
  flashTotal(input: Pick<EngineInput, 'assessment' | 'activity' | 'snapshot'>): number | undefined {
    if (input.assessment.method !== 'FLASH') return undefined;
    const pool = this.pool(input);
    return Math.max(1, Math.min(input.assessment.flashLength ?? 0, pool.skillIds.length));
  }

  /** FLASH: the final ability and the skills it credits (answered right, or passed with 95 % probability). */
  flashResult(input: EngineInput): FlashResultRecord {
    const pool = this.pool(input);
    const answers = this.flashAnswers(input, pool);
    const session = replayFlashSession(pool, campaignFlashConfig(input.assessment.flashLength ?? 1), answers);
    const estimate = session.estimate();
    const skills = flashCampaignSkills({ theta: estimate.theta, skills: this.targetSkills(input), challenges: this.targetChallenges(input), answers });
    return { theta: estimate.theta, se: estimate.se, skills: skills.map((s) => ({ skillId: s.skill.id, source: s.source })) };
  }

  private nextFlash(input: EngineInput): NextAfter {
    const pool = this.pool(input);
    const step = nextFlashChallenge({
      pool,
      config: campaignFlashConfig(input.assessment.flashLength ?? 1),
      answers: this.flashAnswers(input, pool),
      assessmentId: input.assessment.id,
    });
    return step.kind === 'challenge' ? { challengeId: step.challengeId, ended: false, estimate: step.estimate.theta } : { ended: true, estimate: step.estimate.theta };
  }

  /** Answers the pool knows (a challenge withdrawn since it was asked no longer weighs on the estimate). */
  private flashAnswers(input: EngineInput, pool: FlashItemPool) {
    return input.answers.filter((a) => pool.indexOf(a.challengeId) >= 0).map((a) => ({ challengeId: a.challengeId, correct: isCorrect(a.result) }));
  }

  private targetSkills(input: Pick<EngineInput, 'activity' | 'snapshot'>): AdaptiveSkill[] {
    return input.activity.targetSkillIds.map((id) => input.snapshot.skill(id)).filter((s): s is NonNullable<typeof s> => s !== undefined);
  }

  private targetChallenges(input: Pick<EngineInput, 'activity' | 'snapshot'>): AdaptiveChallenge[] {
    return input.activity.targetSkillIds.flatMap((id) => input.snapshot.challengesOfSkill(id));
  }

  private pool(input: Pick<EngineInput, 'assessment' | 'activity' | 'snapshot'>): FlashItemPool {
    let bySnapshot = this.pools.get(input.snapshot);
    if (!bySnapshot) {
      bySnapshot = new Map();
      this.pools.set(input.snapshot, bySnapshot);
    }
    const key = `${input.activity.key}|${input.assessment.locale}`;
    let pool = bySnapshot.get(key);
    if (!pool) {
      pool = flashPoolFromContent({ skills: this.targetSkills(input), challenges: this.targetChallenges(input), locale: input.assessment.locale });
      bySnapshot.set(key, pool);
    }
    return pool;
  }
}
