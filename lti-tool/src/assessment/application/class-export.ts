import type { CompetenceResultFacts } from '../domain/activity-results.js';
import { CSV_BOM, csvRow } from '../domain/csv.js';
import type { ClassView, LearnerRow } from './class-progress.js';

/**
 * The class as a CSV file with Pix's column sets (pix-domain.md §4), adapted to an LMS
 * course: the course instead of the organisation, the pseudonymous learner id instead of
 * the class or student number, no stages, badges or skill columns (none exist here).
 * Assessment campaigns and adaptive tests: progress, sharing, mastery overall, then per
 * competence and per area (% mastery, target skills, skills mastered). Profiles
 * collections: sharing, pix, certifiable, then level and pix per competence. Result
 * columns are filled for learners who shared their results only. Yields row by row.
 */
export function* classCsv(view: ClassView): Generator<string> {
  const { activity, snapshot, progress } = view;
  const profiles = activity.campaignType === 'PROFILES_COLLECTION';
  const competences = activity.competenceIds.map((id) => snapshot.competence(id)).filter((c): c is NonNullable<typeof c> => c !== undefined);
  const areas = snapshot.areas.filter((a) => competences.some((c) => c.areaId === a.id));
  const label = (c: { code: string; name: { fr: string } }) => `${c.code} ${c.name.fr}`;

  const head = ['Cours', 'ID Campagne', 'Code', 'Nom de la campagne', ...(profiles ? [] : ['Nom du Profil Cible']), 'Nom du Participant', 'Prénom du Participant', 'Identifiant du participant (pseudonyme)'];
  const header = profiles
    ? [...head, 'Envoi (O/N)', "Date de l'envoi", 'Nombre de pix total', 'Certifiable (O/N)', 'Nombre de compétences certifiables', ...competences.flatMap((c) => [`Niveau pour la compétence ${label(c)}`, `Nombre de pix pour la compétence ${label(c)}`])]
    : [
        ...head,
        '% de progression',
        'Date de début',
        'Partage (O/N)',
        'Date du partage',
        "% maîtrise de l'ensemble des acquis du profil",
        ...competences.flatMap((c) => [`% de maîtrise des acquis de la compétence ${label(c)}`, `Nombre d'acquis du profil cible dans la compétence ${label(c)}`, `Acquis maîtrisés dans la compétence ${label(c)}`]),
        ...areas.flatMap((a) => [`% de maîtrise des acquis du domaine ${label(a)}`, `Nombre d'acquis du profil cible du domaine ${label(a)}`, `Acquis maîtrisés du domaine ${label(a)}`]),
      ];
  yield CSV_BOM + csvRow(header);

  for (const row of view.rows) {
    const { member, participation, shared } = row;
    const names = [member?.familyName ?? member?.name ?? row.progress.displayName ?? '', member?.givenName ?? ''];
    const start = [progress.context.title ?? progress.context.id, activity.ref.id, activity.code ?? '', activity.title, ...(profiles ? [] : [activity.title]), ...names, row.progress.learnerId];
    const sharedFlag = participation?.status === 'SHARED';
    const sharedAt = date(row.progress.sharedAt);
    if (profiles) {
      const byCompetence = new Map((shared?.competences ?? []).map((c) => [c.competenceId, c] as const));
      yield csvRow([
        ...start,
        sharedFlag,
        sharedAt,
        shared?.pixScore,
        shared?.certifiable,
        shared ? shared.competences.filter((c) => c.level >= 1).length : undefined,
        ...competences.flatMap((c): Array<string | number> => (shared ? [byCompetence.get(c.id)?.level ?? 0, byCompetence.get(c.id)?.pixScore ?? 0] : ['', ''])),
      ]);
      continue;
    }
    yield csvRow([
      ...start,
      progressPercent(row),
      date(row.progress.startedAt),
      participation ? sharedFlag : '',
      sharedAt,
      shared ? percent(shared.masteryRate) : '',
      ...competences.flatMap((c) => masteryCells(shared && shared.competences.filter((r) => r.competenceId === c.id))),
      ...areas.flatMap((a) => masteryCells(shared && shared.competences.filter((r) => snapshot.competence(r.competenceId)?.areaId === a.id))),
    ]);
  }
}

export function classCsvFilename(view: ClassView, snapshotDate: Date): string {
  const slug = view.activity.title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'activite';
  return `pix-${slug}-${snapshotDate.toISOString().slice(0, 10)}.csv`;
}

function masteryCells(results: CompetenceResultFacts[] | undefined): Array<string | number> {
  if (!results || results.length === 0) return ['', '', ''];
  const target = results.reduce((s, r) => s + r.targetSkills, 0);
  const validated = results.reduce((s, r) => s + r.validatedSkills, 0);
  return [target === 0 ? 0 : percent(validated / target), target, validated];
}

function progressPercent(row: LearnerRow): number | string {
  const status = row.progress.status;
  if (status === 'NOT_STARTED') return '';
  if (status !== 'IN_PROGRESS') return 100;
  return row.progress.progress !== undefined ? percent(row.progress.progress) : '';
}

const percent = (rate: number) => Math.round(rate * 100);
const date = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');

