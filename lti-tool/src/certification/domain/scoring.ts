import type { AbortReason, EndReason } from './candidate-course.js';
import type { AnswerResult } from './incidents.js';
import { CERTIFICATION_RULES, type CompetenceLevel } from './rules.js';
import type { CertificationScoringModel, ItemResponse } from './scoring-model.js';

export interface ScoredAnswer {
  questionIndex: number;
  competenceId: string;
  discrimination: number;
  difficulty: number;
  result: AnswerResult;
  neutralised: boolean;
}

export type CertificationStatus = 'validated' | 'rejected';
export type RejectionReason = 'NOT_ENOUGH_ANSWERS' | 'FRAUD';

export interface CourseScore {
  status: CertificationStatus;
  rejectionReason?: RejectionReason;
  /** 0–895; 0 when rejected. */
  pixScore: number;
  /** Level per competence; empty when rejected. */
  competenceLevels: CompetenceLevel[];
  theta?: number;
  standardError?: number;
  /** Answers that count (neutralised ones excluded). */
  answersCounted: number;
  neutralisedCount: number;
  /** Questions left unanswered that were scored as wrong (see `isDowngraded`). */
  downgradedBy: number;
}

export interface CourseToScore {
  answers: readonly ScoredAnswer[];
  endReason: EndReason;
  abortReason?: AbortReason;
  rejectedForFraud: boolean;
}

/**
 * Whether unanswered questions count against the candidate. As in Pix (scoring
 * degradation), only when the candidate is the cause: they quit, ran out of time, or
 * the centre says so at finalisation; never after a technical abort.
 */
export function isDowngraded(course: Pick<CourseToScore, 'endReason' | 'abortReason'>): boolean {
  switch (course.endReason) {
    case 'completed':
      return false;
    case 'candidate':
    case 'time_limit':
      return true;
    case 'invigilator':
    case 'finalisation':
      return course.abortReason !== 'technical';
  }
}

/**
 * Scores a finished course.
 * - Neutralised answers are left out entirely.
 * - Fewer than 20 counted answers → rejected (NOT_ENOUGH_ANSWERS); fraud → rejected (FRAUD).
 * - Otherwise θ is estimated from the counted answers in order; if the course stopped
 *   early for a reason attributable to the candidate, each question not reached (out of
 *   32) is added as a wrong answer to an item as hard as the current estimate, with
 *   the mean discrimination of the items answered, and θ is estimated again. This
 *   follows Pix's degradation (missing answers count as wrong) without the engine's
 *   item picking: an item at the current θ is the one the engine would find most
 *   informative.
 */
export function scoreCourse(course: CourseToScore, model: CertificationScoringModel): CourseScore {
  const counted = [...course.answers].filter((a) => !a.neutralised).sort((x, y) => x.questionIndex - y.questionIndex);
  const neutralisedCount = course.answers.length - counted.length;
  const base = { answersCounted: counted.length, neutralisedCount };
  if (course.rejectedForFraud) return rejected('FRAUD', base);
  if (counted.length < CERTIFICATION_RULES.minimumAnswersToValidate) return rejected('NOT_ENOUGH_ANSWERS', base);

  const responses: ItemResponse[] = counted.map((a) => ({ discrimination: a.discrimination, difficulty: a.difficulty, correct: a.result === 'ok' }));
  let estimate = model.estimateAbility(responses);
  const missing = Math.max(0, CERTIFICATION_RULES.maximumAnswers - course.answers.length);
  let downgradedBy = 0;
  if (missing > 0 && isDowngraded(course)) {
    const meanA = responses.reduce((s, r) => s + r.discrimination, 0) / responses.length;
    for (let i = 0; i < missing; i++) {
      responses.push({ discrimination: meanA, difficulty: estimate.theta, correct: false });
      estimate = model.estimateAbility(responses);
    }
    downgradedBy = missing;
  }
  return {
    status: 'validated',
    pixScore: model.pixScore(estimate.theta),
    competenceLevels: model.competenceLevels(estimate.theta),
    theta: estimate.theta,
    standardError: estimate.standardError,
    downgradedBy,
    ...base,
  };
}

function rejected(reason: RejectionReason, base: Pick<CourseScore, 'answersCounted' | 'neutralisedCount'>): CourseScore {
  return { status: 'rejected', rejectionReason: reason, pixScore: 0, competenceLevels: [], downgradedBy: 0, ...base };
}
