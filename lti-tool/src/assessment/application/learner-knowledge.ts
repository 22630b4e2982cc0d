import type { KnowledgeElement } from '../../adaptive/index.js';
import { knowledgeElementId, type AnswerRecord, type StoredKnowledgeElement } from '../domain/assessment.js';
import type { AssessmentDeps } from './assessment-deps.js';
import type { Owner } from './assessment-state.js';

/**
 * The learner's knowledge elements in the tenant (Pix: earlier work counts as tested,
 * across activities — never across tenants): the profile, where finished assessments
 * wrote theirs, and those of this assessment's answers (kept in the answers until the
 * assessment ends, so an answer costs no extra write). Pass `stored` when the profile was
 * already read (in parallel with other reads).
 */
export async function learnerKnowledge(
  deps: Pick<AssessmentDeps, 'knowledge'>,
  owner: Owner,
  answers: readonly AnswerRecord[],
  stored?: Promise<StoredKnowledgeElement[]>,
): Promise<KnowledgeElement[]> {
  const profile = await (stored ?? deps.knowledge.listForLearner(owner.tenantId, owner.learnerId));
  const known = new Set(profile.map((ke) => ke.id));
  const elements = profile.map(toKnowledgeElement);
  for (const answer of answers) {
    for (const ke of answer.knowledgeElements) if (!known.has(knowledgeElementId(ke))) elements.push(ke);
  }
  return elements;
}

export function toKnowledgeElement(ke: StoredKnowledgeElement): KnowledgeElement {
  return { skillId: ke.skillId, competenceId: ke.competenceId, status: ke.status, source: ke.source, earnedPix: ke.earnedPix, answerId: ke.answerId, createdAt: ke.createdAt };
}

export function toStored(owner: Owner, assessmentId: string, elements: readonly KnowledgeElement[]): StoredKnowledgeElement[] {
  return elements.map((ke) => ({ ...ke, id: knowledgeElementId(ke), tenantId: owner.tenantId, learnerId: owner.learnerId, assessmentId }));
}
