import { gradeScoreOf, type Activity, type Participation } from '../../campaigns/campaigns.module.js';
import type { GradeTarget } from '../../grading/grading.module.js';
import { AppError } from '../../platform/errors.js';
import type { ActivityResultFacts } from '../domain/activity-results.js';
import type { AssessmentDeps } from './assessment-deps.js';

/**
 * Queues the grade of shared results for the LMS gradebook (docs/adr/0006-campaign-grades.md):
 * mastery in % for assessment campaigns, pix for profiles collections and adaptive tests,
 * `FullyGraded`. The grading module persists it before any network call and delivers it
 * with retries; one grade per learner and activity link: a later attempt's results
 * replace the earlier score. A participation without a grade target (no AGS in the
 * launch, an ENT page) sends nothing.
 */
export async function sendGrade(
  deps: Pick<AssessmentDeps, 'grades' | 'participations' | 'log'>,
  input: { participation: Participation; activity: Activity; results: ActivityResultFacts },
): Promise<string | undefined> {
  const { participation, activity, results } = input;
  const target = participation.gradeTarget as GradeTarget | undefined;
  if (!deps.grades || !target) return undefined;
  const scoreGiven = gradeScoreOf(activity.grade, results);
  try {
    const grade = await deps.grades.enqueue({
      ...target,
      scoreGiven,
      scoreMaximum: activity.grade.scoreMaximum,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      comment: commentOf(activity, results),
      source: { type: 'pix-activity', id: activity.key },
    });
    await deps.participations.setGrade(participation.id, grade.id);
    deps.log.info({ participationId: participation.id, gradeId: grade.id, outcome: grade.outcome, scoreGiven }, 'grade queued for the gradebook');
    return grade.id;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      // A grade the queue refuses (unknown registration, foreign line item) will not get better by retrying.
      await deps.participations.setGradeError(participation.id, err.code);
      deps.log.warn({ participationId: participation.id, code: err.code, err: err.message }, 'the grade was refused by the grade queue');
      return undefined;
    }
    throw err;
  }
}

function commentOf(activity: Activity, results: ActivityResultFacts): string {
  const mastery = `${Math.round(results.masteryRate * 100)} % de maîtrise`;
  return activity.grade.basis === 'mastery' ? `${mastery}, ${results.pixScore} pix` : `${results.pixScore} pix, ${mastery}`;
}
