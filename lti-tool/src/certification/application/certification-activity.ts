import type { ActivityCatalog, ActivityCatalogItem } from '../../lti/deep-linking/activity-catalog.js';

/** The one certification activity: Pix's core certification (CORE). Which session is decided by the number and access code. */
export const CERTIFICATION_ACTIVITY: ActivityCatalogItem = {
  ref: { type: 'certification', id: 'pix' },
  title: 'Certification Pix',
  text: 'Le jour de la session, les élèves y saisissent le numéro de session et le code d’accès donnés par le surveillant. Aucune note n’est envoyée au carnet de notes : le résultat est publié par le centre.',
  // No grade goes to the LMS: the result is published by the centre (attestation, registry).
  scoreMaximum: 0,
};

/**
 * The deep-linking catalog with the certification link next to the campaigns': a teacher
 * (or the school's Moodle admin) adds it once to a course; every session then goes through it.
 */
export function withCertificationActivity(inner: ActivityCatalog): ActivityCatalog {
  return {
    list: async (tenant) => [...(await inner.list(tenant)), CERTIFICATION_ACTIVITY],
    get: async (tenant, ref) => (ref.type === 'certification' ? (ref.id === CERTIFICATION_ACTIVITY.ref.id ? CERTIFICATION_ACTIVITY : undefined) : inner.get(tenant, ref)),
  };
}
