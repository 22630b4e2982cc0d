import { describe, expect, it } from 'vitest';
import { reasonFromBody, retryAfterMs } from './service-error.js';

describe('reasonFromBody', () => {
  it('takes the reason of a JSON error body', () => {
    expect(reasonFromBody('{"status":400,"reason":"Incorrect score received"}', 400)).toBe('Incorrect score received');
    expect(reasonFromBody('{"error":"invalid_scope","error_description":"Scope not allowed"}', 400)).toBe('Scope not allowed');
  });

  it('keeps a plain-text body, without markup, trimmed', () => {
    expect(reasonFromBody('<p>Incorrect   score\nreceived</p>', 400)).toBe('Incorrect score received');
    expect(reasonFromBody('x'.repeat(600), 400)).toHaveLength(501);
  });

  it('says when there is no reason', () => {
    expect(reasonFromBody('  ', 400)).toBe('HTTP 400 without a reason');
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  it('reads seconds and HTTP dates, capped at an hour', () => {
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('86400', now)).toBe(3600_000);
  });
  it('ignores absent or unreadable values', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });
});
