/**
 * The two-parameter logistic model Pix uses for its "flash" items:
 * P(correct | θ) = 1 / (1 + e^{a(b − θ)}), a = discrimination, b = difficulty (D = 1).
 */

export function probabilityCorrect(theta: number, a: number, b: number): number {
  return 1 / (1 + Math.exp(a * (b - theta)));
}

/** Fisher information of one item at θ: a²·P·(1 − P). */
export function fisherInformation(theta: number, a: number, b: number): number {
  const p = 1 / (1 + Math.exp(a * (b - theta)));
  return a * a * p * (1 - p);
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** log P(response | θ): −softplus(−z) when correct, −softplus(z) when wrong, z = a(θ − b). */
export function logLikelihood(theta: number, a: number, b: number, correct: boolean): number {
  const z = a * (theta - b);
  return correct ? -softplus(-z) : -softplus(z);
}

/**
 * The ability at which an item is answered correctly with probability `p`:
 * θ = b + ln(p / (1 − p)) / a (Pix's `minimumCapability` for p = 0.95 ≈ b + 2.944 / a).
 */
export function abilityForSuccessProbability(a: number, b: number, p: number): number {
  return b + Math.log(p / (1 - p)) / a;
}
