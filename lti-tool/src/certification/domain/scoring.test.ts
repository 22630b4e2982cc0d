import { describe, expect, it } from 'vitest';
import { gridEapModel } from '../testing/grid-eap-model.js';
import type { AnswerResult } from './incidents.js';
import { isDowngraded, scoreCourse, type ScoredAnswer } from './scoring.js';

const answers = (n: number, result: (i: number) => AnswerResult = (i) => (i % 3 === 2 ? 'ko' : 'ok')): ScoredAnswer[] =>
  Array.from({ length: n }, (_, i) => ({
    questionIndex: i,
    competenceId: '1.1',
    discrimination: 1.2,
    difficulty: -1 + (i % 5) * 0.5,
    result: result(i),
    neutralised: false,
  }));

describe('scoring a finished certification course', () => {
  it('validates 32 answers with a pix score and a level for each of the 16 competences', () => {
    const score = scoreCourse({ answers: answers(32), endReason: 'completed', rejectedForFraud: false }, gridEapModel());
    expect(score.status).toBe('validated');
    expect(score.pixScore).toBeGreaterThan(0);
    expect(score.pixScore).toBeLessThanOrEqual(895);
    expect(score.competenceLevels).toHaveLength(16);
    expect(score).toMatchObject({ answersCounted: 32, neutralisedCount: 0, downgradedBy: 0 });
  });

  it('rejects with NOT_ENOUGH_ANSWERS under 20 answers, at 19 but not at 20', () => {
    const at19 = scoreCourse({ answers: answers(19), endReason: 'candidate', rejectedForFraud: false }, gridEapModel());
    expect(at19).toMatchObject({ status: 'rejected', rejectionReason: 'NOT_ENOUGH_ANSWERS', pixScore: 0, competenceLevels: [] });
    const at20 = scoreCourse({ answers: answers(20), endReason: 'candidate', rejectedForFraud: false }, gridEapModel());
    expect(at20.status).toBe('validated');
  });

  it('does not count neutralised answers, so neutralisation can drop a course under 20', () => {
    const list = answers(21).map((a, i) => ({ ...a, neutralised: i < 2 }));
    const score = scoreCourse({ answers: list, endReason: 'completed', rejectedForFraud: false }, gridEapModel());
    expect(score).toMatchObject({ status: 'rejected', rejectionReason: 'NOT_ENOUGH_ANSWERS', answersCounted: 19, neutralisedCount: 2 });
  });

  it('leaves neutralised answers out of θ', () => {
    const model = gridEapModel();
    const all = answers(32, () => 'ok');
    const withWrongNeutralised = all.map((a, i) => (i < 4 ? { ...a, result: 'ko' as const, neutralised: true } : a));
    const clean = scoreCourse({ answers: all.slice(4).map((a) => ({ ...a })), endReason: 'completed', rejectedForFraud: false }, model);
    const neutralised = scoreCourse({ answers: withWrongNeutralised, endReason: 'completed', rejectedForFraud: false }, model);
    expect(neutralised.theta).toBeCloseTo(clean.theta!, 10);
  });

  it('rejects for fraud whatever the answers', () => {
    const score = scoreCourse({ answers: answers(32), endReason: 'completed', rejectedForFraud: true }, gridEapModel());
    expect(score).toMatchObject({ status: 'rejected', rejectionReason: 'FRAUD', pixScore: 0 });
  });

  it('downgrades a course the candidate left early: missing questions count as wrong', () => {
    const model = gridEapModel();
    const list = answers(24);
    const left = scoreCourse({ answers: list, endReason: 'candidate', rejectedForFraud: false }, model);
    const technical = scoreCourse({ answers: list, endReason: 'invigilator', abortReason: 'technical', rejectedForFraud: false }, model);
    expect(left.downgradedBy).toBe(8);
    expect(technical.downgradedBy).toBe(0);
    expect(left.theta!).toBeLessThan(technical.theta!);
    expect(left.pixScore).toBeLessThanOrEqual(technical.pixScore);
  });

  it('downgrades on the time limit and on finalisation unless the abort was technical', () => {
    expect(isDowngraded({ endReason: 'completed' })).toBe(false);
    expect(isDowngraded({ endReason: 'candidate' })).toBe(true);
    expect(isDowngraded({ endReason: 'time_limit' })).toBe(true);
    expect(isDowngraded({ endReason: 'finalisation', abortReason: 'candidate' })).toBe(true);
    expect(isDowngraded({ endReason: 'finalisation', abortReason: 'technical' })).toBe(false);
    expect(isDowngraded({ endReason: 'invigilator', abortReason: 'technical' })).toBe(false);
    expect(isDowngraded({ endReason: 'invigilator' })).toBe(true);
  });

  it('estimates from the answers in question order whatever order they are stored in', () => {
    const model = gridEapModel();
    const list = answers(25);
    const a = scoreCourse({ answers: list, endReason: 'completed', rejectedForFraud: false }, model);
    const b = scoreCourse({ answers: [...list].reverse(), endReason: 'completed', rejectedForFraud: false }, model);
    expect(b.theta).toBe(a.theta);
  });
});
