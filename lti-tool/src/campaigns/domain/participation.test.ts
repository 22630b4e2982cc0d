import { describe, expect, it } from 'vitest';
import { campaignAllowsImprove, campaignAvailableTo, campaignDefinitionProblems } from './campaign.js';
import { checkAttempt, completedStatus, DEFAULT_ATTEMPT_DELAYS, initialParticipationStatus, nextAttempt, ParticipationRuleError, sharedStatus, type AttemptRules } from './participation.js';

const DAY = 24 * 3600_000;
const at = (days: number) => new Date(Date.UTC(2026, 2, 1) + days * DAY);
const assessmentRules: AttemptRules = { improve: true, retry: true, profilesCollection: false };

describe('participation state machine', () => {
  it('starts STARTED, or TO_SHARE for a profiles collection (nothing to answer)', () => {
    expect(initialParticipationStatus('ASSESSMENT')).toBe('STARTED');
    expect(initialParticipationStatus('EXAM')).toBe('STARTED');
    expect(initialParticipationStatus(undefined)).toBe('STARTED');
    expect(initialParticipationStatus('PROFILES_COLLECTION')).toBe('TO_SHARE');
  });

  it('moves STARTED → TO_SHARE → SHARED, forward only and idempotently', () => {
    expect(completedStatus('STARTED')).toBe('TO_SHARE');
    expect(completedStatus('TO_SHARE')).toBe('TO_SHARE');
    expect(completedStatus('SHARED')).toBe('SHARED');
    expect(sharedStatus('TO_SHARE')).toBe('SHARED');
    expect(sharedStatus('SHARED')).toBe('SHARED');
    expect(() => sharedStatus('STARTED')).toThrow(ParticipationRuleError);
  });
});

describe('improve and retry delays (4 days by default)', () => {
  it('nothing while the test runs', () => {
    expect(nextAttempt({ status: 'STARTED' }, undefined, assessmentRules, DEFAULT_ATTEMPT_DELAYS)).toEqual({ kind: 'none', reason: 'NOT_COMPLETED' });
    expect(() => checkAttempt({ kind: 'none', reason: 'NOT_COMPLETED' }, at(0))).toThrow(expect.objectContaining({ code: 'ASSESSMENT_NOT_COMPLETED' }));
  });

  it('improve a finished, unshared test 4 days after it ended', () => {
    const next = nextAttempt({ status: 'TO_SHARE' }, { completedAt: at(0) }, assessmentRules, DEFAULT_ATTEMPT_DELAYS);
    expect(next).toEqual({ kind: 'improve', availableAt: at(4) });
    expect(() => checkAttempt(next, at(3.99))).toThrow(expect.objectContaining({ code: 'RETRY_TOO_EARLY', details: { kind: 'improve', availableAt: at(4).toISOString() } }));
    expect(checkAttempt(next, at(4))).toEqual({ kind: 'improve' });
  });

  it('never improve an exam (nor a profiles collection)', () => {
    expect(campaignAllowsImprove('EXAM')).toBe(false);
    expect(campaignAllowsImprove('PROFILES_COLLECTION')).toBe(false);
    expect(campaignAllowsImprove('ASSESSMENT')).toBe(true);
    const exam = { ...assessmentRules, improve: campaignAllowsImprove('EXAM') };
    expect(nextAttempt({ status: 'TO_SHARE' }, { completedAt: at(0) }, exam, DEFAULT_ATTEMPT_DELAYS)).toEqual({ kind: 'none', reason: 'NOT_ALLOWED' });
  });

  it('retry a shared test 4 days after sharing, with multiple sendings and below 100 % mastery', () => {
    const shared = { status: 'SHARED' as const, sharedAt: at(10), masteryRate: 0.6 };
    const next = nextAttempt(shared, { completedAt: at(9) }, assessmentRules, DEFAULT_ATTEMPT_DELAYS);
    expect(next).toEqual({ kind: 'retry', availableAt: at(14) });
    expect(() => checkAttempt(next, at(13))).toThrow(expect.objectContaining({ code: 'RETRY_TOO_EARLY' }));
    expect(nextAttempt({ ...shared, masteryRate: 1 }, undefined, assessmentRules, DEFAULT_ATTEMPT_DELAYS)).toEqual({ kind: 'none', reason: 'FULL_MASTERY' });
    expect(nextAttempt(shared, undefined, { ...assessmentRules, retry: false }, DEFAULT_ATTEMPT_DELAYS)).toEqual({ kind: 'none', reason: 'NOT_ALLOWED' });
    expect(() => checkAttempt({ kind: 'none', reason: 'FULL_MASTERY' }, at(20))).toThrow(expect.objectContaining({ code: 'RETRY_NOT_ALLOWED', details: { reason: 'FULL_MASTERY' } }));
  });

  it('delays are configurable (0 allows at once)', () => {
    const delays = { daysBeforeImproving: 0, daysBeforeRetrying: 7 };
    expect(nextAttempt({ status: 'TO_SHARE' }, { completedAt: at(0) }, assessmentRules, delays)).toEqual({ kind: 'improve', availableAt: at(0) });
    expect(nextAttempt({ status: 'SHARED', sharedAt: at(0), masteryRate: 0 }, undefined, assessmentRules, delays)).toEqual({ kind: 'retry', availableAt: at(7) });
  });

  it('a profiles collection is sent again at once, whatever its (absent) mastery', () => {
    const rules = { improve: false, retry: true, profilesCollection: true };
    expect(nextAttempt({ status: 'SHARED', sharedAt: at(0), masteryRate: 1 }, undefined, rules, DEFAULT_ATTEMPT_DELAYS)).toEqual({ kind: 'retry', availableAt: at(0) });
  });
});

