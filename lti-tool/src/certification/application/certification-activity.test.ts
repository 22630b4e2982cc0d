import { describe, expect, it } from 'vitest';
import { buildDeepLinkingResponse } from '../../lti/deep-linking/application/build-deep-linking-response.js';
import { FakeActivityCatalog } from '../../lti/deep-linking/testing/fake-activity-catalog.js';
import type { LaunchSession } from '../../lti/session/launch-session.js';
import { CERTIFICATION_ACTIVITY, withCertificationActivity } from './certification-activity.js';

const campaign = { ref: { type: 'campaign' as const, id: 'ABCDEF123' }, title: 'Rechercher', scoreMaximum: 20 };
const catalog = withCertificationActivity(new FakeActivityCatalog(() => [campaign]));
const tenant = { tenantId: 't', tenant: { issuer: 'https://moodle.test', clientId: 'c', deploymentId: '1' }, registrationId: 'r' };

describe('the certification link in the deep-linking catalog', () => {
  it('is listed after the campaigns and resolved by its ref; other certification refs are unknown', async () => {
    expect((await catalog.list(tenant)).map((i) => i.ref.type)).toEqual(['campaign', 'certification']);
    expect(await catalog.get(tenant, { type: 'certification', id: 'pix' })).toBe(CERTIFICATION_ACTIVITY);
    expect(await catalog.get(tenant, { type: 'certification', id: 'other' })).toBeUndefined();
    expect(await catalog.get(tenant, campaign.ref)).toEqual(campaign);
  });

  it('becomes a resource link without a gradebook column (no grade is sent)', async () => {
    const session = {
      tenant: tenant.tenant,
      tenantId: 't',
      registrationId: 'r',
      messageType: 'LtiDeepLinkingRequest',
      deepLinking: { returnUrl: 'https://moodle.test/return', acceptMultiple: true, acceptTypes: ['ltiResourceLink'], acceptPresentationDocumentTargets: ['iframe'] },
    } as unknown as LaunchSession;
    let claims: Record<string, unknown> = {};
    await buildDeepLinkingResponse({
      session,
      refs: [CERTIFICATION_ACTIVITY.ref, campaign.ref],
      catalog,
      toolUrl: 'https://tool.test',
      keys: { sign: async (c: Record<string, unknown>) => ((claims = c), 'jwt') } as never,
    });
    const items = claims['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Array<{ custom: Record<string, string>; lineItem?: unknown }>;
    expect(items[0]).toMatchObject({ title: 'Certification Pix', custom: { pix_activity: 'certification:pix' } });
    expect(items[0]!.lineItem).toBeUndefined();
    expect(items[1]!.lineItem).toMatchObject({ scoreMaximum: 20 });
  });
});
