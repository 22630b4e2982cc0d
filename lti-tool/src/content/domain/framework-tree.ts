import type { ContentSnapshot } from './content-snapshot.js';
import type { LocalizedText } from './framework.js';

/**
 * The framework as one tree, for the teacher's picker (target profiles: tubes with a
 * level cap) and the admin screens. `levels` lists the levels a tube can actually assess:
 * playable skills (active, with a validated challenge) up to the maximum reachable level.
 */
export interface FrameworkTree {
  version: { id: string; bankId: string; label: string; importedAt: string } | null;
  maxReachableLevel: number;
  areas: Array<{
    id: string;
    code: string;
    name: LocalizedText;
    competences: Array<{
      id: string;
      code: string;
      name: LocalizedText;
      description?: LocalizedText;
      tubes: Array<{
        id: string;
        title: LocalizedText;
        description?: LocalizedText;
        levels: number[];
        skills: Array<{ id: string; level: number; pixValue: number; playable: boolean; reachable: boolean }>;
      }>;
    }>;
  }>;
}

export function toFrameworkTree(snapshot: ContentSnapshot): FrameworkTree {
  return {
    version: snapshot.version
      ? { id: snapshot.version.id, bankId: snapshot.version.bankId, label: snapshot.version.label, importedAt: snapshot.version.importedAt.toISOString() }
      : null,
    maxReachableLevel: snapshot.maxReachableLevel,
    areas: snapshot.areas.map((area) => ({
      id: area.id,
      code: area.code,
      name: area.name,
      competences: area.competenceIds.map((id) => snapshot.competence(id)!).map((competence) => ({
        id: competence.id,
        code: competence.code,
        name: competence.name,
        ...(competence.description ? { description: competence.description } : {}),
        tubes: competence.tubeIds.map((id) => snapshot.tube(id)!).map((tube) => {
          const skills = tube.skillIds.map((id) => snapshot.skill(id)!);
          return {
            id: tube.id,
            title: tube.title,
            ...(tube.description ? { description: tube.description } : {}),
            levels: skills.filter((s) => s.playable && s.reachable).map((s) => s.level),
            skills: skills.map((s) => ({ id: s.id, level: s.level, pixValue: s.pixValue, playable: s.playable, reachable: s.reachable })),
          };
        }),
      })),
    })),
  };
}

/**
 * Whether content in `locales` suits a learner asking for `wanted`: the same tag, or the
 * same language ("fr" suits "fr-fr" and the reverse).
 */
export function localeMatches(locales: readonly string[], wanted: string): boolean {
  const w = wanted.toLowerCase();
  const language = w.split('-')[0];
  return locales.some((l) => l === w || l.split('-')[0] === language);
}
