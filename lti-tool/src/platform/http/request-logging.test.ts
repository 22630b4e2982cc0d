import { describe, expect, it } from 'vitest';
import { hashVerificationCodes } from './request-logging.js';

describe('verification codes in request logs', () => {
  it('are replaced by a keyed hash, the same for the same code however typed', () => {
    const a = hashVerificationCodes('/api/certifications/verify/P-7KD3XBQ9', 'k')!;
    const b = hashVerificationCodes('/certifications/verification?code=p7kd3xbq9', 'k')!;
    expect(a).not.toContain('7KD3XBQ9');
    expect(b.toUpperCase()).not.toContain('7KD3XBQ9');
    expect(a.split('code#')[1]).toBe(b.split('code#')[1]);
    expect(hashVerificationCodes('/api/certifications/verify/P-7KD3XBQ9', 'other')).not.toBe(a);
  });

  it('leave other URLs alone', () => {
    expect(hashVerificationCodes('/api/organizations/0781234A/certifications', 'k')).toBe('/api/organizations/0781234A/certifications');
    expect(hashVerificationCodes('/readyz', 'k')).toBe('/readyz');
  });
});
