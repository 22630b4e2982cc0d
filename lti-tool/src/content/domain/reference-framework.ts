import type { LocalizedText } from './framework.js';

/**
 * The 5 areas and 16 competences of the French digital-competence framework (CRCN) that
 * Pix assesses. The sample bank declares the same ones (a test checks it); the synthetic
 * bank generator uses this list.
 */
export const REFERENCE_AREAS: ReadonlyArray<{ code: string; name: LocalizedText; competences: ReadonlyArray<{ code: string; name: LocalizedText }> }> = [
  {
    code: '1',
    name: { fr: 'Information et données', en: 'Information and data' },
    competences: [
      { code: '1.1', name: { fr: "Mener une recherche et une veille d'information", en: 'Search for and monitor information' } },
      { code: '1.2', name: { fr: 'Gérer des données', en: 'Manage data' } },
      { code: '1.3', name: { fr: 'Traiter des données', en: 'Process data' } },
    ],
  },
  {
    code: '2',
    name: { fr: 'Communication et collaboration', en: 'Communication and collaboration' },
    competences: [
      { code: '2.1', name: { fr: 'Interagir', en: 'Interact' } },
      { code: '2.2', name: { fr: 'Partager et publier', en: 'Share and publish' } },
      { code: '2.3', name: { fr: 'Collaborer', en: 'Collaborate' } },
      { code: '2.4', name: { fr: "S'insérer dans le monde numérique", en: 'Find one’s place in the digital world' } },
    ],
  },
  {
    code: '3',
    name: { fr: 'Création de contenu', en: 'Content creation' },
    competences: [
      { code: '3.1', name: { fr: 'Développer des documents textuels', en: 'Develop text documents' } },
      { code: '3.2', name: { fr: 'Développer des documents multimédia', en: 'Develop multimedia documents' } },
      { code: '3.3', name: { fr: 'Adapter les documents à leur finalité', en: 'Adapt documents to their purpose' } },
      { code: '3.4', name: { fr: 'Programmer', en: 'Program' } },
    ],
  },
  {
    code: '4',
    name: { fr: 'Protection et sécurité', en: 'Protection and security' },
    competences: [
      { code: '4.1', name: { fr: "Sécuriser l'environnement numérique", en: 'Secure the digital environment' } },
      { code: '4.2', name: { fr: 'Protéger les données personnelles et la vie privée', en: 'Protect personal data and privacy' } },
      { code: '4.3', name: { fr: "Protéger la santé, le bien-être et l'environnement", en: 'Protect health, well-being and the environment' } },
    ],
  },
  {
    code: '5',
    name: { fr: 'Environnement numérique', en: 'Digital environment' },
    competences: [
      { code: '5.1', name: { fr: 'Résoudre des problèmes techniques', en: 'Solve technical problems' } },
      { code: '5.2', name: { fr: 'Construire un environnement numérique', en: 'Build a digital environment' } },
    ],
  },
];

export const REFERENCE_COMPETENCE_CODES: readonly string[] = REFERENCE_AREAS.flatMap((a) => a.competences.map((c) => c.code));
