import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_CODE_PATTERN, CODE_DIGITS, CODE_LETTERS, generateCampaignCode, normalizeCampaignCode } from './campaign-code.js';

describe('campaign codes', () => {
  it('are 6 readable letters then 3 digits', () => {
    for (let i = 0; i < 500; i++) {
      const code = generateCampaignCode((max) => randomInt(max));
      expect(code).toMatch(CAMPAIGN_CODE_PATTERN);
      for (const letter of code.slice(0, 6)) expect(CODE_LETTERS).toContain(letter);
      for (const digit of code.slice(6)) expect(CODE_DIGITS).toContain(digit);
    }
  });

  it('avoid characters read one for another (I/1, O/0)', () => {
    expect(CODE_LETTERS).not.toMatch(/[IO]/);
    expect(CODE_DIGITS).not.toMatch(/[01]/);
    expect(new Set(CODE_LETTERS).size).toBe(24);
  });

  it('use every character of the alphabet (the draw is not biased to a subset)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const c of generateCampaignCode((max) => randomInt(max))) seen.add(c);
    expect(seen.size).toBe(CODE_LETTERS.length + CODE_DIGITS.length);
  });

  it('come from the given draw (a collision is retried with another draw)', () => {
    let n = 0;
    const draw = (max: number) => n++ % max;
    expect(generateCampaignCode(draw)).toBe('ABCDEF892');
  });

  it('are read back from what a learner types', () => {
    expect(normalizeCampaignCode('  bctrdm253 ')).toBe('BCTRDM253');
    expect(normalizeCampaignCode('BCTRDM25')).toBeUndefined();
    expect(normalizeCampaignCode('BCTRDM2534')).toBeUndefined();
    expect(normalizeCampaignCode('12TRDM253')).toBeUndefined();
    expect(normalizeCampaignCode('BCT RDM253')).toBeUndefined();
  });
});
