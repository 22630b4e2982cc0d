import { profileScore, type CompetenceScore } from '../domain/scoring.js';
import type { AssessmentDeps } from './assessment-deps.js';
import { toKnowledgeElement } from './learner-knowledge.js';

/**
 * A learner's pix and level per competence from their knowledge profile: what finished
 * tests wrote (ADR 0062; an assessment still running keeps its elements in its answers and
 * does not count yet). Scored like every result (`profileScore`: latest element per skill,
 * level = floor(pix / 8), capped at the platform's maximum level). Only the competences the
 * learner has elements on are listed (the others are at level 0); `undefined` when the tool
 * holds no knowledge element of this learner.
 *
 * The learner id is the launch's (derived from tenant and LTI `sub`, or the ENT's learner):
 * it names one person of one tenant, and the profile document is keyed by it.
 */
export async function competenceLevelsOf(deps: Pick<AssessmentDeps, 'knowledge' | 'settings'>, learnerId: string): Promise<CompetenceScore[] | undefined> {
  const elements = (await deps.knowledge.listByLearnerId(learnerId)).map(toKnowledgeElement);
  if (elements.length === 0) return undefined;
  const competenceIds = [...new Set(elements.map((ke) => ke.competenceId))].sort();
  return profileScore(competenceIds, elements, { maxReachableLevel: deps.settings.maxReachableLevel }).competences;
}
