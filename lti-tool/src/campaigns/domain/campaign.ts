/**
 * A campaign (pix-domain.md §4): what a school's admins set up and teachers add to their
 * course. `ASSESSMENT` assesses a target profile (tubes with level caps); `EXAM` is an
 * assessment whose results cannot be improved; `PROFILES_COLLECTION` asks nothing and
 * collects the learner's profile (the 16 competences) when they share it.
 */
export const CAMPAIGN_TYPES = ['ASSESSMENT', 'PROFILES_COLLECTION', 'EXAM'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** How the next question is chosen: Pix's smart random (with checkpoints) or the IRT flash engine (fixed length). */
export const ASSESSMENT_METHODS = ['SMART_RANDOM', 'FLASH'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

/** A tube of the target profile and the highest level assessed in it. */
export interface TargetTube {
  tubeId: string;
  maxLevel: number;
}

/** Flash campaigns ask this many questions at most (Pix's NUMBER_OF_CHALLENGES_FOR_FLASH_METHOD is larger; school sessions are short). */
export const DEFAULT_FLASH_CAMPAIGN_QUESTIONS = 32;

export interface Campaign {
  id: string;
  code: string;
  title: string;
  description?: string;
  type: CampaignType;
  method: AssessmentMethod;
  /** FLASH only: the number of questions. */
  flashLength?: number;
  /** ASSESSMENT and EXAM: the target profile. Empty for a profiles collection. */
  targetTubes: TargetTube[];
  /**
   * The target skills, frozen when the campaign was created (Pix's campaign_skills): a new
   * bank version does not change what a running campaign measures.
   */
  skillIds: string[];
  /** Learners may send their results again (retry) after the delay. */
  multipleSendings: boolean;
  /** Owner academy: its admins manage the campaign, its platforms may use it. */
  academy: string;
  /** Owner school (UAI) when the campaign is a school's own: only platforms linked to that school may use it. */
  uai?: string;
  /** When not empty, only these platform registrations may use it. */
  registrationIds: string[];
  archivedAt?: Date;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a launch comes from, as campaigns' audience rules read it. */
export interface LaunchPlace {
  registrationId: string;
  /** The registration's academy, when an admin linked it to one. */
  academy?: string;
  /** UAIs of the schools linked to the registration. */
  schools: readonly string[];
}

/** May learners and teachers launching from `place` use the campaign? Archived ones stay visible to those already in. */
export function campaignAvailableTo(campaign: Pick<Campaign, 'academy' | 'uai' | 'registrationIds'>, place: LaunchPlace): boolean {
  if (!place.academy || place.academy !== campaign.academy) return false;
  if (campaign.uai && !place.schools.includes(campaign.uai)) return false;
  if (campaign.registrationIds.length > 0 && !campaign.registrationIds.includes(place.registrationId)) return false;
  return true;
}

/** Whether a finished, not yet shared, assessment may be taken again on the same participation (Pix's "improve"). */
export function campaignAllowsImprove(type: CampaignType): boolean {
  return type === 'ASSESSMENT';
}

/** Rule violations when defining a campaign, as codes for the error contract. */
export function campaignDefinitionProblems(input: {
  type: CampaignType;
  method: AssessmentMethod;
  targetTubes: readonly TargetTube[];
  flashLength?: number;
}): string[] {
  const problems: string[] = [];
  const assesses = input.type !== 'PROFILES_COLLECTION';
  if (assesses && input.targetTubes.length === 0) problems.push('TARGET_PROFILE_EMPTY');
  if (!assesses && input.targetTubes.length > 0) problems.push('TARGET_PROFILE_NOT_ALLOWED');
  if (!assesses && input.method !== 'SMART_RANDOM') problems.push('METHOD_NOT_ALLOWED');
  if (input.method !== 'FLASH' && input.flashLength !== undefined) problems.push('FLASH_LENGTH_NOT_ALLOWED');
  if (input.flashLength !== undefined && !(Number.isInteger(input.flashLength) && input.flashLength >= 5 && input.flashLength <= 64)) problems.push('FLASH_LENGTH_INVALID');
  return problems;
}
