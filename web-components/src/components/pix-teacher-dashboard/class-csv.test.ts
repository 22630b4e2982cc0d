import { describe, expect, it } from 'vitest';
import type { ClassProgress } from '../../api/contract.js';
import { teacherFr } from '../../i18n/teacher.fr.js';
import { classCsv } from './class-csv.js';

const progress: ClassProgress = {
  activity: { type: 'campaign', id: 'c', title: 'Rentrée' },
  context: { id: 'course' },
  competences: [
    { code: '1.1', name: 'Rechercher', areaCode: '1', areaName: 'Information' },
    { code: '4.1', name: 'Sécuriser', areaCode: '4', areaName: 'Sécurité' },
  ],
  rosterSource: 'roster',
  generatedAt: '2026-03-12T10:00:00Z',
  learners: [
    { learnerId: 'a', displayName: 'Léa Martin', status: 'SHARED', answered: 14, startedAt: '2026-03-10T08:00:00Z', sharedAt: '2026-03-11T08:00:00Z', results: { pixScore: 42, masteryRate: 0.61, certifiable: false, competences: [{ code: '1.1', level: 3, pixScore: 26 }] } },
    { learnerId: 'b', displayName: '=HYPERLINK("x");Bob', status: 'NOT_STARTED', answered: 0 },
  ],
};

describe('classCsv', () => {
  it('writes a BOM, a header in French, one row per learner with levels per competence, and neutralises formulas', () => {
    const csv = classCsv(progress, teacherFr, (i) => progress.learners[i]!.displayName!);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Élève;État;Réponses;Date de début;Partage (O/N);Date du partage;Nombre de pix total;% de maîtrise;Certifiable (O/N);Niveau pour la compétence 1.1;Niveau pour la compétence 4.1');
    expect(lines[1]).toBe('Léa Martin;Résultats envoyés;14;2026-03-10;O;2026-03-11;42;61;N;3;0');
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"");Bob";Pas commencé;0;;N;;;;;;`);
  });
});
