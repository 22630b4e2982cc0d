import { describe, expect, it } from 'vitest';
import {
  acceptsAnswerAt,
  allowedMs,
  applyCourseEvent,
  deadlineOf,
  isOverdue,
  newCandidateCourse,
  remainingMs,
  type CandidateCourse,
  type CourseEvent,
} from './candidate-course.js';

const T0 = new Date('2026-03-10T08:00:00.000Z');
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

function course(extraTimePercentage = 0): CandidateCourse {
  return newCandidateCourse({ id: 'c1', sessionId: 's1', candidate: { firstName: 'Léa' }, extraTimePercentage });
}

function run(c: CandidateCourse, ...steps: Array<[CourseEvent['type'], number]>): CandidateCourse {
  return steps.reduce((acc, [type, minute]) => applyCourseEvent(acc, { type } as CourseEvent, at(minute)), c);
}

const started = (extra = 0) => run(course(extra), ['confirmPresence', -10], ['join', -5], ['admit', -4], ['start', 0]);

describe('candidate course states', () => {
  it('goes registered → present → admitted → in progress → paused → resumed → ended', () => {
    let c = course();
    expect(c.state).toBe('registered');
    c = run(c, ['confirmPresence', -10]);
    expect(c.state).toBe('present');
    c = run(c, ['admit', -4]);
    expect(c.state).toBe('admitted');
    c = run(c, ['start', 0]);
    expect(c.state).toBe('in_progress');
    c = run(c, ['pause', 10]);
    expect(c.state).toBe('paused');
    c = run(c, ['resume', 25]);
    expect(c.state).toBe('resumed');
    expect(c.pausedMs).toBe(15 * 60_000);
    c = run(c, ['complete', 60]);
    expect(c).toMatchObject({ state: 'ended', endReason: 'completed', endedAt: at(60) });
  });

  it('records who ended it', () => {
    expect(run(started(), ['endByCandidate', 30]).endReason).toBe('candidate');
    expect(run(started(), ['endByInvigilator', 30]).endReason).toBe('invigilator');
    expect(run(started(), ['pause', 5], ['endByFinalisation', 30])).toMatchObject({ endReason: 'finalisation', pausedMs: 25 * 60_000 });
  });

  it.each<[CourseEvent['type'], CandidateCourse['state']]>([
    ['admit', 'registered'], // presence first
    ['start', 'present'], // admission first
    ['resume', 'in_progress'],
    ['pause', 'admitted'],
    ['endByCandidate', 'paused'], // the invigilator resumes or ends a paused course
    ['complete', 'registered'],
  ])('refuses %s from %s with COURSE_STATE_FORBIDS', (type, state) => {
    const c = { ...course(), state };
    expect(() => applyCourseEvent(c, { type } as CourseEvent, T0)).toThrow(expect.objectContaining({ code: 'COURSE_STATE_FORBIDS', status: 409 }));
  });

  it('refuses every event once ended, except nothing', () => {
    const ended = run(started(), ['complete', 50]);
    for (const type of ['join', 'pause', 'resume', 'complete', 'endByInvigilator', 'endByTimeLimit', 'endByFinalisation'] as const) {
      expect(() => applyCourseEvent(ended, { type }, at(51))).toThrow(/ended/);
    }
  });

  it('lets a candidate join again while the course runs (dropped connection) without changing its state', () => {
    const c = run(started(), ['join', 20]);
    expect(c.state).toBe('in_progress');
    expect(c.joinedAt).toEqual(at(20));
  });

  it('does not change the course it was given', () => {
    const c = started();
    applyCourseEvent(c, { type: 'pause' }, at(3));
    expect(c.state).toBe('in_progress');
  });
});

describe('time limit (1 h 45 enforced by the server, plus extra time)', () => {
  it('allows 105 minutes, a third more gives 140', () => {
    expect(allowedMs(0)).toBe(105 * 60_000);
    expect(allowedMs(33.33)).toBe(140 * 60_000);
    expect(allowedMs(50)).toBe(157.5 * 60_000);
  });

  it('sets the deadline at the start and moves it by the time paused', () => {
    let c = started();
    expect(c.deadlineAt).toEqual(at(105));
    c = run(c, ['pause', 30]);
    expect(c.deadlineAt).toBeUndefined();
    expect(deadlineOf(c)).toBeUndefined();
    c = run(c, ['resume', 50]);
    expect(c.deadlineAt).toEqual(at(125));
  });

  it('honours extra time granted before or during the test', () => {
    expect(started(33.33).deadlineAt).toEqual(at(140));
    const granted = applyCourseEvent(started(), { type: 'setExtraTime', percentage: 50 }, at(20));
    expect(granted.deadlineAt).toEqual(at(157, 30));
    expect(() => applyCourseEvent(started(), { type: 'setExtraTime', percentage: 120 }, at(20))).toThrow(
      expect.objectContaining({ code: 'EXTRA_TIME_INVALID' }),
    );
  });

  it('accepts an answer until the deadline plus 5 s of grace, not after', () => {
    const c = started();
    expect(acceptsAnswerAt(c, at(104, 59))).toBe(true);
    expect(acceptsAnswerAt(c, at(105, 5))).toBe(true);
    expect(acceptsAnswerAt(c, at(105, 6))).toBe(false);
    expect(acceptsAnswerAt(started(33.33), at(139, 0))).toBe(true);
    expect(acceptsAnswerAt(started(33.33), at(141, 0))).toBe(false);
    expect(acceptsAnswerAt(run(started(), ['pause', 10]), at(11))).toBe(false);
  });

  it('is overdue after the deadline; a paused course only at the 24 h cap', () => {
    expect(isOverdue(started(), at(105))).toBe(false);
    expect(isOverdue(started(), at(105, 1))).toBe(true);
    expect(isOverdue(started(33.33), at(120))).toBe(false);
    const paused = run(started(), ['pause', 10]);
    expect(isOverdue(paused, at(200))).toBe(false);
    expect(isOverdue(paused, at(24 * 60))).toBe(true);
  });

  it('never runs past 24 h whatever the pauses', () => {
    const c = run(started(), ['pause', 10], ['resume', 23 * 60 + 30]);
    expect(c.deadlineAt).toEqual(at(24 * 60));
  });

  it('ends a course stopped by the server at its deadline, not when the server noticed', () => {
    const c = applyCourseEvent(started(33.33), { type: 'endByTimeLimit' }, at(150));
    expect(c).toMatchObject({ state: 'ended', endReason: 'time_limit', endedAt: at(140) });
  });

  it('tells the remaining time, frozen while paused', () => {
    const c = run(started(), ['pause', 30]);
    expect(remainingMs(c, at(40))).toBe(75 * 60_000);
    expect(remainingMs(c, at(90))).toBe(75 * 60_000);
    expect(remainingMs(started(), at(200))).toBe(0);
    expect(remainingMs(course(), at(0))).toBeUndefined();
  });
});
