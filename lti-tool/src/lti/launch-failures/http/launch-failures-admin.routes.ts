import type { RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { validate } from '../../../platform/http/validate.js';
import type { Registrations } from '../../registrations/application/registrations.js';
import { summariseLaunchFailures } from '../domain/launch-failure-summary.js';
import type { LaunchFailuresRepository } from '../infrastructure/launch-failures.repository.js';

export interface LaunchFailuresAdminOptions {
  /** The admin module's guard(s); the routes refuse to mount without one. */
  guard: RequestHandler | RequestHandler[];
  /** The academy whose platforms the request may see. */
  academyOf(res: Response): string;
}

const query = z.object({ days: z.coerce.number().int().refine((d) => [1, 7, 30].includes(d), 'must be 1, 7 or 30').default(7) }).strict();

/**
 * Recent refused LTI logins and launches for the operations screen: failures of the
 * academy's platforms plus those no platform could be named for (unknown issuer, expired
 * state…) — those carry nothing but a code and an hour, and an admin needs them to see
 * that a platform is misconfigured before it is registered.
 */
export function launchFailuresAdminRoutes(router: Router, options: LaunchFailuresAdminOptions, deps: { failures: LaunchFailuresRepository; registrations: Registrations; clock: () => Date }): void {
  const guards = [options.guard].flat();
  if (guards.length === 0 || guards.some((g) => typeof g !== 'function')) throw new Error('launchFailuresAdminRoutes needs an admin guard');

  router.get('/api/admin/lti/launch-failures', ...guards, async (req, res) => {
    const { days } = validate(query, req.query, 'query');
    const now = deps.clock();
    // The academy's platforms and the unclaimed ones (pending dynamic registrations any academy admin may claim).
    const academy = options.academyOf(res);
    const registrations = (await deps.registrations.list()).filter((r) => !r.academy || r.academy === academy);
    const names = new Map(registrations.map((r) => [r.id, r.name]));
    const from = new Date(now.getTime() - days * 86_400_000);
    const buckets = await deps.failures.list({ from, now, registrationIds: [...names.keys()], includeUnattributed: true });
    const byPlatform = new Map<string, { registrationId: string | null; name: string | null; total: number }>();
    for (const b of buckets) {
      const key = b.registrationId ?? '-';
      const entry = byPlatform.get(key) ?? { registrationId: b.registrationId, name: b.registrationId ? (names.get(b.registrationId) ?? null) : null, total: 0 };
      entry.total += b.count;
      byPlatform.set(key, entry);
    }
    res.set('Cache-Control', 'no-store').json({
      ...summariseLaunchFailures(buckets, { days, now }),
      platforms: [...byPlatform.values()].sort((a, b) => b.total - a.total || (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'fr'))),
    });
  });
}