describe('campaign rules', () => {
  const place = { registrationId: 'reg-1', academy: 'versailles', schools: ['0781234A'] };
  it('a campaign is for its academy’s platforms, its school’s if it has one, its listed platforms if any', () => {
    expect(campaignAvailableTo({ academy: 'versailles', registrationIds: [] }, place)).toBe(true);
    expect(campaignAvailableTo({ academy: 'creteil', registrationIds: [] }, place)).toBe(false);
    expect(campaignAvailableTo({ academy: 'versailles', registrationIds: [] }, { ...place, academy: undefined })).toBe(false);
    expect(campaignAvailableTo({ academy: 'versailles', uai: '0781234A', registrationIds: [] }, place)).toBe(true);
    expect(campaignAvailableTo({ academy: 'versailles', uai: '0789999Z', registrationIds: [] }, place)).toBe(false);
    expect(campaignAvailableTo({ academy: 'versailles', registrationIds: ['reg-2'] }, place)).toBe(false);
    expect(campaignAvailableTo({ academy: 'versailles', registrationIds: ['reg-1'] }, place)).toBe(true);
  });

  it('an assessment needs a target profile, a profiles collection has none, flash length within 5–64', () => {
    const tubes = [{ tubeId: '@t', maxLevel: 3 }];
    expect(campaignDefinitionProblems({ type: 'ASSESSMENT', method: 'SMART_RANDOM', targetTubes: tubes })).toEqual([]);
    expect(campaignDefinitionProblems({ type: 'ASSESSMENT', method: 'SMART_RANDOM', targetTubes: [] })).toEqual(['TARGET_PROFILE_EMPTY']);
    expect(campaignDefinitionProblems({ type: 'PROFILES_COLLECTION', method: 'FLASH', targetTubes: tubes })).toEqual(['TARGET_PROFILE_NOT_ALLOWED', 'METHOD_NOT_ALLOWED']);
    expect(campaignDefinitionProblems({ type: 'EXAM', method: 'FLASH', targetTubes: tubes, flashLength: 4 })).toEqual(['FLASH_LENGTH_INVALID']);
    expect(campaignDefinitionProblems({ type: 'EXAM', method: 'SMART_RANDOM', targetTubes: tubes, flashLength: 20 })).toEqual(['FLASH_LENGTH_NOT_ALLOWED']);
  });
});
