import type * as C from '@pix-lti/web-components/contract';
import type { KnowledgeElement } from '../../adaptive/index.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { activityResults, type ActivityResultFacts, type ResultSkill } from '../domain/activity-results.js';
import type { AssessmentRecord } from '../domain/assessment.js';
import type { AssessmentDeps } from './assessment-deps.js';
import type { AssessmentState } from './assessment-state.js';
import { learnerKnowledge } from './learner-knowledge.js';

/**
 * Results of a completed assessment, now: smart random tests and profiles collections
 * from the learner's knowledge elements (all of the tenant's, as Pix), flash tests from
 * the skills the final ability credits. Also returns the knowledge elements used, which
 * sharing freezes.
 */
export async function computeResults(
  deps: AssessmentDeps,
  state: Pick<AssessmentState, 'assessment' | 'answers' | 'activity' | 'snapshot'>,
): Promise<{ facts: ActivityResultFacts; knowledgeElements: KnowledgeElement[] }> {
  const { assessment, activity, snapshot } = state;
  const knowledgeElements =
    assessment.method === 'FLASH'
      ? flashKnowledge(assessment, state.answers, snapshot)
      : await learnerKnowledge(deps, { tenantId: assessment.tenantId, learnerId: assessment.learnerId }, state.answers);
  const targetSkills: ResultSkill[] = activity.targetSkillIds.flatMap((id) => {
    const s = snapshot.skill(id);
    return s ? [{ id: s.id, competenceId: s.competenceId, level: s.level, pixValue: s.pixValue }] : [];
  });
  const facts = activityResults({ competenceIds: activity.competenceIds, targetSkills, knowledgeElements, maxReachableLevel: deps.settings.maxReachableLevel });
  return { facts, knowledgeElements };
}

/** A flash result as knowledge elements: credited skills validated, skills answered wrong and not credited invalidated. */
function flashKnowledge(assessment: AssessmentRecord, answers: AssessmentState['answers'], snapshot: ContentSnapshot): KnowledgeElement[] {
  const at = assessment.completedAt ?? assessment.updatedAt;
  const credited = new Map((assessment.flashResult?.skills ?? []).map((s) => [s.skillId, s.source]));
  const elements: KnowledgeElement[] = [];
  for (const [skillId, source] of credited) {
    const skill = snapshot.skill(skillId);
    if (skill) elements.push({ skillId, competenceId: skill.competenceId, status: 'validated', source, earnedPix: skill.pixValue, answerId: `flash:${assessment.id}`, createdAt: at });
  }
  for (const answer of answers) {
    if (credited.has(answer.skillId) || answer.result === 'ok') continue;
    const skill = snapshot.skill(answer.skillId);
    if (skill) elements.push({ skillId: skill.id, competenceId: skill.competenceId, status: 'invalidated', source: 'direct', earnedPix: 0, answerId: answer.id, createdAt: answer.createdAt });
  }
  return elements;
}

/** Results as the student API shows them. */
export function resultsView(facts: ActivityResultFacts, snapshot: ContentSnapshot): Pick<C.AssessmentResults, 'pixScore' | 'maxPixScore' | 'masteryRate' | 'certifiable' | 'competences'> {
  return {
    pixScore: facts.pixScore,
    maxPixScore: Math.min(facts.maxPixScore, 1024),
    masteryRate: round(facts.masteryRate),
    certifiable: facts.certifiable,
    competences: facts.competences.map((c) => {
      const competence = snapshot.competence(c.competenceId);
      const area = competence && snapshot.area(competence.areaId);
      return {
        code: competence?.code ?? c.competenceId,
        name: competence?.name.fr ?? c.competenceId,
        areaCode: area?.code ?? c.competenceId.split('.')[0]!,
        areaName: area?.name.fr ?? '',
        level: c.level,
        maxLevel: c.maxLevel,
        pixScore: c.pixScore,
        masteryRate: round(c.masteryRate),
      };
    }),
  };
}

const round = (rate: number) => Math.round(rate * 10000) / 10000;
