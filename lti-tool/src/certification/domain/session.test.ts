import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { allowedActions, assertSessionAllows, nextStatus, sessionAllows, type SessionAction, type SessionStatus } from './session.js';

const ACTIONS: SessionAction[] = ['edit', 'enrol', 'unenrol', 'setExtraTime', 'delete', 'start', 'join', 'invigilate', 'answer', 'report', 'finalise', 'publish'];

describe('session life cycle', () => {
  it('moves created → started → finalised → published and never back', () => {
    expect(nextStatus({ status: 'created', number: 1 }, 'start')).toBe('started');
    expect(nextStatus({ status: 'started', number: 1 }, 'finalise')).toBe('finalised');
    expect(nextStatus({ status: 'finalised', number: 1 }, 'publish')).toBe('published');
    expect(() => nextStatus({ status: 'started', number: 1 }, 'start')).toThrow(AppError);
    expect(() => nextStatus({ status: 'created', number: 1 }, 'finalise')).toThrow(/created/);
    expect(() => nextStatus({ status: 'started', number: 1 }, 'publish')).toThrow(/started/);
    expect(() => nextStatus({ status: 'published', number: 1 }, 'publish')).toThrow(/published/);
  });

  it.each<[SessionStatus, SessionAction[]]>([
    ['created', ['edit', 'enrol', 'unenrol', 'setExtraTime', 'delete', 'start', 'invigilate']],
    ['started', ['enrol', 'setExtraTime', 'join', 'invigilate', 'answer', 'report', 'finalise']],
    ['finalised', ['publish']],
    ['published', []],
  ])('%s allows exactly %j', (status, allowed) => {
    expect([...allowedActions(status)].sort()).toEqual([...allowed].sort());
    for (const action of ACTIONS) expect(sessionAllows(status, action)).toBe(allowed.includes(action));
  });

  it('refuses with SESSION_STATE_FORBIDS (409) and says what is allowed', () => {
    try {
      assertSessionAllows({ status: 'finalised', number: 42 }, 'answer');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('SESSION_STATE_FORBIDS');
      expect((err as AppError).status).toBe(409);
      expect((err as AppError).details).toEqual({ status: 'finalised', action: 'answer', allowed: ['publish'] });
    }
  });
});
