import { describe, expect, it } from 'vitest';
import { gradeTargetOf } from './grade-target.js';

const session = {
  registrationId: 'reg-1',
  tenantId: 't-1',
  context: { id: '2' },
  resourceLink: { id: '7' },
  user: { id: 'l_abc', sub: '42' },
  ags: { lineItemsUrl: 'https://moodle.test/mod/lti/services.php/2/lineitems?type_id=1', scopes: [] as string[] },
};
const column = { label: 'Pix', scoreMaximum: 100, resourceId: 'campaign-1' };

describe('gradeTargetOf', () => {
  it('uses the launch’s lineitem claim when there is one', () => {
    const target = gradeTargetOf({ ...session, ags: { ...session.ags, lineItemUrl: 'https://moodle.test/li/5?type_id=1' } }, column);
    expect(target).toEqual({ registrationId: 'reg-1', tenantId: 't-1', contextId: '2', resourceLinkId: '7', userSub: '42', learnerId: 'l_abc', lineItem: { url: 'https://moodle.test/li/5?type_id=1' } });
  });

  it('falls back to the container, to find or create the link’s column', () => {
    expect(gradeTargetOf(session, column)?.lineItem).toEqual({ lineItemsUrl: session.ags.lineItemsUrl, ...column });
  });

  it('gives nothing without AGS, course or resource link', () => {
    expect(gradeTargetOf({ ...session, ags: undefined }, column)).toBeUndefined();
    expect(gradeTargetOf({ ...session, ags: { scopes: [] } }, column)).toBeUndefined();
    expect(gradeTargetOf({ ...session, context: undefined }, column)).toBeUndefined();
    expect(gradeTargetOf({ ...session, resourceLink: undefined }, column)).toBeUndefined();
  });
});
