import type { ActivityView, ChallengeView, CompetenceRef, DeepLinkingItem, GradeStatus, LearnerProgress } from '../src/api/contract.js';

/** Fixtures of the fake API: a short campaign with one challenge of each kind. */

export const COMPETENCES: Record<string, CompetenceRef> = {
  '1.1': { code: '1.1', name: 'Mener une recherche et une veille d’information', areaCode: '1', areaName: 'Information et données' },
  '1.3': { code: '1.3', name: 'Traiter des données', areaCode: '1', areaName: 'Information et données' },
  '2.1': { code: '2.1', name: 'Interagir', areaCode: '2', areaName: 'Communication et collaboration' },
  '3.1': { code: '3.1', name: 'Développer des documents textuels', areaCode: '3', areaName: 'Création de contenu' },
  '3.4': { code: '3.4', name: 'Programmer', areaCode: '3', areaName: 'Création de contenu' },
  '4.1': { code: '4.1', name: 'Sécuriser l’environnement numérique', areaCode: '4', areaName: 'Protection et sécurité' },
  '4.2': { code: '4.2', name: 'Protéger les données personnelles et la vie privée', areaCode: '4', areaName: 'Protection et sécurité' },
  '5.1': { code: '5.1', name: 'Résoudre des problèmes techniques', areaCode: '5', areaName: 'Environnement numérique' },
};

export const CAMPAIGN: ActivityView = {
  type: 'campaign',
  id: 'campaign-1',
  title: 'Parcours de rentrée — 3e',
  description: 'Une vingtaine de minutes pour faire le point sur tes compétences numériques.',
  code: 'BCTERD153',
};

/** A challenge plus what only the server knows: the accepted answer. */
export interface FixtureChallenge {
  view: ChallengeView;
  solution: { choices?: number[]; fields?: Record<string, string> };
  solutionHtml: string;
  explanationHtml?: string;
}

const SVG_ILLUSTRATION =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="140" viewBox="0 0 320 140"><rect width="320" height="140" rx="12" fill="#eef0fc"/><rect x="20" y="24" width="280" height="28" rx="14" fill="#fff" stroke="#3446c2" stroke-width="2"/><text x="38" y="43" font-family="sans-serif" font-size="14" fill="#1f2433">recette crêpes -lait</text><rect x="20" y="70" width="200" height="12" rx="6" fill="#3446c2" opacity=".35"/><rect x="20" y="92" width="240" height="12" rx="6" fill="#3446c2" opacity=".2"/></svg>',
  );

