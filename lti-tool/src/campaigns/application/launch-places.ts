import type { LaunchPlace } from '../domain/campaign.js';

/**
 * Where a platform registration sits among academies and schools: which campaigns its
 * launches may use. Wired in the composition root from the lti module's registrations
 * (their academy) and the admin module's schools (those linked to the registration).
 */
export interface LaunchPlaces {
  placeOf(registrationId: string): Promise<LaunchPlace>;
}

/** A short in-memory cache: every launch API call asks, and links change rarely (an admin's action). */
export function cachedLaunchPlaces(source: LaunchPlaces, ttlMs = 30_000, clock: () => number = Date.now): LaunchPlaces & { forget(): void } {
  const cache = new Map<string, { place: LaunchPlace; at: number }>();
  return {
    async placeOf(registrationId) {
      const hit = cache.get(registrationId);
      if (hit && clock() - hit.at < ttlMs) return hit.place;
      const place = await source.placeOf(registrationId);
      if (cache.size > 1000) cache.clear();
      cache.set(registrationId, { place, at: clock() });
      return place;
    },
    forget: () => cache.clear(),
  };
}
