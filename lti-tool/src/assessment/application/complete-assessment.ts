import type { AssessmentDeps } from './assessment-deps.js';
import { toStored } from './learner-knowledge.js';
import { assessmentNotFound, type AnswerState } from './assessment-state.js';

/**
 * The engine ended the test: the assessment becomes `completed` (with the flash result
 * for flash tests) and the participation moves to TO_SHARE. Idempotent and safe to run
 * again after a crash (every write is conditional on the previous state). Updates
 * `state` in place.
 */
export async function completeAssessment(deps: AssessmentDeps, state: Pick<AnswerState, 'assessment' | 'participation' | 'answers' | 'activity' | 'snapshot'>): Promise<void> {
  const { assessment } = state;
  // The answer path does not read the participation (AnswerState): read now, kept in `state`.
  state.participation ??= await deps.participations.findById(assessment.participationId);
  const { participation } = state;
  if (!participation) throw assessmentNotFound();
  const now = deps.clock();
  const changed = assessment.state !== 'completed';
  if (changed) {
    // The test's knowledge elements join the learner's profile before the test counts as
    // ended: a crash in between writes them again (read once: their ids are derived).
    const elements = state.answers.flatMap((a) => a.knowledgeElements);
    if (elements.length > 0) await deps.knowledge.insertMany(toStored({ tenantId: assessment.tenantId, learnerId: assessment.learnerId }, assessment.id, elements));
    const flashResult =
      assessment.method === 'FLASH'
        ? deps.engine.flashResult({ assessment, activity: state.activity, snapshot: state.snapshot, answers: state.answers, knowledgeElements: [], now })
        : undefined;
    await deps.assessments.complete(assessment.id, now, state.answers.length, flashResult);
    Object.assign(assessment, { state: 'completed', ended: true, completedAt: now, answered: state.answers.length }, flashResult ? { flashResult } : {});
  }
  if (participation.assessmentId === assessment.id && participation.status === 'STARTED') {
    await deps.participations.markCompleted(participation.id, assessment.id, assessment.completedAt ?? now);
    Object.assign(participation, { status: 'TO_SHARE', completedAt: assessment.completedAt ?? now });
  }
  if (!assessment.finalizedAt) {
    await deps.assessments.markFinalized(assessment.id, now);
    assessment.finalizedAt = now;
  }
  if (changed) deps.log.info({ assessmentId: assessment.id, activity: assessment.activityKey, answers: state.answers.length }, 'assessment completed');
}
