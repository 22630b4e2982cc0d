import type { ActivityProgress, GradingProgress } from '../domain/grade.js';
import type { ScoreOutcome } from '../domain/score-response.js';

/** A score as AGS 2.0 carries it. */
export interface AgsScore {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  /** ISO-8601 with milliseconds. */
  timestamp: string;
  comment?: string;
}

export interface LineItemMatch {
  resourceLinkId: string;
  resourceId?: string;
  tag?: string;
}

export interface NewLineItem extends LineItemMatch {
  label: string;
  scoreMaximum: number;
}

/**
 * The port through which grades reach an LMS gradebook (LTI AGS). Methods throw
 * `LtiServiceError` for transient failures (timeouts, 5xx) and for refusals that are
 * not about the score (a URL off the platform, a scope not granted).
 */
export interface GradePublisher {
  /** Refuses (LTI_SERVICE_URL_FOREIGN) a line item URL that is not on the registration's platform. */
  checkLineItemUrl(registrationId: string, url: string): Promise<void>;
  /** The URL of the line item of a resource link, following the container's paging; undefined if none. */
  findLineItem(registrationId: string, lineItemsUrl: string, match: LineItemMatch): Promise<string | undefined>;
  /** Creates the line item (a gradebook column) and returns its URL. */
  createLineItem(registrationId: string, lineItemsUrl: string, item: NewLineItem): Promise<string>;
  publishScore(registrationId: string, lineItemUrl: string, score: AgsScore): Promise<ScoreOutcome>;
}
