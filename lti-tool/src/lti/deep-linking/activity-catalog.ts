import type { ActivityRef, Tenant } from '../session/launch-session.js';

/** Whose catalog: the tenant of the deep-linking launch, and the course it came from. */
export interface CatalogTenant {
  tenantId: string;
  tenant: Tenant;
  registrationId: string;
  contextId?: string;
}

/** One activity a teacher can add to a course. */
export interface ActivityCatalogItem {
  ref: ActivityRef;
  title: string;
  text?: string;
  /** The gradebook column's maximum (the line item's `scoreMaximum`); 0 for an activity that sends no grade (no column). */
  scoreMaximum: number;
  /** Competences the activity assesses, for the picker (e.g. `1.1 Mener une recherche…`). */
  competences?: string[];
}

/**
 * The port through which deep linking learns what can be added. Implemented by the
 * campaigns module; each implementation returns only the tenant's own activities, and
 * `get` answers undefined for an activity the tenant may not use.
 */
export interface ActivityCatalog {
  list(tenant: CatalogTenant): Promise<ActivityCatalogItem[]>;
  get(tenant: CatalogTenant, ref: ActivityRef): Promise<ActivityCatalogItem | undefined>;
}
