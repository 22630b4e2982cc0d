/**
 * The competence framework (référentiel): areas → competences → tubes → skills.
 * Identifiers are stable across bank versions so that what a campaign targets stays
 * valid: an area is its code ("1"), a competence its code ("1.1"), a tube its name
 * ("@rechercheWeb"), a skill its name — the tube's name followed by its level
 * ("@rechercheWeb2").
 */

/** Text in French (always) and in English (when translated). */
export interface LocalizedText {
  fr: string;
  en?: string;
}

/** Levels exist from 1 to 8; which are open to learners is `maxReachableLevel`. */
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 8;
/** Pix a level of a competence is worth when all of its skills are validated. */
export const PIX_PER_LEVEL = 8;
/** No single skill may weigh more than half a level. */
export const MAX_PIX_VALUE_PER_SKILL = 4;

export interface Area {
  id: string;
  code: string;
  name: LocalizedText;
  competenceIds: string[];
}

export interface Competence {
  id: string;
  code: string;
  areaId: string;
  name: LocalizedText;
  description?: LocalizedText;
  tubeIds: string[];
}

export interface Tube {
  id: string;
  /** "@rechercheWeb": the author's name, also the id. */
  name: string;
  competenceId: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** The tube's skills, easiest first. */
  skillIds: string[];
}

export type SkillStatus = 'active' | 'draft' | 'archived';

/** A resource to learn a skill, shown with corrections (same shape as the student API's `Tutorial`). */
export interface Tutorial {
  title: string;
  url: string;
  format: 'video' | 'page' | 'pdf' | 'audio' | 'other';
  durationMinutes?: number;
  /** Who publishes it, e.g. "CNIL". */
  source?: string;
}

export interface Skill {
  id: string;
  /** Tube name followed by the level digit, e.g. "@rechercheWeb2". */
  name: string;
  tubeId: string;
  competenceId: string;
  /** 1–8; also the skill's difficulty in the smart-random algorithm. */
  level: number;
  status: SkillStatus;
  /** Computed (see `computePixValues`); 0 for a skill that cannot be validated. */
  pixValue: number;
  /**
   * Active with at least one validated challenge: it can be asked and earns pix.
   * Skills that are not playable are kept so that earlier answers still resolve.
   */
  playable: boolean;
  /** `level ≤ maxReachableLevel`: a learner may be assessed on it. */
  reachable: boolean;
  hint?: LocalizedText;
  tutorials: Tutorial[];
}

export const skillName = (tubeName: string, level: number): string => `${tubeName}${level}`;

/**
 * Pix's rule (from its content team): among skills that are active and have at least one
 * validated challenge, each is worth 8 ÷ (how many such skills share its competence and
 * level), capped at 4 — so mastering a whole level is worth about 8 pix. Other skills
 * are worth 0. Returns the value for every skill id given.
 */
export function computePixValues(
  skills: ReadonlyArray<Pick<Skill, 'id' | 'competenceId' | 'level' | 'status'>>,
  hasValidatedChallenge: (skillId: string) => boolean,
): Map<string, number> {
  const counted = skills.filter((s) => s.status === 'active' && hasValidatedChallenge(s.id));
  const perCompetenceLevel = new Map<string, number>();
  for (const s of counted) {
    const key = `${s.competenceId}#${s.level}`;
    perCompetenceLevel.set(key, (perCompetenceLevel.get(key) ?? 0) + 1);
  }
  const values = new Map<string, number>(skills.map((s) => [s.id, 0]));
  for (const s of counted) {
    const n = perCompetenceLevel.get(`${s.competenceId}#${s.level}`)!;
    values.set(s.id, Math.min(MAX_PIX_VALUE_PER_SKILL, PIX_PER_LEVEL / n));
  }
  return values;
}
