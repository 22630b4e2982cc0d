import type { BankVersionInfo } from '../domain/bank.js';
import type { Challenge, ChallengeStatus } from '../domain/challenge.js';
import type { ContentSnapshot } from '../domain/content-snapshot.js';
import { localeMatches, toFrameworkTree, type FrameworkTree } from '../domain/framework-tree.js';
import { mediaOriginsOf, type MediaOrigins } from '../domain/media-origins.js';
import type { Skill, Tube } from '../domain/framework.js';
import type { ContentCatalog } from './content-catalog.js';

export interface SkillFilter {
  competenceIds?: readonly string[];
  tubeIds?: readonly string[];
  /** Only skills that can be asked (active, with a validated challenge). */
  playableOnly?: boolean;
  /** Only skills up to the maximum reachable level. */
  reachableOnly?: boolean;
  /** Only skills up to this level (a target profile's cap for their tube). */
  maxLevel?: number;
}

export interface ChallengeFilter {
  /** e.g. "fr-fr" or "fr": challenges in that locale or language only. */
  locale?: string;
  /** Default: ["validated"], what may be served to learners. */
  statuses?: readonly ChallengeStatus[];
}

/**
 * What other contexts read from the item bank. Everything comes from the in-memory
 * snapshot of the active version; call `snapshot()` once per request when you need many
 * lookups (it is a plain, indexed, immutable object — the adaptive engine works on it).
 */
export interface ContentService {
  readonly maxReachableLevel: number;
  snapshot(): Promise<ContentSnapshot>;
  activeVersion(): Promise<BankVersionInfo | undefined>;
  framework(): Promise<FrameworkTree>;
  tubes(filter?: { competenceIds?: readonly string[] }): Promise<Tube[]>;
  skills(filter?: SkillFilter): Promise<Skill[]>;
  /** The challenges of these skills that may be served, in bank order, grouped by nothing. */
  challengesForSkills(skillIds: readonly string[], filter?: ChallengeFilter): Promise<Challenge[]>;
  /** A challenge of the active version, whatever its status (answers to archived ones still resolve). */
  challenge(id: string): Promise<Challenge | undefined>;
  /** The outside origins the active version's challenges frame and show images from (for the launch page's CSP). */
  mediaOrigins(): Promise<MediaOrigins>;
}

/** Computed once per bank version (rendering every challenge's Markdown is the costly part). */
const mediaOriginsBySnapshot = new WeakMap<ContentSnapshot, MediaOrigins>();

export function createContentService(catalog: ContentCatalog): ContentService {
  return {
    maxReachableLevel: catalog.maxReachableLevel,
    snapshot: () => catalog.snapshot(),
    activeVersion: async () => (await catalog.snapshot()).version,
    framework: async () => toFrameworkTree(await catalog.snapshot()),
    async tubes(filter = {}) {
      const snapshot = await catalog.snapshot();
      return snapshot.tubes.filter((t) => !filter.competenceIds || filter.competenceIds.includes(t.competenceId));
    },
    async skills(filter = {}) {
      const snapshot = await catalog.snapshot();
      return selectSkills(snapshot, filter);
    },
    async challengesForSkills(skillIds, filter = {}) {
      const snapshot = await catalog.snapshot();
      return selectChallenges(snapshot, skillIds, filter);
    },
    challenge: async (id) => (await catalog.snapshot()).challenge(id),
    async mediaOrigins() {
      const snapshot = await catalog.snapshot();
      let origins = mediaOriginsBySnapshot.get(snapshot);
      if (!origins) mediaOriginsBySnapshot.set(snapshot, (origins = mediaOriginsOf(snapshot.challenges)));
      return origins;
    },
  };
}

export function selectSkills(snapshot: ContentSnapshot, filter: SkillFilter): Skill[] {
  return snapshot.skills.filter(
    (s) =>
      (!filter.competenceIds || filter.competenceIds.includes(s.competenceId)) &&
      (!filter.tubeIds || filter.tubeIds.includes(s.tubeId)) &&
      (!filter.playableOnly || s.playable) &&
      (!filter.reachableOnly || s.reachable) &&
      (filter.maxLevel === undefined || s.level <= filter.maxLevel),
  );
}

export function selectChallenges(snapshot: ContentSnapshot, skillIds: readonly string[], filter: ChallengeFilter): Challenge[] {
  const statuses = filter.statuses ?? ['validated'];
  return skillIds.flatMap((id) =>
    snapshot.challengesOfSkill(id).filter((c) => statuses.includes(c.status) && (!filter.locale || localeMatches(c.locales, filter.locale))),
  );
}
