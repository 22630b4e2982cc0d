import type { Activity } from './activity.js';
import { activityKeyOf } from './activity.js';

/**
 * The built-in adaptive tests every tenant may add to a course, besides campaigns:
 * - one per competence (Pix's competence evaluation): smart random over every assessable
 *   skill of the competence, checkpoints, graded in pix out of 8 × the open levels;
 * - flash tests over several competences: every competence (`flash-all`) or one area
 *   (`flash-area-N`), a fixed number of questions chosen by the IRT engine, graded in pix.
 */
export interface AdaptiveTestFramework {
  maxReachableLevel: number;
  areas: ReadonlyArray<{ id: string; code: string; name: { fr: string }; competenceIds: readonly string[] }>;
  competences: ReadonlyArray<{ id: string; code: string; areaId: string; name: { fr: string } }>;
}

export const FLASH_ALL_QUESTIONS = 32;
export const FLASH_AREA_QUESTIONS = 20;

/** `1.1` ↔ `competence-1-1` (activity ids allow neither dots nor spaces). */
export const competenceTestId = (code: string): string => `competence-${code.replace(/\./g, '-')}`;
export const areaTestId = (code: string): string => `flash-area-${code}`;
export const FLASH_ALL_ID = 'flash-all';

type AdaptiveTestSkills = (competenceIds: readonly string[]) => string[];

/** Every built-in adaptive test of the framework, each with its target skills. */
export function adaptiveTests(framework: AdaptiveTestFramework, skillsOf: AdaptiveTestSkills): Activity[] {
  const level = framework.maxReachableLevel;
  const base = { checkpoints: false, archived: false, attemptRules: { improve: true, retry: true, profilesCollection: false } };
  const tests: Activity[] = [];
  for (const competence of framework.competences) {
    const ref = { type: 'competence-evaluation' as const, id: competenceTestId(competence.code) };
    tests.push({
      ...base,
      ref,
      key: activityKeyOf(ref),
      title: `Test adaptatif ${competence.code} — ${competence.name.fr}`,
      description: `Des questions qui s’adaptent à vos réponses, jusqu’à situer votre niveau dans la compétence ${competence.code}. Un bilan toutes les 5 questions.`,
      method: 'SMART_RANDOM',
      checkpoints: true,
      targetSkillIds: skillsOf([competence.id]),
      competenceIds: [competence.id],
      grade: { basis: 'pix', scoreMaximum: 8 * level },
    });
  }
  const all = framework.competences.map((c) => c.id);
  const allRef = { type: 'competence-evaluation' as const, id: FLASH_ALL_ID };
  tests.push({
    ...base,
    ref: allRef,
    key: activityKeyOf(allRef),
    title: 'Positionnement adaptatif — les 16 compétences',
    description: `${FLASH_ALL_QUESTIONS} questions choisies une à une selon vos réponses, sur toutes les compétences du référentiel.`,
    method: 'FLASH',
    flashLength: FLASH_ALL_QUESTIONS,
    targetSkillIds: skillsOf(all),
    competenceIds: all,
    grade: { basis: 'pix', scoreMaximum: all.length * 8 * level },
  });
  for (const area of framework.areas) {
    const ref = { type: 'competence-evaluation' as const, id: areaTestId(area.code) };
    tests.push({
      ...base,
      ref,
      key: activityKeyOf(ref),
      title: `Positionnement adaptatif — domaine ${area.code} : ${area.name.fr}`,
      description: `${FLASH_AREA_QUESTIONS} questions choisies une à une selon vos réponses, sur les compétences du domaine ${area.code}.`,
      method: 'FLASH',
      flashLength: FLASH_AREA_QUESTIONS,
      targetSkillIds: skillsOf(area.competenceIds),
      competenceIds: [...area.competenceIds],
      grade: { basis: 'pix', scoreMaximum: area.competenceIds.length * 8 * level },
    });
  }
  return tests.filter((t) => t.targetSkillIds.length > 0);
}