export const CHALLENGES: FixtureChallenge[] = [
  {
    view: {
      id: 'rec-qcu-1',
      type: 'QCU',
      locale: 'fr-FR',
      instructionHtml: '<p>Dans un moteur de recherche, à quoi sert le signe <code>-</code> placé devant un mot, comme dans la recherche illustrée ?</p>',
      response: {
        kind: 'choices',
        multiple: false,
        choices: [
          { value: 1, html: 'À chercher les pages qui contiennent ce mot en priorité' },
          { value: 2, html: 'À exclure les pages qui contiennent ce mot' },
          { value: 3, html: 'À chercher les synonymes de ce mot' },
        ],
      },
      illustration: { url: SVG_ILLUSTRATION, alt: 'Une barre de recherche contenant « recette crêpes -lait », suivie de résultats.' },
      attachments: [],
      focused: false,
      competence: COMPETENCES['1.1']!,
    },
    solution: { choices: [2] },
    solutionHtml: '<p>À exclure les pages qui contiennent ce mot</p>',
    explanationHtml: '<p>Le signe moins retire des résultats les pages contenant le mot qui le suit.</p>',
  },
  {
    view: {
      id: 'rec-qcm-1',
      type: 'QCM',
      locale: 'fr-FR',
      instructionHtml: '<p>Parmi ces mots de passe, lesquels sont <strong>robustes</strong> ?</p>',
      response: {
        kind: 'choices',
        multiple: true,
        choices: [
          { value: 1, html: '<code>azerty123</code>' },
          { value: 2, html: '<code>Ch@t-Lune-Vélo-42!</code>' },
          { value: 3, html: 'Ta date de naissance' },
          { value: 4, html: '<code>7rG#pq!2Lm^vX9</code>' },
        ],
      },
      attachments: [],
      focused: false,
      competence: COMPETENCES['4.1']!,
    },
    solution: { choices: [2, 4] },
    solutionHtml: '<p><code>Ch@t-Lune-Vélo-42!</code> et <code>7rG#pq!2Lm^vX9</code></p>',
  },
  {
    view: {
      id: 'rec-qroc-1',
      type: 'QROC',
      locale: 'fr-FR',
      instructionHtml: '<p>Un fichier pèse 3 Mo. Combien de fichiers identiques peut-on mettre sur une clé de 60 Mo ?</p>',
      response: { kind: 'fields', parts: [{ type: 'field', key: 'nombre', label: 'Nombre de fichiers', input: 'number' }] },
      attachments: [],
      focused: false,
      competence: COMPETENCES['5.1']!,
    },
    solution: { fields: { nombre: '20' } },
    solutionHtml: '<p>20</p>',
  },
  {
    view: {
      id: 'rec-qrocm-ind-1',
      type: 'QROCM-ind',
      locale: 'fr-FR',
      instructionHtml: '<p>Complète la phrase avec les extensions de fichier qui conviennent.</p>',
      response: {
        kind: 'fields',
        parts: [
          { type: 'text', html: 'Un texte LibreOffice se termine par ' },
          { type: 'field', key: 'texte', label: 'Extension d’un texte LibreOffice', input: 'text', size: 5 },
          { type: 'text', html: ' et une photo compressée par ' },
          { type: 'field', key: 'image', label: 'Extension d’une image compressée', input: 'text', size: 5 },
          { type: 'text', html: '.' },
        ],
      },
      attachments: [],
      focused: false,
      competence: COMPETENCES['3.1']!,
    },
    solution: { fields: { texte: '.odt', image: '.jpg' } },
    solutionHtml: '<p><code>.odt</code> et <code>.jpg</code></p>',
  },
  {
    view: {
      id: 'rec-qrocm-dep-1',
      type: 'QROCM-dep',
      locale: 'fr-FR',
      instructionHtml: '<p>Cite deux réseaux sociaux et choisis l’âge minimum requis par le RGPD en France pour s’y inscrire seul.</p>',
      response: {
        kind: 'fields',
        parts: [
          { type: 'field', key: 'reseau1', label: 'Premier réseau social', input: 'text' },
          { type: 'field', key: 'reseau2', label: 'Deuxième réseau social', input: 'text' },
          { type: 'field', key: 'age', label: 'Âge minimum', input: 'select', options: ['13 ans', '15 ans', '18 ans'] },
        ],
      },
      attachments: [],
      focused: false,
      competence: COMPETENCES['4.2']!,
    },
    solution: { fields: { age: '15 ans' } },
    solutionHtml: '<p>Deux réseaux sociaux différents, et 15 ans.</p>',
  },
  {
    view: {
      id: 'rec-timed-1',
      type: 'QCU',
      locale: 'fr-FR',
      instructionHtml: '<p>Quel raccourci clavier permet de <strong>copier</strong> la sélection ?</p>',
      response: {
        kind: 'choices',
        multiple: false,
        choices: [
          { value: 1, html: '<kbd>Ctrl</kbd> + <kbd>V</kbd>' },
          { value: 2, html: '<kbd>Ctrl</kbd> + <kbd>C</kbd>' },
          { value: 3, html: '<kbd>Ctrl</kbd> + <kbd>X</kbd>' },
        ],
      },
      timer: 30,
      attachments: [],
      focused: false,
      competence: COMPETENCES['3.1']!,
    },
    solution: { choices: [2] },
    solutionHtml: '<p><kbd>Ctrl</kbd> + <kbd>C</kbd></p>',
  },
  {
    view: {
      id: 'rec-focus-1',
      type: 'QROC',
      locale: 'fr-FR',
      instructionHtml: '<p>Ouvre le tableau joint. Quelle est la moyenne de la colonne « Score » ?</p>',
      response: { kind: 'fields', parts: [{ type: 'field', key: 'moyenne', label: 'Moyenne', input: 'number' }] },
      attachments: [
        { url: '/fixtures/scores.ods', name: 'scores' },
        { url: '/fixtures/scores.xlsx', name: 'scores' },
      ],
      focused: true,
      competence: COMPETENCES['1.3']!,
    },
    solution: { fields: { moyenne: '12' } },
    solutionHtml: '<p>12</p>',
  },
  {
    view: {
      id: 'rec-embed-1',
      type: 'QROC',
      locale: 'en-GB',
      instructionHtml: '<p>Use the simulator to find the hidden word.</p>',
      response: { kind: 'fields', parts: [{ type: 'field', key: 'mot', label: 'Hidden word', input: 'text' }] },
      embed: { url: '/fixtures/embed.html', title: 'Simulator: a search engine', height: 220, autoReply: true },
      attachments: [],
      focused: false,
      competence: COMPETENCES['3.4']!,
    },
    solution: { fields: { mot: 'pixel' } },
    solutionHtml: '<p>pixel</p>',
  },
];

export const TUTORIALS = [
  { title: 'Chercher efficacement sur le Web', url: 'https://example.org/tutos/recherche', format: 'video' as const, durationMinutes: 4, source: 'Pix' },
  { title: 'Les opérateurs de recherche', url: 'https://example.org/tutos/operateurs', format: 'page' as const, durationMinutes: 6 },
];

