import type { BankContent, BankVersionInfo } from './bank.js';
import type { Challenge, ChallengeStatus } from './challenge.js';
import { computePixValues, skillName, type Area, type Competence, type Skill, type Tube } from './framework.js';

/**
 * The framework and item bank of the active version, linked and indexed, with pix
 * values computed and status overrides applied. Immutable: a new version or a status
 * change builds a new snapshot. Pure data, so the adaptive engine and the tests use it
 * without a database.
 */
export class ContentSnapshot {
  readonly areas: readonly Area[];
  readonly competences: readonly Competence[];
  readonly tubes: readonly Tube[];
  readonly skills: readonly Skill[];
  readonly challenges: readonly Challenge[];
  private readonly areaById: Map<string, Area>;
  private readonly competenceById: Map<string, Competence>;
  private readonly tubeById: Map<string, Tube>;
  private readonly skillById: Map<string, Skill>;
  private readonly challengeById: Map<string, Challenge>;
  private readonly challengesBySkill: Map<string, Challenge[]>;

  constructor(
    /** Undefined while no bank was imported. */
    readonly version: BankVersionInfo | undefined,
    readonly maxReachableLevel: number,
    parts: { areas: Area[]; competences: Competence[]; tubes: Tube[]; skills: Skill[]; challenges: Challenge[] },
  ) {
    this.areas = parts.areas;
    this.competences = parts.competences;
    this.tubes = parts.tubes;
    this.skills = parts.skills;
    this.challenges = parts.challenges;
    this.areaById = byId(parts.areas);
    this.competenceById = byId(parts.competences);
    this.tubeById = byId(parts.tubes);
    this.skillById = byId(parts.skills);
    this.challengeById = byId(parts.challenges);
    this.challengesBySkill = new Map(parts.skills.map((s) => [s.id, []]));
    for (const c of parts.challenges) this.challengesBySkill.get(c.skillId)?.push(c);
  }

  static empty(maxReachableLevel: number): ContentSnapshot {
    return new ContentSnapshot(undefined, maxReachableLevel, { areas: [], competences: [], tubes: [], skills: [], challenges: [] });
  }

  area(id: string): Area | undefined {
    return this.areaById.get(id);
  }
  competence(id: string): Competence | undefined {
    return this.competenceById.get(id);
  }
  tube(id: string): Tube | undefined {
    return this.tubeById.get(id);
  }
  skill(id: string): Skill | undefined {
    return this.skillById.get(id);
  }
  /** Any challenge of the version, whatever its status (an archived one may still be answered). */
  challenge(id: string): Challenge | undefined {
    return this.challengeById.get(id);
  }
  /** The challenges of a skill, all statuses, in bank order. */
  challengesOfSkill(skillId: string): readonly Challenge[] {
    return this.challengesBySkill.get(skillId) ?? [];
  }
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/**
 * Links a bank's content into a snapshot: ids, parent/child lists, effective challenge
 * statuses (an administrator's override wins over the file), then pix values and
 * playability from the effective statuses.
 */
export function buildContentSnapshot(
  content: BankContent,
  version: BankVersionInfo,
  options: { maxReachableLevel: number; statusOverrides?: ReadonlyMap<string, ChallengeStatus> },
): ContentSnapshot {
  const overrides = options.statusOverrides ?? new Map<string, ChallengeStatus>();
  const challenges = content.challenges.map((c) => {
    const status = overrides.get(c.id);
    return status && status !== c.status ? { ...c, status } : c;
  });
  const validatedSkills = new Set(challenges.filter((c) => c.status === 'validated').map((c) => c.skillId));

  const areas: Area[] = content.areas.map((a) => ({ id: a.code, code: a.code, name: a.name, competenceIds: [] }));
  const areaById = byId(areas);
  const competences: Competence[] = content.competences.map((c) => ({ id: c.code, code: c.code, areaId: c.areaCode, name: c.name, description: c.description, tubeIds: [] }));
  for (const c of competences) areaById.get(c.areaId)?.competenceIds.push(c.id);
  const competenceById = byId(competences);

  const tubes: Tube[] = [];
  const rawSkills: Array<Omit<Skill, 'pixValue'>> = [];
  for (const t of content.tubes) {
    const levels = [...t.skills].sort((a, b) => a.level - b.level);
    const tube: Tube = { id: t.name, name: t.name, competenceId: t.competenceCode, title: t.title, description: t.description, skillIds: [] };
    for (const s of levels) {
      const id = skillName(t.name, s.level);
      tube.skillIds.push(id);
      rawSkills.push({
        id,
        name: id,
        tubeId: tube.id,
        competenceId: t.competenceCode,
        level: s.level,
        status: s.status,
        playable: s.status === 'active' && validatedSkills.has(id),
        reachable: s.level <= options.maxReachableLevel,
        hint: s.hint,
        tutorials: s.tutorials,
      });
    }
    tubes.push(tube);
    competenceById.get(tube.competenceId)?.tubeIds.push(tube.id);
  }
  const pixValues = computePixValues(rawSkills, (id) => validatedSkills.has(id));
  const skills: Skill[] = rawSkills.map((s) => ({ ...s, pixValue: pixValues.get(s.id) ?? 0 }));
  return new ContentSnapshot(version, options.maxReachableLevel, { areas, competences, tubes, skills, challenges });
}
