/**
 * Certification v3 rules (pix-domain.md §3b, §5): the flash test's length, the minimum
 * number of answers that can validate a certification, and the time allowed.
 */
export const CERTIFICATION_RULES = {
  /** Questions in a complete test. */
  maximumAnswers: 32,
  /** Fewer answers (neutralised ones excluded) and the certification is rejected. */
  minimumAnswersToValidate: 20,
  /** Time allowed before extra time (CORE `assessmentDuration`). */
  durationMinutes: 105,
  /** Whatever the pauses, a course never runs longer than this from its start (Pix's 24 h cap). */
  hardCapHours: 24,
  /** An answer may arrive this long after the deadline (network latency) and still count. */
  answerGraceSeconds: 5,
  /** Extra time is a percentage of the duration, at most doubling it. */
  maximumExtraTimePercentage: 100,
  /** A certificate is valid this long (Pix: 3 years), shown on attestations and in the credential. */
  validityYears: 3,
} as const;

/** The certification framework these results belong to (Pix's CORE). */
export const CERTIFICATION_FRAMEWORK = 'CORE';

/** Pix's 16 competences, in the order of the référentiel. */
export const COMPETENCES = [
  { id: '1.1', area: '1', name: 'Mener une recherche et une veille d’information' },
  { id: '1.2', area: '1', name: 'Gérer des données' },
  { id: '1.3', area: '1', name: 'Traiter des données' },
  { id: '2.1', area: '2', name: 'Interagir' },
  { id: '2.2', area: '2', name: 'Partager et publier' },
  { id: '2.3', area: '2', name: 'Collaborer' },
  { id: '2.4', area: '2', name: 'S’insérer dans le monde numérique' },
  { id: '3.1', area: '3', name: 'Développer des documents textuels' },
  { id: '3.2', area: '3', name: 'Développer des documents multimédia' },
  { id: '3.3', area: '3', name: 'Adapter les documents à leur finalité' },
  { id: '3.4', area: '3', name: 'Programmer' },
  { id: '4.1', area: '4', name: 'Sécuriser l’environnement numérique' },
  { id: '4.2', area: '4', name: 'Protéger les données personnelles et la vie privée' },
  { id: '4.3', area: '4', name: 'Protéger la santé, le bien-être et l’environnement' },
  { id: '5.1', area: '5', name: 'Résoudre des problèmes techniques' },
  { id: '5.2', area: '5', name: 'Construire un environnement numérique' },
] as const;

export const AREAS = [
  { id: '1', name: 'Information et données' },
  { id: '2', name: 'Communication et collaboration' },
  { id: '3', name: 'Création de contenu' },
  { id: '4', name: 'Protection et sécurité' },
  { id: '5', name: 'Environnement numérique' },
] as const;

export type CompetenceId = (typeof COMPETENCES)[number]['id'];
export const COMPETENCE_IDS: readonly string[] = COMPETENCES.map((c) => c.id);

export interface CompetenceLevel {
  competenceId: string;
  level: number;
}
