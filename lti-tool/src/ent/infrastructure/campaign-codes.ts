import type { ActivityRef } from '../../lti/session/launch-session.js';
import { AppError } from '../../platform/errors.js';
import type { EntActivityResolver } from '../application/exchange-assertion.js';

/**
 * The ENT exchange's `activity` claim resolved by the campaigns module: the campaign with this
 * code, if the school's students may open it (its audience rules, through the session's place).
 */
export function campaignCodeResolver(activities: { byCode(registrationId: string, code: string): Promise<{ ref: ActivityRef }> }): EntActivityResolver {
  return async (registrationId, code) => {
    try {
      return (await activities.byCode(registrationId, code)).ref;
    } catch (err) {
      if (err instanceof AppError && err.code === 'CAMPAIGN_NOT_FOUND') return undefined;
      throw err;
    }
  };
}
