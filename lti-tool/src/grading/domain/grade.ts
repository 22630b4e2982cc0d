/**
 * A grade on its way to an LMS gradebook through LTI AGS: the score, where it goes
 * (a line item), for whom (the platform's user id), from what (the Pix result that
 * produced it), and its delivery state.
 */

export const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const;
export const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const;
export type ActivityProgress = (typeof ACTIVITY_PROGRESS)[number];
export type GradingProgress = (typeof GRADING_PROGRESS)[number];

/**
 * `superseded`: never sent because a result enqueued later for the same learner and line
 * item (a retake) was sent first; sending the older one would overwrite the newer grade.
 */
export const GRADE_STATUSES = ['pending', 'delivering', 'delivered', 'failed', 'superseded'] as const;
export type GradeStatus = (typeof GRADE_STATUSES)[number];

/** The launch's `lineitem` claim, or what is needed to find the line item of a resource link or create it. */
export type LineItemTarget =
  | { url: string }
  | { lineItemsUrl: string; label: string; scoreMaximum: number; resourceId?: string; tag?: string };

export interface GradeScore {
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  /** Shown to the learner as feedback in Moodle. */
  comment?: string;
}

/** The Pix result a grade comes from (e.g. a campaign participation): one grade per source and line item. */
export interface GradeSource {
  type: string;
  id: string;
}

/** Why a delivery failed for good, or why the last attempt failed. */
export interface GradeError {
  code: string;
  /** The LMS's own words where it gave some (e.g. "Incorrect score received"). */
  reason: string;
  httpStatus?: number;
  at: Date;
}

export interface GradeJob {
  id: string;
  tenantId: string;
  registrationId: string;
  contextId: string;
  resourceLinkId: string;
  lineItem: LineItemTarget;
  /** The line item URL the score went to (the target's, or the one found or created). */
  lineItemUrl?: string;
  /** The platform's user id (AGS `userId`). */
  userSub: string;
  /** Our pseudonymous learner id, to join with Pix results. */
  learnerId: string;
  score: GradeScore;
  source: GradeSource;
  status: GradeStatus;
  /** Bumped each time a newer result replaces the score: a delivery completes only the revision it sent. */
  revision: number;
  /** Delivery attempts that reached the point of calling the LMS. */
  attempts: number;
  /** When the job may next be claimed (pending), or when its lease ends (delivering). */
  dueAt: Date;
  lastError?: GradeError;
  /** Set when status is failed. */
  failure?: GradeError;
  deliveredAt?: Date;
  /** The AGS `timestamp` of the delivered score. */
  deliveredTimestamp?: Date;
  /** When the current revision was enqueued (a newer result, a resend): retries give up counting from here. */
  enqueuedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const isResolvedTarget = (target: LineItemTarget): target is { url: string } => 'url' in target;

/** Whether two scores would write the same thing into the gradebook (then re-enqueueing is a no-op). */
export function sameScore(a: GradeScore, b: GradeScore): boolean {
  return (
    a.scoreGiven === b.scoreGiven &&
    a.scoreMaximum === b.scoreMaximum &&
    a.activityProgress === b.activityProgress &&
    a.gradingProgress === b.gradingProgress &&
    (a.comment ?? '') === (b.comment ?? '')
  );
}

/** The parts that identify "this result on this line item for this person": the queue's idempotency key. */
export function gradeKeyParts(input: { registrationId: string; userSub: string; lineItem: LineItemTarget; resourceLinkId: string; source: GradeSource }): string[] {
  const target = isResolvedTarget(input.lineItem)
    ? ['url', input.lineItem.url]
    : ['link', input.lineItem.lineItemsUrl, input.resourceLinkId, input.lineItem.resourceId ?? '', input.lineItem.tag ?? ''];
  return [input.registrationId, input.userSub, input.source.type, input.source.id, ...target];
}
