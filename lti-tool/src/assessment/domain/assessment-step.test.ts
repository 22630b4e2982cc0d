import { describe, expect, it } from 'vitest';
import { checkpointAfter, checkpointId, checkpointNumberOf, currentStep } from './assessment-step.js';

const facts = (answered: number, options: { ended?: boolean; acknowledged?: number; checkpoints?: boolean } = {}) => ({
  checkpoints: options.checkpoints ?? true,
  answered,
  ended: options.ended ?? false,
  acknowledged: options.acknowledged ?? 0,
  ...(options.ended ? {} : { nextChallengeId: `c${answered + 1}` }),
});

describe('checkpoint rule (every 5 answers, and a final one)', () => {
  it('asks the next challenge between checkpoints', () => {
    expect(currentStep(facts(0))).toEqual({ kind: 'challenge', challengeId: 'c1', number: 1 });
    expect(currentStep(facts(4))).toEqual({ kind: 'challenge', challengeId: 'c5', number: 5 });
  });

  it('shows a checkpoint after every 5th answer, on those 5 answers, until acknowledged', () => {
    expect(currentStep(facts(5))).toEqual({ kind: 'checkpoint', number: 1, final: false, fromAnswer: 1, toAnswer: 5 });
    expect(currentStep(facts(5, { acknowledged: 1 }))).toEqual({ kind: 'challenge', challengeId: 'c6', number: 6 });
    expect(currentStep(facts(10, { acknowledged: 1 }))).toEqual({ kind: 'checkpoint', number: 2, final: false, fromAnswer: 6, toAnswer: 10 });
  });

  it('ends with a final checkpoint on the answers since the last one', () => {
    expect(currentStep(facts(7, { ended: true, acknowledged: 1 }))).toEqual({ kind: 'checkpoint', number: 2, final: true, fromAnswer: 6, toAnswer: 7 });
    expect(currentStep(facts(7, { ended: true, acknowledged: 2 }))).toEqual({ kind: 'completed' });
  });

  it('makes the 5th-answer checkpoint the final one when the test ends there', () => {
    expect(currentStep(facts(10, { ended: true, acknowledged: 1 }))).toEqual({ kind: 'checkpoint', number: 2, final: true, fromAnswer: 6, toAnswer: 10 });
  });

  it('has no checkpoint for a test ended before any answer, nor for tests without checkpoints (flash)', () => {
    expect(currentStep(facts(0, { ended: true }))).toEqual({ kind: 'completed' });
    expect(currentStep(facts(5, { checkpoints: false }))).toEqual({ kind: 'challenge', challengeId: 'c6', number: 6 });
    expect(currentStep(facts(12, { checkpoints: false, ended: true }))).toEqual({ kind: 'completed' });
    expect(checkpointAfter(facts(5, { checkpoints: false }))).toBeUndefined();
  });

  it('names checkpoints by number', () => {
    expect(checkpointId(3)).toBe('cp3');
    expect(checkpointNumberOf('cp3')).toBe(3);
    expect(checkpointNumberOf('cp0')).toBeUndefined();
    expect(checkpointNumberOf('checkpoint-3')).toBeUndefined();
  });
});
