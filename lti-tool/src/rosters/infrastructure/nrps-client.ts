import type { LtiServiceClient } from '../../lti-services/application/service-client.js';
import { nextPageUrl } from '../../lti-services/domain/link-header.js';
import { NRPS_SCOPE } from '../../lti-services/domain/scopes.js';
import { LtiServiceError, reasonFromBody } from '../../lti-services/domain/service-error.js';
import { withQuery } from '../../lti-services/domain/service-urls.js';

export const MEMBERSHIP_CONTAINER = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

/** 100 pages of Moodle's default size is far above a class; past this we stop rather than loop. */
const MAX_PAGES = 200;
const MAX_MEMBERS = 20_000;
/** Asked page size: Moodle answers the whole course at once without `limit`; pages keep each answer small. */
const PAGE_SIZE = 100;

export interface MembershipPages {
  contextId?: string;
  members: unknown[];
  pages: number;
  /** False when the limits above cut the list. */
  complete: boolean;
}

/** Port: the raw memberships of a context, all pages. */
export type MembershipSource = (registrationId: string, membershipsUrl: string) => Promise<MembershipPages>;

/**
 * NRPS 2.0 over the shared service client: the membership container with its `Accept`
 * type and the read-only scope, following `Link: <…>; rel="next"` (and Moodle's
 * typographic-quote variant) from page to page.
 */
export function nrpsMembershipSource(client: Pick<LtiServiceClient, 'call'>): MembershipSource {
  return async (registrationId, membershipsUrl) => {
    const members: unknown[] = [];
    const seen = new Set<string>();
    let contextId: string | undefined;
    let url: string | undefined = new URL(membershipsUrl).searchParams.has('limit') ? membershipsUrl : withQuery(membershipsUrl, { limit: PAGE_SIZE });
    let pages = 0;
    while (url && !seen.has(url) && pages < MAX_PAGES && members.length < MAX_MEMBERS) {
      seen.add(url);
      const response = await client.call(registrationId, { method: 'GET', url, scopes: [NRPS_SCOPE.membershipReadOnly], accept: MEMBERSHIP_CONTAINER });
      if (response.status !== 200) {
        throw new LtiServiceError('LMS_REJECTED', 'permanent', `memberships: ${reasonFromBody(response.text, response.status)}`, { httpStatus: response.status });
      }
      let body: { context?: { id?: unknown }; members?: unknown };
      try {
        body = JSON.parse(response.text) as typeof body;
      } catch {
        throw new LtiServiceError('LMS_REJECTED', 'transient', 'the memberships answer is not JSON', { httpStatus: 200 });
      }
      if (!Array.isArray(body.members)) throw new LtiServiceError('LMS_REJECTED', 'permanent', 'the memberships answer has no members array', { httpStatus: 200 });
      if (typeof body.context?.id === 'string') contextId ??= body.context.id;
      members.push(...body.members.slice(0, MAX_MEMBERS - members.length));
      pages += 1;
      url = nextPageUrl(response.headers.link, response.url);
    }
    return { contextId, members, pages, complete: !url };
  };
}
