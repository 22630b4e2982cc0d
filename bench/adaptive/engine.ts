import type { Random } from '../../lti-tool/src/adaptive/domain/random.js';

/** What the simulation drives: one engine, many tests (sequential, so exposure counters build up). */
export interface SimEngine {
  readonly name: string;
  /** A new test; `random` is the test's own stream (item picks). */
  newTest(random: Random): SimTest;
}

export interface SimTest {
  /** Pool index of the next item, or -1 to stop. */
  next(): number;
  answer(index: number, correct: boolean): void;
  estimate(): { theta: number; se: number };
  /** Optional level decision for B8 (default: the mesh level of the estimate). */
  meshLevel?(cuts: readonly number[]): number;
}
