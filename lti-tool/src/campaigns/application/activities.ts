import type { ContentService } from '../../content/application/content-service.js';
import type { ContentSnapshot } from '../../content/domain/content-snapshot.js';
import { notFound } from '../../platform/errors.js';
import { activityKeyOf, gradeScaleOfCampaign, methodOfCampaign, type Activity, type ActivityRef } from '../domain/activity.js';
import { adaptiveTests } from '../domain/adaptive-tests.js';
import { campaignAllowsImprove, campaignAvailableTo, DEFAULT_FLASH_CAMPAIGN_QUESTIONS, type Campaign, type LaunchPlace } from '../domain/campaign.js';
import { normalizeCampaignCode } from '../domain/campaign-code.js';
import { assessableSkillIds } from '../domain/target-profile.js';
import type { CampaignsRepository } from '../infrastructure/campaigns.repository.js';
import type { LaunchPlaces } from './launch-places.js';

/**
 * The activities a launch may run, resolved against the item bank: the tenant's campaigns
 * (audience rules: academy, school, platform) and the built-in adaptive tests (every
 * tenant). What the assessment module asks before starting or resuming anything.
 */
export class Activities {
  private readonly testsBySnapshot = new WeakMap<ContentSnapshot, Map<string, Activity>>();

  constructor(
    private readonly deps: { campaigns: Pick<CampaignsRepository, 'findById' | 'findByCode' | 'listForAcademy'>; content: ContentService; places: LaunchPlaces },
  ) {}

  placeOf(registrationId: string): Promise<LaunchPlace> {
    return this.deps.places.placeOf(registrationId);
  }

  /** The activity a resource link names, if this registration may use it. */
  async resolve(registrationId: string, ref: ActivityRef): Promise<Activity | undefined> {
    const snapshot = await this.deps.content.snapshot();
    if (ref.type === 'competence-evaluation') return this.adaptiveTestsOf(snapshot).get(ref.id);
    const campaign = await this.deps.campaigns.findById(ref.id);
    if (!campaign || !campaignAvailableTo(campaign, await this.placeOf(registrationId))) return undefined;
    return campaignActivity(campaign, snapshot);
  }

  /** The activity of a participation already under way, whatever the audience rules say now: a learner keeps what they started. */
  async existing(ref: ActivityRef): Promise<Activity | undefined> {
    const snapshot = await this.deps.content.snapshot();
    if (ref.type === 'competence-evaluation') return this.adaptiveTestsOf(snapshot).get(ref.id);
    const campaign = await this.deps.campaigns.findById(ref.id);
    return campaign && campaignActivity(campaign, snapshot);
  }

  /** A campaign by the code a learner typed (ENT pages): 404 when unknown or not the tenant's. Archived ones are returned (flagged): those already in go on. */
  async byCode(registrationId: string, typed: string): Promise<Activity> {
    const code = normalizeCampaignCode(typed);
    const campaign = code ? await this.deps.campaigns.findByCode(code) : undefined;
    if (!campaign || !campaignAvailableTo(campaign, await this.placeOf(registrationId))) {
      throw notFound('CAMPAIGN_NOT_FOUND', 'No campaign has this code for your school. Check the code with your teacher.');
    }
    return campaignActivity(campaign, await this.deps.content.snapshot());
  }

  /** Everything a registration's teachers may add: its campaigns (not archived) and the adaptive tests. */
  async available(registrationId: string): Promise<Activity[]> {
    const snapshot = await this.deps.content.snapshot();
    const place = await this.placeOf(registrationId);
    const campaigns = place.academy ? await this.deps.campaigns.listForAcademy(place.academy) : [];
    return [
      ...campaigns.filter((c) => campaignAvailableTo(c, place)).map((c) => campaignActivity(c, snapshot)),
      ...this.adaptiveTestsOf(snapshot).values(),
    ];
  }

  private adaptiveTestsOf(snapshot: ContentSnapshot): Map<string, Activity> {
    let tests = this.testsBySnapshot.get(snapshot);
    if (!tests) {
      tests = new Map(adaptiveTests(snapshot, (competenceIds) => assessableSkillIds(snapshot, competenceIds)).map((t) => [t.ref.id, t]));
      this.testsBySnapshot.set(snapshot, tests);
    }
    return tests;
  }
}

/** A campaign as an activity, on the skills of its target profile that the bank still has. */
export function campaignActivity(campaign: Campaign, snapshot: ContentSnapshot): Activity {
  const ref = { type: 'campaign' as const, id: campaign.id };
  const profiles = campaign.type === 'PROFILES_COLLECTION';
  const targetSkillIds = profiles ? assessableSkillIds(snapshot) : campaign.skillIds.filter((id) => snapshot.skill(id) !== undefined);
  const covered = new Set(targetSkillIds.map((id) => snapshot.skill(id)!.competenceId));
  const competenceIds = snapshot.competences.filter((c) => profiles || covered.has(c.id)).map((c) => c.id);
  const activity: Activity = {
    ref,
    key: activityKeyOf(ref),
    title: campaign.title,
    code: campaign.code,
    campaignType: campaign.type,
    method: methodOfCampaign(campaign.type, campaign.method),
    checkpoints: !profiles && campaign.method === 'SMART_RANDOM',
    targetSkillIds,
    competenceIds,
    archived: campaign.archivedAt !== undefined,
    attemptRules: { improve: campaignAllowsImprove(campaign.type), retry: campaign.multipleSendings, profilesCollection: profiles },
    grade: gradeScaleOfCampaign(campaign.type, snapshot.maxReachableLevel, competenceIds.length),
  };
  if (campaign.description) activity.description = campaign.description;
  if (campaign.method === 'FLASH' && !profiles) activity.flashLength = campaign.flashLength ?? DEFAULT_FLASH_CAMPAIGN_QUESTIONS;
  return activity;
}
