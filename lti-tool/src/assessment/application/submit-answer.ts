import type * as C from '@pix-lti/web-components/contract';
import { knowledgeElementsForAnswer, knowledgeElementsForImprovement, type KnowledgeElement } from '../../adaptive/index.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { answerShapeProblem, checkAnswer, type AnswerValue } from '../domain/answer-check.js';
import { isTimedOut } from '../domain/answer-timing.js';
import { answerIdOf, type AnswerRecord } from '../domain/assessment.js';
import { checkpointAfter, currentStep } from '../domain/assessment-step.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { loadAnswerState, stepFactsOf, type AnswerState, type Owner } from './assessment-state.js';
import { completeAssessment } from './complete-assessment.js';
import { learnerKnowledge } from './learner-knowledge.js';
import { allowedSecondsOf, challengeOf, nextStepOf, startOf } from './step-views.js';

export interface SubmitAnswerInput {
  owner: Owner;
  assessmentId: string;
  request: C.SubmitAnswerRequest;
}

export interface SubmitAnswerOutcome {
  /** False when the idempotency key had been recorded: nothing was written. */
  created: boolean;
  response: C.SubmitAnswerResponse;
}

/**
 * A learner answers the current challenge (docs/reference/student-api.md). Guards in the
 * contract's order: owner (404), replay of the idempotency key (the recorded answer, 200),
 * assessment open, challenge current; then the server judges the answer (timer and focus
 * included), computes the knowledge elements and the next step, and stores the answer —
 * one insert, the first write, whose id (assessment, number) makes two racing submits
 * count once, and the response waits for nothing else. After it, the answer is copied into
 * the assessment and, at the end of the test, its knowledge elements go to the learner's
 * profile and the test is completed; a crash in between is repaired on the next read (see
 * `loadState`, ADR 0062).
 */
export async function submitAnswer(input: SubmitAnswerInput, deps: AssessmentDeps): Promise<SubmitAnswerOutcome> {
  const { owner, request } = input;
  // The learner's profile (cached: it changes only when a test ends) is read alongside the assessment.
  const profile = deps.knowledge.recentForLearner(owner.tenantId, owner.learnerId);
  profile.catch(() => undefined);
  // No lookup of an answer committed but not yet copied into the assessment: the insert below
  // meets it (`lostRace`), and a request that does not fit the copied answers reads again with it.
  let state = await loadAnswerState(deps, owner, input.assessmentId, { probeNext: false });
  if (!fits(state, request)) state = await loadAnswerState(deps, owner, input.assessmentId);
  const replay = replayOf(deps, state, request);
  if (replay) return replay;
  if (state.assessment.state === 'completed' || state.facts.ended) throw conflict('ASSESSMENT_COMPLETED', 'This test is over: no more answers are taken.');
  const expected = state.facts.nextChallengeId;
  if (expected !== request.challengeId) {
    throw conflict('CHALLENGE_NOT_CURRENT', 'This is not the question being asked now.', expected ? { currentChallengeId: expected } : undefined);
  }

  const challenge = challengeOf(deps, state.snapshot, request.challengeId);
  const value: AnswerValue = request.value ?? { kind: 'skip' };
  const problem = answerShapeProblem(challenge, value);
  if (problem) throw badRequest('ANSWER_SHAPE_INVALID', 'The answer does not fit the question.', { problem });

  const now = deps.clock();
  const number = state.answers.length + 1;
  const timedOut = isTimedOut({
    allowedSeconds: allowedSecondsOf(challenge),
    startedAt: startOf(state.assessment, number),
    receivedAt: now,
    clientTimedOut: request.timedOut,
    timeSpentSeconds: request.timeSpentSeconds,
  });
  const focusedOut = challenge.focused && (request.focusedOut || state.assessment.focusLost.includes(number));
  const check = checkAnswer(challenge, value, { timedOut, focusedOut });

  const answerId = answerIdOf(state.assessment.id, number);
  const knowledge = state.assessment.method === 'SMART_RANDOM' ? await learnerKnowledge(deps, owner, state.answers, profile) : [];
  const produced = producedKnowledge(deps, state, { id: answerId, challengeId: challenge.id, skillId: challenge.skillId, result: check.result, createdAt: now }, knowledge);
  const answers = [...state.answers.map((a) => ({ challengeId: a.challengeId, result: a.result })), { challengeId: challenge.id, result: check.result }];
  const next = deps.engine.next({ assessment: state.assessment, activity: state.activity, snapshot: state.snapshot, answers, knowledgeElements: [...knowledge, ...produced], now });

  const record: AnswerRecord = {
    id: answerId,
    tenantId: owner.tenantId,
    learnerId: owner.learnerId,
    assessmentId: state.assessment.id,
    number,
    idempotencyKey: request.idempotencyKey,
    challengeId: challenge.id,
    skillId: challenge.skillId,
    value: request.value,
    result: check.result,
    timedOut,
    focusedOut: request.focusedOut || state.assessment.focusLost.includes(number),
    timeSpentSeconds: request.timeSpentSeconds,
    answeredAt: new Date(request.answeredAt),
    createdAt: now,
    knowledgeElements: produced,
    next,
  };
  if (!(await deps.answers.insert(record))) return lostRace(deps, owner, input);

  // Answering the question after a checkpoint means the learner moved on from it: acknowledged in the same write.
  const pending = checkpointAfter(state.facts);
  const acknowledged = pending && state.assessment.acknowledged < pending.number ? pending.number : undefined;
  state.assessment.log.push(record);
  if (acknowledged !== undefined) state.assessment.acknowledged = acknowledged;
  const answered = [...state.answers, record];
  const facts = stepFactsOf(state.assessment, answered);
  const after: AnswerState = { ...state, answers: answered, facts, step: currentStep(facts) };
  const response: C.SubmitAnswerResponse = { answer: { id: record.id, challengeId: record.challengeId, replayed: false }, next: nextStepOf(deps, after) };
  // The answer is committed: its copy into the assessment and, when it ends the test, the
  // completion are what the next read would repair — done after the response (ADR 0062).
  deps.afterResponse.run('copy of an answer into its assessment', async () => {
    await deps.assessments.appendAnswers(state.assessment.id, [record], now, acknowledged);
    if (facts.ended) await completeAssessment(deps, after);
  });
  return { created: true, response };
}

