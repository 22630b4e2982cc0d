import type { TargetTube } from './campaign.js';

/** What the target-profile builder reads of the framework: tubes, their competence and their skills. */
export interface TargetFramework {
  maxReachableLevel: number;
  competences: ReadonlyArray<{ id: string; code: string; tubeIds: readonly string[] }>;
  tubes: ReadonlyArray<{ id: string; competenceId: string; skillIds: readonly string[] }>;
  skill(id: string): { id: string; level: number; playable: boolean; reachable: boolean } | undefined;
}

/**
 * A target profile as an admin builds it: whole competences up to a level, single tubes up
 * to a level (a tube's own cap wins over its competence's), or both.
 */
export interface TargetProfileSpec {
  competences?: ReadonlyArray<{ code: string; maxLevel: number }>;
  tubes?: ReadonlyArray<{ id: string; maxLevel: number }>;
}

export interface TargetProfileProblem {
  code: 'COMPETENCE_UNKNOWN' | 'TUBE_UNKNOWN' | 'LEVEL_INVALID' | 'TARGET_PROFILE_EMPTY';
  field: string;
  message: string;
}

export type TargetProfileResult = { ok: true; tubes: TargetTube[]; skillIds: string[] } | { ok: false; problems: TargetProfileProblem[] };

/** Expands a spec into tubes with caps and the skills they target: playable, reachable, at most the cap. */
export function buildTargetProfile(spec: TargetProfileSpec, framework: TargetFramework): TargetProfileResult {
  const problems: TargetProfileProblem[] = [];
  const caps = new Map<string, number>();
  const levelOk = (level: number) => Number.isInteger(level) && level >= 1 && level <= 8;
  (spec.competences ?? []).forEach((c, i) => {
    const competence = framework.competences.find((k) => k.code === c.code);
    if (!competence) return problems.push({ code: 'COMPETENCE_UNKNOWN', field: `competences.${i}.code`, message: `no competence ${c.code} in the framework` });
    if (!levelOk(c.maxLevel)) return problems.push({ code: 'LEVEL_INVALID', field: `competences.${i}.maxLevel`, message: 'a level cap is a whole number from 1 to 8' });
    for (const tubeId of competence.tubeIds) caps.set(tubeId, c.maxLevel);
  });
  (spec.tubes ?? []).forEach((t, i) => {
    if (!framework.tubes.some((k) => k.id === t.id)) return problems.push({ code: 'TUBE_UNKNOWN', field: `tubes.${i}.id`, message: `no tube ${t.id} in the framework` });
    if (!levelOk(t.maxLevel)) return problems.push({ code: 'LEVEL_INVALID', field: `tubes.${i}.maxLevel`, message: 'a level cap is a whole number from 1 to 8' });
    caps.set(t.id, t.maxLevel);
  });
  if (problems.length > 0) return { ok: false, problems };

  const tubes: TargetTube[] = [];
  const skillIds: string[] = [];
  for (const tube of framework.tubes) {
    const cap = caps.get(tube.id);
    if (cap === undefined) continue;
    const skills = targetSkillsOfTube(tube.skillIds, cap, framework);
    if (skills.length === 0) continue;
    tubes.push({ tubeId: tube.id, maxLevel: cap });
    skillIds.push(...skills);
  }
  if (skillIds.length === 0) return { ok: false, problems: [{ code: 'TARGET_PROFILE_EMPTY', field: 'targetProfile', message: 'the target profile has no skill that can be assessed' }] };
  return { ok: true, tubes, skillIds };
}

function targetSkillsOfTube(skillIds: readonly string[], cap: number, framework: TargetFramework): string[] {
  return skillIds.filter((id) => {
    const skill = framework.skill(id);
    return skill !== undefined && skill.playable && skill.reachable && skill.level <= cap;
  });
}

/** Every skill that can be assessed in the given competences (adaptive tests, profiles collections). */
export function assessableSkillIds(framework: TargetFramework, competenceIds?: readonly string[]): string[] {
  return framework.tubes
    .filter((t) => !competenceIds || competenceIds.includes(t.competenceId))
    .flatMap((t) => targetSkillsOfTube(t.skillIds, framework.maxReachableLevel, framework));
}
