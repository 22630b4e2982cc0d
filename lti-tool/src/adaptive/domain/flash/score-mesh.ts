/**
 * Certification v3 scoring mesh (pix-domain.md §3b): θ maps piecewise-linearly onto 0–895
 * pix through 8 intervals; each interval is a mesh level. Configurable data, with Pix's seed
 * values as the default.
 */
export interface MeshInterval {
  /** Lower bound of θ (inclusive). */
  from: number;
  /** Upper bound of θ (exclusive, except the last). */
  to: number;
  weight: number;
  coefficient: number;
  label: MeshLevelLabel;
}

export type MeshLevelLabel =
  | 'PRE_BEGINNER'
  | 'BEGINNER_1'
  | 'BEGINNER_2'
  | 'INDEPENDENT_3'
  | 'INDEPENDENT_4'
  | 'ADVANCED_5'
  | 'ADVANCED_6'
  | 'EXPERT_7'
  | 'EXPERT_8';

export interface ScoringMesh {
  intervals: readonly MeshInterval[];
  /** Highest score awarded (895 = 7 open levels × 16 competences × 8 − 1). */
  maximumScore: number;
}

const BOUNDS = [-8, -1.4, -0.519, 0.6, 1.5, 2.25, 3.1, 4, 8];
const WEIGHTS: [number, number, MeshLevelLabel][] = [
  [64, 0, 'PRE_BEGINNER'],
  [64, 1, 'BEGINNER_1'],
  [128, 1, 'BEGINNER_2'],
  [128, 2, 'INDEPENDENT_3'],
  [128, 3, 'INDEPENDENT_4'],
  [128, 4, 'ADVANCED_5'],
  [128, 5, 'ADVANCED_6'],
  [128, 6, 'EXPERT_7'],
];

export const PIX_V3_MESH: ScoringMesh = {
  intervals: WEIGHTS.map(([weight, coefficient, label], i) => ({ from: BOUNDS[i], to: BOUNDS[i + 1], weight, coefficient, label })),
  maximumScore: 895,
};

/** Index of the mesh interval θ falls in (θ below the first bound → 0, above the last → the last). */
export function meshIndexForTheta(theta: number, mesh: ScoringMesh = PIX_V3_MESH): number {
  const { intervals } = mesh;
  for (let i = intervals.length - 1; i >= 0; i--) if (theta >= intervals[i].from) return i;
  return 0;
}

/**
 * Pix score for θ: floor(weight × (coefficient + progress)) in its interval, progress being
 * the position of θ in the interval (0 at its start, 1 at its end); 0 at or below the first
 * bound and the maximum at or above the last.
 */
export function pixScoreForTheta(theta: number, mesh: ScoringMesh = PIX_V3_MESH): number {
  const { intervals, maximumScore } = mesh;
  if (Number.isNaN(theta)) throw new RangeError('θ is not a number');
  if (theta <= intervals[0].from) return 0;
  if (theta >= intervals[intervals.length - 1].to) return maximumScore;
  const interval = intervals[meshIndexForTheta(theta, mesh)];
  const progress = (theta - interval.from) / (interval.to - interval.from);
  return Math.max(0, Math.min(maximumScore, Math.floor(interval.weight * (interval.coefficient + progress))));
}

/** Per-competence level (0–7) from θ: intervals per competence code (Pix's `competencesScoringConfiguration`). */
export type CompetenceLevelIntervals = Readonly<Record<string, readonly { from: number; to: number; level: number }[]>>;

export const COMPETENCE_CODES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'] as const;

/**
 * Default per-competence intervals: the global mesh's bounds for every competence (level k in
 * mesh interval k). Pix calibrates one table per competence; ours is configurable and this
 * default is replaced when a calibration exists.
 */
export const DEFAULT_COMPETENCE_LEVEL_INTERVALS: CompetenceLevelIntervals = Object.fromEntries(
  COMPETENCE_CODES.map((code) => [code, PIX_V3_MESH.intervals.map((interval, level) => ({ from: interval.from, to: interval.to, level }))]),
);

/** Level of each configured competence for θ (below every interval → 0, above → the highest level). */
export function competenceLevelsForTheta(theta: number, intervals: CompetenceLevelIntervals = DEFAULT_COMPETENCE_LEVEL_INTERVALS): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const [code, table] of Object.entries(intervals)) {
    const sorted = [...table].sort((x, y) => x.from - y.from);
    let level = 0;
    if (sorted.length > 0 && theta >= sorted[sorted.length - 1].to) level = Math.max(...sorted.map((t) => t.level));
    else for (const t of sorted) if (theta >= t.from && theta < t.to) level = t.level;
    levels[code] = level;
  }
  return levels;
}
