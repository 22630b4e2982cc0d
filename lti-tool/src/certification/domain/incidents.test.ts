import { describe, expect, it } from 'vitest';
import { questionsToNeutralise, validateIncident, type AnswerRef } from './incidents.js';

const answers: AnswerRef[] = [
  { courseId: 'a', questionIndex: 0, result: 'ok' },
  { courseId: 'a', questionIndex: 1, result: 'ko' },
  { courseId: 'a', questionIndex: 2, result: 'timedout' },
  { courseId: 'a', questionIndex: 3, result: 'focusedOut' },
  { courseId: 'b', questionIndex: 1, result: 'aband' },
];

describe('neutralisation at finalisation', () => {
  it('neutralises a technically reported question the candidate did not get right', () => {
    const keys = questionsToNeutralise(
      [
        { category: 'in_challenge', subcategory: 'image_not_displaying', courseId: 'a', questionIndex: 1 },
        { category: 'in_challenge', subcategory: 'embed_not_working', courseId: 'b', questionIndex: 1 },
      ],
      answers,
    );
    expect([...keys].sort()).toEqual(['a:1', 'b:1']);
  });

  it('keeps a right answer even when a problem was reported on it', () => {
    const keys = questionsToNeutralise([{ category: 'in_challenge', subcategory: 'file_not_opening', courseId: 'a', questionIndex: 0 }], answers);
    expect(keys.size).toBe(0);
  });

  it('matches time and focus reports to timed-out and focused-out answers only', () => {
    const keys = questionsToNeutralise(
      [
        { category: 'in_challenge', subcategory: 'extra_time_exceeded', courseId: 'a', questionIndex: 2 },
        { category: 'in_challenge', subcategory: 'extra_time_exceeded', courseId: 'a', questionIndex: 1 },
        { category: 'in_challenge', subcategory: 'unintentional_focus_out', courseId: 'a', questionIndex: 3 },
      ],
      answers,
    );
    expect([...keys].sort()).toEqual(['a:2', 'a:3']);
  });

  it('ignores reports on unanswered questions, "other" reports and other categories', () => {
    const keys = questionsToNeutralise(
      [
        { category: 'in_challenge', subcategory: 'link_not_working', courseId: 'a', questionIndex: 9 },
        { category: 'in_challenge', subcategory: 'other', courseId: 'a', questionIndex: 1 },
        { category: 'technical_problem', courseId: 'a' },
      ],
      answers,
    );
    expect(keys.size).toBe(0);
  });

  it('adds the centre’s explicit neutralisations of answered questions', () => {
    const keys = questionsToNeutralise([], answers, [
      { courseId: 'a', questionIndex: 0 },
      { courseId: 'z', questionIndex: 0 },
    ]);
    expect([...keys]).toEqual(['a:0']);
  });
});

describe('incident validation', () => {
  it('needs a candidate, a question and a subcategory for a problem on a question', () => {
    expect(validateIncident({ category: 'in_challenge', courseId: 'a', questionIndex: 2, subcategory: 'other' })).toBeUndefined();
    expect(validateIncident({ category: 'in_challenge', questionIndex: 2, subcategory: 'other' })).toMatch(/courseId/);
    expect(validateIncident({ category: 'in_challenge', courseId: 'a', subcategory: 'other' })).toMatch(/questionIndex/);
    expect(validateIncident({ category: 'in_challenge', courseId: 'a', questionIndex: 1 })).toMatch(/subcategory/);
  });

  it('keeps question fields to in_challenge and a candidate on fraud', () => {
    expect(validateIncident({ category: 'technical_problem', questionIndex: 1 })).toMatch(/in_challenge/);
    expect(validateIncident({ category: 'fraud' })).toMatch(/courseId/);
    expect(validateIncident({ category: 'non_blocking_technical_issue' })).toBeUndefined();
  });
});
