import type { CampaignType } from './campaign.js';

/**
 * A learner's participation in an activity (pix-domain.md §4): STARTED while the test
 * runs, TO_SHARE once it is over (a profiles collection starts there: there is nothing to
 * answer), SHARED when the learner sent their results to the teacher — then the results
 * and knowledge elements are frozen. A retry creates a new participation (attempt n + 1);
 * the older one is kept, marked improved.
 */
export const PARTICIPATION_STATUSES = ['STARTED', 'TO_SHARE', 'SHARED'] as const;
export type ParticipationStatus = (typeof PARTICIPATION_STATUSES)[number];

export function initialParticipationStatus(campaignType: CampaignType | undefined): ParticipationStatus {
  return campaignType === 'PROFILES_COLLECTION' ? 'TO_SHARE' : 'STARTED';
}

export class ParticipationRuleError extends Error {
  constructor(
    readonly code: 'ASSESSMENT_NOT_COMPLETED' | 'RETRY_NOT_ALLOWED' | 'RETRY_TOO_EARLY',
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ParticipationRuleError';
  }
}

/** The test is over: STARTED → TO_SHARE. Later states are kept (idempotent). */
export function completedStatus(status: ParticipationStatus): ParticipationStatus {
  return status === 'STARTED' ? 'TO_SHARE' : status;
}

/** The learner shares: TO_SHARE → SHARED; SHARED stays (idempotent); STARTED is refused. */
export function sharedStatus(status: ParticipationStatus): ParticipationStatus {
  if (status === 'STARTED') throw new ParticipationRuleError('ASSESSMENT_NOT_COMPLETED', 'The test is not finished: there is nothing to share yet.');
  return 'SHARED';
}

/** Pix's `dayBeforeImproving` and `dayBeforeRetrying` (both 4 days by default). */
export interface AttemptDelays {
  daysBeforeImproving: number;
  daysBeforeRetrying: number;
}

export const DEFAULT_ATTEMPT_DELAYS: AttemptDelays = { daysBeforeImproving: 4, daysBeforeRetrying: 4 };

/** What the activity allows after a test: improving before sharing, sending again after sharing. */
export interface AttemptRules {
  /** Improve (same participation, a new test where old failures may be asked again): not for EXAM nor profiles collections. */
  improve: boolean;
  /** Retry (a new participation once shared): the campaign's `multipleSendings`. */
  retry: boolean;
  /** Profiles collections have no test, so no mastery and no delay: the learner just sends their profile again. */
  profilesCollection: boolean;
}

export type NextAttempt = { kind: 'improve' | 'retry'; availableAt: Date } | { kind: 'none'; reason: 'NOT_COMPLETED' | 'NOT_ALLOWED' | 'FULL_MASTERY' };

const DAY_MS = 24 * 3600_000;

/**
 * What the learner may do after this participation (pix-domain.md §3a.7): improve a
 * finished, unshared test `daysBeforeImproving` after it ended (before that, Pix's
 * improvement filter would forget none of the failures and the new test would end at
 * once); retry a shared one `daysBeforeRetrying` after sharing, only with multiple
 * sendings and below 100 % mastery.
 */
export function nextAttempt(
  participation: { status: ParticipationStatus; sharedAt?: Date; masteryRate?: number },
  assessment: { completedAt?: Date } | undefined,
  rules: AttemptRules,
  delays: AttemptDelays,
): NextAttempt {
  if (participation.status === 'STARTED') return { kind: 'none', reason: 'NOT_COMPLETED' };
  if (participation.status === 'TO_SHARE') {
    if (!rules.improve || !assessment?.completedAt) return { kind: 'none', reason: 'NOT_ALLOWED' };
    return { kind: 'improve', availableAt: new Date(assessment.completedAt.getTime() + delays.daysBeforeImproving * DAY_MS) };
  }
  if (!rules.retry || !participation.sharedAt) return { kind: 'none', reason: 'NOT_ALLOWED' };
  if (rules.profilesCollection) return { kind: 'retry', availableAt: participation.sharedAt };
  if ((participation.masteryRate ?? 0) >= 1) return { kind: 'none', reason: 'FULL_MASTERY' };
  return { kind: 'retry', availableAt: new Date(participation.sharedAt.getTime() + delays.daysBeforeRetrying * DAY_MS) };
}

/** The attempt the learner asked for, or why not (for `POST …/retry`). */
export function checkAttempt(next: NextAttempt, now: Date): { kind: 'improve' | 'retry' } {
  if (next.kind === 'none') {
    if (next.reason === 'NOT_COMPLETED') throw new ParticipationRuleError('ASSESSMENT_NOT_COMPLETED', 'Finish the test before trying again.');
    throw new ParticipationRuleError('RETRY_NOT_ALLOWED', 'This activity cannot be taken again.', { reason: next.reason });
  }
  if (next.availableAt.getTime() > now.getTime()) {
    throw new ParticipationRuleError('RETRY_TOO_EARLY', 'It is too early to try again.', { kind: next.kind, availableAt: next.availableAt.toISOString() });
  }
  return { kind: next.kind };
}

/** A learner's participation in an activity (one per attempt). */
export interface Participation {
  /** Derived from (tenant, activity, learner, attempt): concurrent starts meet on it. */
  id: string;
  tenantId: string;
  learnerId: string;
  registrationId: string;
  /** `campaign:…` or `competence-evaluation:…`. */
  activityKey: string;
  activity: { type: 'campaign' | 'competence-evaluation'; id: string };
  /** 1, then 2… for each retry. */
  attempt: number;
  status: ParticipationStatus;
  /** A newer attempt replaced it. */
  improved: boolean;
  /** The courses and resource links the learner launched it from (the teacher dashboard's scope). */
  contextIds: string[];
  resourceLinkIds: string[];
  /** Where the grade goes (the last launch's AGS claims), kept to send it after the launch. Opaque here. */
  gradeTarget?: unknown;
  /** The current assessment (a new one for each improvement). */
  assessmentId: string;
  assessmentRuns: number;
  createdAt: Date;
  updatedAt: Date;
  completedAt?: Date;
  sharedAt?: Date;
  /** The results as shared, frozen (opaque here: the assessment module's). */
  sharedResults?: unknown;
  masteryRate?: number;
  pixScore?: number;
  /** The grade job sent for the shared results. */
  gradeId?: string;
  /** Why the grade queue refused it (a code), so it is not tried again. */
  gradeError?: string;
}
