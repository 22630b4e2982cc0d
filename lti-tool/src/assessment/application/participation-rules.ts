import { nextAttempt, ParticipationRuleError, type NextAttempt } from '../../campaigns/domain/participation.js';
import { AppError } from '../../platform/errors.js';
import type { AssessmentDeps } from './assessment-deps.js';
import type { AssessmentState } from './assessment-state.js';

/** Runs a participation rule, its refusal becoming the error contract's 409. */
export function underRules<T>(rule: () => T): T {
  try {
    return rule();
  } catch (err) {
    if (err instanceof ParticipationRuleError) throw new AppError(err.code, err.message, { status: 409, details: err.details });
    throw err;
  }
}

/** What the learner may do after this assessment; nothing for an older run. */
export function nextAttemptOf(deps: Pick<AssessmentDeps, 'settings'>, state: Pick<AssessmentState, 'assessment' | 'participation' | 'activity'>): NextAttempt {
  const { participation, assessment } = state;
  if (participation.assessmentId !== assessment.id || participation.improved) return { kind: 'none', reason: 'NOT_ALLOWED' };
  return nextAttempt(participation, assessment, state.activity.attemptRules, deps.settings.delays);
}
