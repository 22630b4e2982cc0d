import type { ActivityRef } from '../../session/launch-session.js';
import type { ActivityCatalog, ActivityCatalogItem, CatalogTenant } from '../activity-catalog.js';

/** A catalog for tests: items per tenant id, so isolation between tenants can be checked. */
export class FakeActivityCatalog implements ActivityCatalog {
  readonly calls: CatalogTenant[] = [];
  constructor(private readonly byTenant: (tenant: CatalogTenant) => ActivityCatalogItem[]) {}

  async list(tenant: CatalogTenant): Promise<ActivityCatalogItem[]> {
    this.calls.push(tenant);
    return this.byTenant(tenant);
  }

  async get(tenant: CatalogTenant, ref: ActivityRef): Promise<ActivityCatalogItem | undefined> {
    return this.byTenant(tenant).find((i) => i.ref.type === ref.type && i.ref.id === ref.id);
  }
}
