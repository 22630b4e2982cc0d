import type { Accepted, DependentSolution, FieldSpec, Tolerance } from '../../content/domain/challenge.js';
import { matchField, type FieldCheck } from './answer-check-field.js';

/**
 * QROCM-dep: the fields are judged together.
 * - anyOrder: every field must match a group of alternatives, each group at most once
 *   ("Firefox" twice counts once). Which field takes which group is a bipartite matching,
 *   found with augmenting paths so that overlapping groups never fail a right answer.
 * - combinations: the fields must all match the same accepted combination.
 */
export function checkDependentFields(
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, string>>,
  solution: DependentSolution,
  tolerance: Tolerance,
): Record<string, FieldCheck> {
  return solution.mode === 'anyOrder'
    ? checkAnyOrder(fields, values, solution.groups, tolerance)
    : checkCombinations(fields, values, solution.combinations, tolerance);
}

function checkAnyOrder(
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, string>>,
  groups: ReadonlyArray<{ accepted: Accepted }>,
  tolerance: Tolerance,
): Record<string, FieldCheck> {
  // candidates[f] = groups field f matches, with how.
  const candidates = fields.map((field) =>
    groups.flatMap((group, g) => {
      const check = matchField(field, values[field.key] ?? '', group.accepted, tolerance);
      return check.correct ? [{ group: g, check }] : [];
    }),
  );
  const groupOwner = new Array<number>(groups.length).fill(-1);
  const tryAssign = (f: number, seen: boolean[]): boolean => {
    for (const { group } of candidates[f]!) {
      if (seen[group]) continue;
      seen[group] = true;
      if (groupOwner[group] === -1 || tryAssign(groupOwner[group]!, seen)) {
        groupOwner[group] = f;
        return true;
      }
    }
    return false;
  };
  fields.forEach((_, f) => tryAssign(f, new Array<boolean>(groups.length).fill(false)));
  const result: Record<string, FieldCheck> = {};
  fields.forEach((field, f) => {
    const group = groupOwner.indexOf(f);
    result[field.key] = group === -1 ? { correct: false } : candidates[f]!.find((c) => c.group === group)!.check;
  });
  return result;
}

function checkCombinations(
  fields: readonly FieldSpec[],
  values: Readonly<Record<string, string>>,
  combinations: ReadonlyArray<{ values: Record<string, Accepted> }>,
  tolerance: Tolerance,
): Record<string, FieldCheck> {
  let best: Record<string, FieldCheck> | undefined;
  let bestScore = -1;
  for (const combination of combinations) {
    const checks: Record<string, FieldCheck> = {};
    let score = 0;
    for (const field of fields) {
      const check = matchField(field, values[field.key] ?? '', combination.values[field.key] ?? [], tolerance);
      checks[field.key] = check;
      if (check.correct) score += 1;
    }
    if (score > bestScore) {
      best = checks;
      bestScore = score;
    }
    if (score === fields.length) break;
  }
  return best ?? Object.fromEntries(fields.map((f) => [f.key, { correct: false }]));
}