/** The request answers the current question or replays a copied answer: nothing to look up. */
function fits(state: AnswerState, request: C.SubmitAnswerRequest): boolean {
  if (state.answers.some((a) => a.idempotencyKey === request.idempotencyKey)) return true;
  return state.assessment.state !== 'completed' && !state.facts.ended && state.facts.nextChallengeId === request.challengeId;
}

/** The knowledge elements the answer produces (smart random only), with Pix's inference on the target skills. */
function producedKnowledge(
  deps: AssessmentDeps,
  state: AnswerState,
  answer: { id: string; challengeId: string; skillId: string; result: AnswerRecord['result']; createdAt: Date },
  knowledge: readonly KnowledgeElement[],
): KnowledgeElement[] {
  if (state.assessment.method !== 'SMART_RANDOM') return [];
  const skill = state.snapshot.skill(answer.skillId);
  if (!skill) return [];
  const targetSkills = state.activity.targetSkillIds.map((id) => state.snapshot.skill(id)).filter((s): s is NonNullable<typeof s> => s !== undefined);
  const before = state.assessment.isImproving ? knowledgeElementsForImprovement(knowledge, { now: answer.createdAt, daysBeforeImproving: deps.settings.delays.daysBeforeImproving }) : knowledge;
  return knowledgeElementsForAnswer({ answer, skill, targetSkills, knowledgeElements: before });
}

/** The same key again: the recorded answer and the current step, nothing written. */
function replayOf(deps: AssessmentDeps, state: AnswerState, request: C.SubmitAnswerRequest): SubmitAnswerOutcome | undefined {
  const recorded = state.answers.find((a) => a.idempotencyKey === request.idempotencyKey);
  if (!recorded) return undefined;
  if (recorded.challengeId !== request.challengeId) {
    throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another question: generate a new one per answer.', { challengeId: recorded.challengeId });
  }
  return { created: false, response: { answer: { id: recorded.id, challengeId: recorded.challengeId, replayed: true }, next: nextStepOf(deps, state) } };
}

/** Another request stored answer number n first: ours is a replay (same key) or no longer current. */
async function lostRace(deps: AssessmentDeps, owner: Owner, input: SubmitAnswerInput): Promise<SubmitAnswerOutcome> {
  const state = await loadAnswerState(deps, owner, input.assessmentId);
  const replay = replayOf(deps, state, input.request);
  if (replay) return replay;
  const step = currentStep(stepFactsOf(state.assessment, state.answers));
  const current = step.kind === 'challenge' ? step.challengeId : state.facts.nextChallengeId;
  if (state.facts.ended) throw conflict('ASSESSMENT_COMPLETED', 'This test is over: no more answers are taken.');
  throw conflict('CHALLENGE_NOT_CURRENT', 'Another answer to this question was recorded first.', current ? { currentChallengeId: current } : undefined);
}
