import type { KnowledgeElement } from '../../adaptive/index.js';
import { knowledgeElementId, type AnswerRecord, type StoredKnowledgeElement } from '../domain/assessment.js';
import type { AssessmentDeps } from './assessment-deps.js';
import type { Owner } from './assessment-state.js';

/**
 * The learner's knowledge elements in the tenant (Pix: earlier work counts as tested,
 * across activities — never across tenants). Those an answer of this assessment produced
 * but a crash kept from being written are written now and included.
 */
export async function learnerKnowledge(deps: Pick<AssessmentDeps, 'knowledge' | 'log'>, owner: Owner, assessmentId: string, answers: readonly AnswerRecord[]): Promise<KnowledgeElement[]> {
  const stored = await deps.knowledge.listForLearner(owner.tenantId, owner.learnerId);
  const known = new Set(stored.map((ke) => ke.id));
  const missing: StoredKnowledgeElement[] = [];
  for (const answer of answers) {
    for (const ke of answer.knowledgeElements) {
      const id = knowledgeElementId(ke);
      if (!known.has(id)) missing.push({ ...ke, id, tenantId: owner.tenantId, learnerId: owner.learnerId, assessmentId });
    }
  }
  if (missing.length > 0) {
    deps.log.warn({ assessmentId, count: missing.length }, 'writing knowledge elements an interrupted answer left unwritten');
    await deps.knowledge.insertMany(missing);
  }
  return [...stored, ...missing].map(toKnowledgeElement);
}

export function toKnowledgeElement(ke: StoredKnowledgeElement): KnowledgeElement {
  return { skillId: ke.skillId, competenceId: ke.competenceId, status: ke.status, source: ke.source, earnedPix: ke.earnedPix, answerId: ke.answerId, createdAt: ke.createdAt };
}

export function toStored(owner: Owner, assessmentId: string, elements: readonly KnowledgeElement[]): StoredKnowledgeElement[] {
  return elements.map((ke) => ({ ...ke, id: knowledgeElementId(ke), tenantId: owner.tenantId, learnerId: owner.learnerId, assessmentId }));
}
