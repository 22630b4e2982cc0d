import { describe, expect, it } from 'vitest';
import { AcademyGates } from './academy-gates.js';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('per-academy circuit breakers', () => {
  it('let everything through while the endpoint is healthy', () => {
    const gates = new AcademyGates();
    expect(gates.admit('a', t(0))).toBe('go');
    expect(gates.blocked(t(0))).toEqual([]);
  });

  it('block an academy after a failure until the probe time, then let exactly one probe through', () => {
    const gates = new AcademyGates(60_000);
    expect(gates.failed('a', t(10))).toBe(true);
    expect(gates.blocked(t(5))).toEqual(['a']);
    expect(gates.admit('a', t(5))).toEqual(t(10));
    expect(gates.admit('b', t(5))).toBe('go');
    expect(gates.admit('a', t(10))).toBe('go'); // the probe
    expect(gates.blocked(t(11))).toEqual(['a']);
    expect(gates.admit('a', t(11))).toEqual(t(70)); // others wait for the probe's outcome
  });

  it('start a new round (one bulk deferral) only on the first failure or a failed probe', () => {
    const gates = new AcademyGates();
    expect(gates.failed('a', t(10))).toBe(true);
    expect(gates.failed('a', t(12))).toBe(false); // another in-flight delivery failing in the same round
    expect(gates.admit('a', t(11))).toEqual(t(12));
    expect(gates.admit('a', t(12))).toBe('go');
    expect(gates.failed('a', t(40))).toBe(true);
  });

  it('close on success, and stop blocking when a probe never reports', () => {
    const gates = new AcademyGates(60_000);
    gates.failed('a', t(1));
    expect(gates.admit('a', t(2))).toBe('go');
    expect(gates.blocked(t(61))).toEqual(['a']);
    expect(gates.blocked(t(63))).toEqual([]);
    gates.close('a');
    expect(gates.admit('a', t(63))).toBe('go');
  });
});
