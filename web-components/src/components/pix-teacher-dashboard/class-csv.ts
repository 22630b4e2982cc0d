import type { ClassProgress } from '../../api/contract.js';
import type { TeacherMessages } from '../../i18n/teacher.js';

/**
 * The class as a CSV file for a spreadsheet: UTF-8 with a BOM and `;` separators, as
 * French spreadsheet software expects, one row per learner (columns after Pix's own
 * profile export: sharing, total pix, certifiable, then the level per competence).
 */
export function classCsv(progress: ClassProgress, m: TeacherMessages, nameOf: (index: number) => string): string {
  const c = m.dashboard.csv;
  const header = [c.learner, c.status, c.answers, c.started, c.shared, c.sharedAt, c.pix, c.mastery, c.certifiable, ...progress.competences.map((k) => c.level(k.code))];
  const rows = progress.learners.map((l, i) => {
    const r = l.results;
    const levels = new Map(r?.competences.map((k) => [k.code, k.level]) ?? []);
    return [
      nameOf(i),
      m.dashboard.status[l.status],
      String(l.answered),
      l.startedAt ? l.startedAt.slice(0, 10) : '',
      l.status === 'SHARED' ? c.yes : c.no,
      l.sharedAt ? l.sharedAt.slice(0, 10) : '',
      r ? String(r.pixScore) : '',
      r ? String(Math.round(r.masteryRate * 100)) : '',
      r ? (r.certifiable ? c.yes : c.no) : '',
      ...progress.competences.map((k) => (r ? String(levels.get(k.code) ?? 0) : '')),
    ];
  });
  return '\ufeff' + [header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** Quotes a cell when needed; a leading = + - @ is neutralised (CSV formula injection). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
