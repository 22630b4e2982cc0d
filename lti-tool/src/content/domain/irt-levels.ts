/**
 * How the IRT difficulty scale (θ, b) lines up with the 8 levels: the bounds of Pix's
 * certification v3 mesh (−1.4, −0.519, 0.6, 1.5, 2.25, 3.1, 4). A skill of level L is
 * expected to have challenges whose difficulty b falls in band L. Used to give synthetic
 * items a level and to warn authors whose calibration disagrees with the level.
 */
export const LEVEL_DIFFICULTY_BOUNDS = [-1.4, -0.519, 0.6, 1.5, 2.25, 3.1, 4] as const;

/** The level (1–8) whose band contains difficulty b. */
export function levelForDifficulty(b: number): number {
  let level = 1;
  for (const bound of LEVEL_DIFFICULTY_BOUNDS) if (b >= bound) level += 1;
  return level;
}

/** A representative difficulty for a level: the middle of its band (open ends extended by one band width). */
export function typicalDifficulty(level: number): number {
  const bounds = LEVEL_DIFFICULTY_BOUNDS;
  if (level <= 1) return bounds[0] - 0.6;
  if (level >= 8) return bounds[6] + 0.5;
  return (bounds[level - 2]! + bounds[level - 1]!) / 2;
}
