import type { GradeScore, LineItemTarget } from './grade.js';

/** A rule a grade breaks, with a stable code for the error contract. */
export class GradeRuleViolation extends Error {
  constructor(
    readonly code: 'GRADE_NOT_FINAL' | 'GRADE_SCORE_INVALID' | 'GRADE_LINE_ITEM_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'GradeRuleViolation';
  }
}

const FINAL_ACTIVITY = new Set(['Submitted', 'Completed']);
const MAX_COMMENT = 4000;
const MAX_LABEL = 255;

/**
 * Only final results go to the gradebook. Moodle nulls the grade of any score whose
 * `gradingProgress` is not `FullyGraded` — a progress update would blank a grade
 * already there — so the queue takes FullyGraded scores of a submitted or completed
 * activity, with a score between 0 and the maximum.
 */
export function checkFinalScore(score: GradeScore): void {
  if (score.gradingProgress !== 'FullyGraded') {
    throw new GradeRuleViolation(
      'GRADE_NOT_FINAL',
      `gradingProgress must be FullyGraded (got ${score.gradingProgress}): Moodle blanks the grade of any other score, so only final results are sent.`,
    );
  }
  if (!FINAL_ACTIVITY.has(score.activityProgress)) {
    throw new GradeRuleViolation('GRADE_NOT_FINAL', `a FullyGraded score needs activityProgress Submitted or Completed (got ${score.activityProgress}).`);
  }
  if (!Number.isFinite(score.scoreMaximum) || score.scoreMaximum <= 0) {
    throw new GradeRuleViolation('GRADE_SCORE_INVALID', `scoreMaximum must be a positive number (got ${score.scoreMaximum}).`);
  }
  if (!Number.isFinite(score.scoreGiven) || score.scoreGiven < 0 || score.scoreGiven > score.scoreMaximum) {
    throw new GradeRuleViolation('GRADE_SCORE_INVALID', `scoreGiven must be between 0 and scoreMaximum ${score.scoreMaximum} (got ${score.scoreGiven}).`);
  }
  if (score.comment !== undefined && score.comment.length > MAX_COMMENT) {
    throw new GradeRuleViolation('GRADE_SCORE_INVALID', `comment must be at most ${MAX_COMMENT} characters.`);
  }
}

/** A line item to create must be one Moodle accepts (label and scoreMaximum are required there). */
export function checkLineItemTarget(target: LineItemTarget): void {
  if ('url' in target) {
    if (!target.url) throw new GradeRuleViolation('GRADE_LINE_ITEM_INVALID', 'lineItem.url is empty.');
    return;
  }
  if (!target.lineItemsUrl) throw new GradeRuleViolation('GRADE_LINE_ITEM_INVALID', 'lineItem.lineItemsUrl is empty.');
  if (!target.label.trim() || target.label.length > MAX_LABEL) {
    throw new GradeRuleViolation('GRADE_LINE_ITEM_INVALID', `lineItem.label must be 1–${MAX_LABEL} characters.`);
  }
  if (!Number.isFinite(target.scoreMaximum) || target.scoreMaximum <= 0) {
    throw new GradeRuleViolation('GRADE_LINE_ITEM_INVALID', 'lineItem.scoreMaximum must be a positive number.');
  }
  for (const [name, value] of [
    ['resourceId', target.resourceId],
    ['tag', target.tag],
  ] as const) {
    if (value !== undefined && value.length > MAX_LABEL) throw new GradeRuleViolation('GRADE_LINE_ITEM_INVALID', `lineItem.${name} must be at most ${MAX_LABEL} characters.`);
  }
}
