import type { AssessmentMethod, CampaignType } from './campaign.js';
import type { AttemptRules } from './participation.js';

/** What an LTI resource link opens (the launch's `activity`), restricted to what this module runs. */
export interface ActivityRef {
  type: 'campaign' | 'competence-evaluation';
  id: string;
}

/** One string per activity, used as a key in storage: `campaign:cmp_…`, `competence-evaluation:competence-1-1`. */
export const activityKeyOf = (ref: ActivityRef): string => `${ref.type}:${ref.id}`;

/** How a result becomes a grade: the mastery rate in % (out of 100), or pix out of a fixed maximum. */
export interface GradeScale {
  basis: 'mastery' | 'pix';
  /** The gradebook column's maximum, fixed when the teacher adds the activity. */
  scoreMaximum: number;
}

/**
 * An activity as the assessment runs it: a campaign, or one of the built-in adaptive tests.
 * Resolved for one launch (its tenant may use it) from the campaign or the framework.
 */
export interface Activity {
  ref: ActivityRef;
  key: string;
  title: string;
  description?: string;
  /** Campaigns only. */
  code?: string;
  campaignType?: CampaignType;
  /** `NONE`: a profiles collection asks nothing. */
  method: AssessmentMethod | 'NONE';
  /** FLASH: the number of questions. */
  flashLength?: number;
  /** Smart random tests show a checkpoint every 5 answers and a final one. */
  checkpoints: boolean;
  /** The skills results are computed on (and smart random chooses from). */
  targetSkillIds: readonly string[];
  /** The competences the activity covers, framework order: the results' and the dashboard's columns. */
  competenceIds: readonly string[];
  /** No new participants; those already in may finish and share. */
  archived: boolean;
  attemptRules: AttemptRules;
  grade: GradeScale;
}

/** The score sent to the gradebook for results of an activity. */
export function gradeScoreOf(scale: GradeScale, results: { masteryRate: number; pixScore: number }): number {
  const raw = scale.basis === 'mastery' ? Math.round(results.masteryRate * 10000) / 100 : results.pixScore;
  return Math.min(Math.max(raw, 0), scale.scoreMaximum);
}

/** Assessment campaigns are graded on mastery (what the target profile asks); profiles on pix. */
export function gradeScaleOfCampaign(type: CampaignType, maxReachableLevel: number, competenceCount: number): GradeScale {
  if (type === 'PROFILES_COLLECTION') return { basis: 'pix', scoreMaximum: competenceCount * 8 * maxReachableLevel };
  return { basis: 'mastery', scoreMaximum: 100 };
}

export function methodOfCampaign(type: CampaignType, method: AssessmentMethod): Activity['method'] {
  return type === 'PROFILES_COLLECTION' ? 'NONE' : method;
}
