import { describe, expect, it } from 'vitest';
import { applyUpdate, meets } from './write-lock.js';

describe('the conditions and updates updateIf evaluates itself where the server cannot', () => {
  const at = new Date('2026-03-01T10:00:00Z');
  const doc = { _id: 'g_1', status: 'pending', revision: 2, dueAt: at, leaseId: undefined };

  it('checks equalities (dates by time, missing as null) and $in', () => {
    expect(meets(doc, { status: 'pending', revision: 2, dueAt: new Date(at.getTime()) })).toBe(true);
    expect(meets(doc, { status: { $in: ['pending', 'delivering'] } })).toBe(true);
    expect(meets(doc, { leaseId: null })).toBe(true);
    expect(meets(doc, { revision: 3 })).toBe(false);
    expect(meets(doc, { dueAt: new Date(at.getTime() + 1) })).toBe(false);
    expect(meets(doc, { status: { $in: ['failed'] } })).toBe(false);
  });

  it('applies $set, $unset and $inc, and refuses other operators', () => {
    expect(applyUpdate({ ...doc, failure: { code: 'X' } }, { $set: { status: 'delivering', leaseId: 'l' }, $unset: { failure: '' }, $inc: { revision: 1 } })).toEqual({
      _id: 'g_1',
      status: 'delivering',
      revision: 3,
      dueAt: at,
      leaseId: 'l',
    });
    expect(() => applyUpdate(doc, { $push: { x: 1 } })).toThrow(/\$push/);
  });
});
