import type { LtiServiceClient } from '../../lti-services/application/service-client.js';
import { nextPageUrl } from '../../lti-services/domain/link-header.js';
import { AGS_SCOPE } from '../../lti-services/domain/scopes.js';
import { LtiServiceError, reasonFromBody } from '../../lti-services/domain/service-error.js';
import { scoresUrlOf, withQuery } from '../../lti-services/domain/service-urls.js';
import type { AgsScore, GradePublisher, LineItemMatch, NewLineItem } from '../application/grade-publisher.js';
import { readScoreResponse, type ScoreOutcome } from '../domain/score-response.js';

const MEDIA = {
  lineItemContainer: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  score: 'application/vnd.ims.lis.v1.score+json',
};

/** A gradebook of thousands of columns is already unusual; past this we stop rather than loop. */
const MAX_PAGES = 100;

interface AgsLineItem {
  id?: unknown;
  resourceLinkId?: unknown;
  resourceId?: unknown;
  tag?: unknown;
}

/** The GradePublisher over LTI AGS 2.0, through the shared service client. */
export class AgsGradePublisher implements GradePublisher {
  constructor(private readonly client: LtiServiceClient) {}

  async checkLineItemUrl(registrationId: string, url: string): Promise<void> {
    await this.client.assertPlatformUrl(registrationId, url);
  }

  async findLineItem(registrationId: string, lineItemsUrl: string, match: LineItemMatch): Promise<string | undefined> {
    // Filters in the query (AGS §3.2.1; Moodle honours them), checked again on our side.
    let url: string | undefined = withQuery(lineItemsUrl, { resource_link_id: match.resourceLinkId, resource_id: match.resourceId, tag: match.tag });
    const seen = new Set<string>();
    for (let page = 0; url && page < MAX_PAGES && !seen.has(url); page++) {
      seen.add(url);
      const response = await this.client.call(registrationId, { method: 'GET', url, scopes: [AGS_SCOPE.lineItemReadOnly, AGS_SCOPE.lineItem], accept: MEDIA.lineItemContainer });
      if (response.status !== 200) {
        throw new LtiServiceError('LMS_REJECTED', 'permanent', `listing line items: ${reasonFromBody(response.text, response.status)}`, { httpStatus: response.status });
      }
      const items = parseArray(response.text);
      const found = items.find((item) => matches(item, match));
      if (found && typeof found.id === 'string') {
        await this.client.assertPlatformUrl(registrationId, found.id);
        return found.id;
      }
      url = nextPageUrl(response.headers.link, response.url);
    }
    return undefined;
  }

  async createLineItem(registrationId: string, lineItemsUrl: string, item: NewLineItem): Promise<string> {
    const body: Record<string, unknown> = { label: item.label, scoreMaximum: item.scoreMaximum, resourceLinkId: item.resourceLinkId };
    if (item.resourceId !== undefined) body.resourceId = item.resourceId;
    if (item.tag !== undefined) body.tag = item.tag;
    const response = await this.client.call(registrationId, {
      method: 'POST',
      url: lineItemsUrl,
      scopes: [AGS_SCOPE.lineItem],
      accept: MEDIA.lineItem,
      contentType: MEDIA.lineItem,
      body,
    });
    if (response.status !== 200 && response.status !== 201) {
      throw new LtiServiceError('LMS_LINE_ITEM_REFUSED', 'permanent', `creating the line item: ${reasonFromBody(response.text, response.status)}`, {
        httpStatus: response.status,
      });
    }
    let created: AgsLineItem;
    try {
      created = JSON.parse(response.text) as AgsLineItem;
    } catch {
      throw new LtiServiceError('LMS_LINE_ITEM_REFUSED', 'transient', 'the created line item came back without a readable body', { httpStatus: response.status });
    }
    if (typeof created.id !== 'string') throw new LtiServiceError('LMS_LINE_ITEM_REFUSED', 'transient', 'the created line item has no id', { httpStatus: response.status });
    await this.client.assertPlatformUrl(registrationId, created.id);
    return created.id;
  }

  async publishScore(registrationId: string, lineItemUrl: string, score: AgsScore): Promise<ScoreOutcome> {
    const response = await this.client.call(registrationId, {
      method: 'POST',
      url: scoresUrlOf(lineItemUrl),
      scopes: [AGS_SCOPE.score],
      accept: 'application/json',
      contentType: MEDIA.score,
      body: score,
    });
    // Moodle puts its reason in the status line ("400 Incorrect score received") and may send no body.
    const reason = response.text.trim() ? reasonFromBody(response.text, response.status) : response.statusText || `HTTP ${response.status}`;
    return readScoreResponse(response.status, reason);
  }
}

function parseArray(text: string): AgsLineItem[] {
  try {
    const json: unknown = JSON.parse(text);
    return Array.isArray(json) ? (json as AgsLineItem[]) : [];
  } catch {
    throw new LtiServiceError('LMS_REJECTED', 'transient', 'the line items answer is not JSON');
  }
}

function matches(item: AgsLineItem, match: LineItemMatch): boolean {
  if (item.resourceLinkId !== match.resourceLinkId) return false;
  if (match.resourceId !== undefined && item.resourceId !== match.resourceId) return false;
  if (match.tag !== undefined && item.tag !== match.tag) return false;
  return true;
}
