import type { GradeStatus } from './grade.js';

/**
 * The life of a grade:
 * - pending → delivering: a worker claims it (atomically);
 * - delivering → delivered | failed | pending: the LMS took it, refused it for good, or
 *   the attempt failed transiently (retry later) or a newer result arrived meanwhile;
 * - delivering → superseded: a result enqueued later for the same learner and line item
 *   was already sent (sending this one would overwrite it);
 * - delivering → delivering: the lease of a crashed worker ran out and another claims it;
 * - pending → pending: a newer result replaces the score before it was sent;
 * - delivered | failed | superseded → pending: "send again", or a newer result.
 */
const TRANSITIONS: Record<GradeStatus, readonly GradeStatus[]> = {
  pending: ['pending', 'delivering'],
  delivering: ['delivering', 'delivered', 'failed', 'superseded', 'pending'],
  delivered: ['pending'],
  failed: ['pending'],
  superseded: ['pending'],
};

export function canTransition(from: GradeStatus, to: GradeStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a grade may leave for `to` (the filter of the conditional update). */
export function statusesAllowedBefore(to: GradeStatus): GradeStatus[] {
  return (Object.keys(TRANSITIONS) as GradeStatus[]).filter((from) => canTransition(from, to));
}

/** Whether a teacher or admin may ask for the grade to be sent again now. */
export const isResendable = (status: GradeStatus): boolean => status !== 'delivering';