const FIRST = ['Léa', 'Noah', 'Jade', 'Louis', 'Emma', 'Gabriel', 'Alice', 'Raphaël', 'Lina', 'Arthur', 'Rose', 'Jules', 'Chloé', 'Adam', 'Mila', 'Hugo', 'Inès', 'Paul', 'Zoé', 'Sacha', 'Anna', 'Nathan', 'Lou', 'Tom'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent'];

/** A class of 24 in all four states, with shared results for some. */
export function classFixture(now: Date): LearnerProgress[] {
  const codes = ['1.1', '1.3', '3.1', '4.1', '4.2', '5.1'];
  return FIRST.map((first, i) => {
    const status = i % 4 === 0 ? 'NOT_STARTED' : i % 4 === 1 ? 'IN_PROGRESS' : i % 4 === 2 ? 'TO_SHARE' : 'SHARED';
    const day = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    const learner: LearnerProgress = {
      learnerId: `learner-${i + 1}`,
      displayName: i === 5 ? null : `${first} ${LAST[i % LAST.length]}`,
      status,
      answered: status === 'NOT_STARTED' ? 0 : status === 'IN_PROGRESS' ? 3 + (i % 5) : 12 + (i % 6),
    };
    if (status !== 'NOT_STARTED') learner.startedAt = day(3);
    if (status === 'TO_SHARE' || status === 'SHARED') learner.completedAt = day(2);
    if (status === 'SHARED') {
      learner.sharedAt = day(1);
      const levels = codes.map((code, k) => ({ code, level: (i + k) % 5, pixScore: ((i + k) % 5) * 8 + (k % 3) }));
      learner.results = {
        pixScore: levels.reduce((s, l) => s + l.pixScore, 0),
        masteryRate: Math.round((0.35 + ((i * 7) % 50) / 100) * 100) / 100,
        certifiable: levels.filter((l) => l.level >= 1).length >= 5,
        competences: levels,
      };
    }
    return learner;
  });
}

export function gradesFixture(learners: LearnerProgress[], now: Date): GradeStatus[] {
  return learners
    .filter((l) => l.status === 'SHARED' || l.status === 'TO_SHARE')
    .map((l, i) => {
      const status: GradeStatus['status'] = i % 5 === 1 ? 'failed' : i % 5 === 3 ? 'pending' : 'delivered';
      const at = new Date(now.getTime() - (i + 1) * 3_600_000).toISOString();
      const grade: GradeStatus = {
        id: `g_${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
        learnerId: l.learnerId,
        resourceLinkId: 'link-1',
        source: { type: 'campaign-participation', id: `participation-${l.learnerId}` },
        status,
        scoreGiven: 8 + (i % 10),
        scoreMaximum: 20,
        attempts: status === 'failed' ? 5 : 1,
        enqueuedAt: at,
        updatedAt: at,
      };
      if (status === 'delivered') grade.deliveredAt = at;
      if (status === 'pending') grade.nextAttemptAt = new Date(now.getTime() + 60_000).toISOString();
      if (status === 'failed') grade.failure = { code: 'LMS_REJECTED', reason: 'La plateforme a refusé la note (HTTP 403).', httpStatus: 403, at };
      return grade;
    });
}

const label = (code: string) => `${code} ${COMPETENCES[code]!.name}`;

/** As lti-core's activity catalogue lists them. */
export const DEEP_LINKING_ITEMS: DeepLinkingItem[] = [
  { ref: { type: 'campaign', id: 'campaign-1' }, title: 'Parcours de rentrée — 3e', text: 'Un tour d’horizon des compétences pour situer la classe en début d’année.', scoreMaximum: 20, competences: Object.keys(COMPETENCES).map(label) },
  { ref: { type: 'campaign', id: 'campaign-2' }, title: 'Sécurité et vie privée', text: 'Mots de passe, données personnelles, réglages de confidentialité.', scoreMaximum: 20, competences: ['4.1', '4.2'].map(label) },
  { ref: { type: 'competence-evaluation', id: '1.1' }, title: 'Test adaptatif — Rechercher l’information', text: 'Un test qui s’ajuste au niveau de chaque élève sur la compétence 1.1.', scoreMaximum: 100, competences: [label('1.1')] },
  { ref: { type: 'competence-evaluation', id: '3.4' }, title: 'Test adaptatif — Programmer', text: 'Algorithmes, blocs, boucles : du premier programme aux fonctions.', scoreMaximum: 100, competences: [label('3.4')] },
  { ref: { type: 'competence-evaluation', id: '2.1' }, title: 'Test adaptatif — Interagir', scoreMaximum: 100, competences: [label('2.1')] },
  { ref: { type: 'campaign', id: 'campaign-3' }, title: 'Bureautique : documents et tableurs', text: 'Mettre en forme un texte, traiter des données dans un tableur.', scoreMaximum: 20, competences: ['3.1', '1.3'].map(label) },
];
