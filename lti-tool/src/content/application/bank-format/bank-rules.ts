import { skillName } from '../../domain/framework.js';
import { checkChallengeRules } from './challenge-rules.js';
import { formatFieldPath, type ImportIssue } from './import-issues.js';
import type { Located, ParsedBank } from './parse-bank-files.js';

/**
 * The rules that need the whole bank: one header, unique ids across files, references
 * that resolve (competence → area, tube → competence, challenge → skill), then each
 * challenge's own rules. Warnings point at content that imports but is probably not
 * what the authors meant.
 */
export function checkBankRules(parsed: ParsedBank): { errors: ImportIssue[]; warnings: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const at = (item: Located<unknown>, path: PropertyKey[] = []) => ({
    file: item.file,
    section: item.section,
    item: item.item,
    field: formatFieldPath(path),
    line: item.lineOf(path),
  });

  if (parsed.headers.length === 0 && parsed.bankFiles.length > 0) {
    errors.push({ code: 'HEADER_MISSING', file: parsed.bankFiles[0]!, section: 'bank', message: 'One file of the bank must have a "bank" section (id, version).' });
  }
  for (const extra of parsed.headers.slice(1)) {
    errors.push({ code: 'HEADER_DUPLICATE', ...at(extra), message: `Only one file may have a "bank" section; ${parsed.headers[0]!.file} already has one.` });
  }

  const areas = uniqueById(parsed.areas, (a) => a.value.code, errors, at);
  const competences = uniqueById(parsed.competences, (c) => c.value.code, errors, at);
  for (const c of parsed.competences) {
    if (!areas.has(c.value.area) && !parsed.invalidIds.has(c.value.area)) errors.push({ code: 'UNKNOWN_REFERENCE', ...at(c, ['area']), message: `No area "${c.value.area}" in the bank.` });
    else if (!c.value.code.startsWith(`${c.value.area}.`)) errors.push({ code: 'CODE_MISMATCH', ...at(c, ['code']), message: `Competence ${c.value.code} belongs to area ${c.value.code[0]}, not ${c.value.area}.` });
  }
  const tubes = uniqueById(parsed.tubes, (t) => t.value.name, errors, at);
  const skills = new Set<string>();
  for (const t of parsed.tubes) {
    if (!competences.has(t.value.competence) && !parsed.invalidIds.has(t.value.competence)) errors.push({ code: 'UNKNOWN_REFERENCE', ...at(t, ['competence']), message: `No competence "${t.value.competence}" in the bank.` });
    const levels = new Set<number>();
    t.value.skills.forEach((s, i) => {
      if (levels.has(s.level)) errors.push({ code: 'DUPLICATE_ID', ...at(t, ['skills', i, 'level']), message: `Level ${s.level} is declared twice in ${t.value.name}.` });
      levels.add(s.level);
      if (tubes.get(t.value.name) === t) skills.add(skillName(t.value.name, s.level));
    });
  }
  for (const c of parsed.competences) {
    if (!parsed.tubes.some((t) => t.value.competence === c.value.code)) {
      warnings.push({ code: 'COMPETENCE_WITHOUT_TUBE', ...at(c), message: `Competence ${c.value.code} has no tube: nothing can be asked on it.` });
    }
  }

  uniqueById(parsed.challenges, (c) => c.value.id, errors, at);
  const validatedSkills = new Set<string>();
  for (const c of parsed.challenges) {
    const tube = c.value.skill.slice(0, -1);
    if (!skills.has(c.value.skill) && !parsed.invalidIds.has(tube)) {
      const message = tubes.has(tube) ? `Tube ${tube} declares no level ${c.value.skill.slice(-1)}.` : `No tube "${tube}" in the bank.`;
      errors.push({ code: 'UNKNOWN_REFERENCE', ...at(c, ['skill']), message });
    }
    if (c.value.status === 'validated') validatedSkills.add(c.value.skill);
    const own = checkChallengeRules(c, parsed.assets);
    errors.push(...own.errors);
    warnings.push(...own.warnings);
  }
  for (const t of parsed.tubes) {
    t.value.skills.forEach((s, i) => {
      const name = skillName(t.value.name, s.level);
      if (s.status === 'active' && !validatedSkills.has(name)) {
        warnings.push({ code: 'SKILL_WITHOUT_CHALLENGE', ...at(t, ['skills', i]), message: `Skill ${name} has no validated challenge: it is worth no pix and is never asked.` });
      }
    });
  }
  const used = new Set(parsed.challenges.flatMap((c) => [c.value.illustration?.src, ...c.value.attachments.map((a) => a.src)]).filter((s): s is string => !!s).map((s) => s.replace(/^\.\//, '')));
  for (const name of parsed.assets.keys()) {
    if (!used.has(name)) warnings.push({ code: 'UNUSED_ASSET', file: name, message: 'No challenge uses this file.' });
  }
  if (parsed.errors.length === 0 && errors.length === 0 && parsed.challenges.length === 0) {
    errors.push({ code: 'EMPTY_BANK', file: parsed.bankFiles[0] ?? '*', message: 'The bank has no challenge.' });
  }
  return { errors, warnings };
}

function uniqueById<T>(
  items: Array<Located<T>>,
  idOf: (item: Located<T>) => string,
  errors: ImportIssue[],
  at: (item: Located<unknown>, path?: PropertyKey[]) => Omit<ImportIssue, 'code' | 'message'>,
): Map<string, Located<T>> {
  const byId = new Map<string, Located<T>>();
  for (const item of items) {
    const id = idOf(item);
    const first = byId.get(id);
    if (first) {
      const where = first.file === item.file ? `line ${first.lineOf() ?? '?'}` : first.file;
      errors.push({ code: 'DUPLICATE_ID', ...at(item), message: `"${id}" is already defined (${where}).` });
    } else {
      byId.set(id, item);
    }
  }
  return byId;
}
