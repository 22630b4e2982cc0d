import type { RequestHandler } from 'express';
import type { LtiServicesModule } from '../lti-services/lti-services.module.js';
import type { AppContext, AppModule } from '../platform/module.js';
import { Rosters, type RostersOptions } from './application/rosters.js';
import { rosterRoutes } from './http/roster.routes.js';
import { nrpsMembershipSource } from './infrastructure/nrps-client.js';

export interface RostersModule extends AppModule {
  /** `rosters.members(session)`: the launch's course members (cached a few minutes, in memory only). */
  rosters: Rosters;
}

/** Course rosters from the LMS (LTI NRPS 2.0) for the teacher dashboard: `GET /api/roster`. */
export function createRostersModule(
  _ctx: AppContext,
  deps: { services: Pick<LtiServicesModule, 'client'>; requireInstructor: RequestHandler },
  options: RostersOptions = {},
): RostersModule {
  const rosters = new Rosters(nrpsMembershipSource(deps.services.client), options);
  return {
    name: 'rosters',
    rosters,
    routes: (router) => rosterRoutes(router, { guard: deps.requireInstructor, rosters }),
  };
}
