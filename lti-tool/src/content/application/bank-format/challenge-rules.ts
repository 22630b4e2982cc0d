import { applyTreatments, baseNormalise } from '../../../assessment/domain/answer-check-text.js';
import { parseLearnerNumber } from '../../../assessment/domain/answer-check-number.js';
import { FULL_TOLERANCE, parseFormTemplate, type Tolerance } from '../../domain/challenge.js';
import { levelForDifficulty } from '../../domain/irt-levels.js';
import type { ChallengeInput, FieldInput } from './bank-file-schema.js';
import { formatFieldPath, type ImportIssue, type ImportIssueCode } from './import-issues.js';
import { ASSET_TYPES, type Asset, type Located } from './parse-bank-files.js';

type Report = (code: ImportIssueCode, path: PropertyKey[], message: string) => void;

/**
 * The rules of one challenge that its structure cannot express: solutions that fit the
 * choices and fields, forms whose placeholders match the fields, accepted answers that a
 * learner can actually type, assets that exist. Returns errors and warnings.
 */
export function checkChallengeRules(located: Located<ChallengeInput>, assets: ReadonlyMap<string, Asset>): { errors: ImportIssue[]; warnings: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const issue = (code: ImportIssueCode, path: PropertyKey[], message: string): ImportIssue => ({
    code,
    message,
    file: located.file,
    section: 'challenges',
    item: located.item,
    field: formatFieldPath(path),
    line: located.lineOf(path),
  });
  const error: Report = (code, path, message) => errors.push(issue(code, path, message));
  const warn: Report = (code, path, message) => warnings.push(issue(code, path, message));
  const c = located.value;

  checkAssets(c, assets, error);
  if (c.irt) {
    const expected = levelForDifficulty(c.irt.difficulty);
    const level = Number(c.skill.slice(-1));
    if (Math.abs(expected - level) > 1) {
      warn('IRT_LEVEL_MISMATCH', ['irt', 'difficulty'], `Difficulty ${c.irt.difficulty} is typical of level ${expected}, but the skill is level ${level}.`);
    }
  }
  if (c.type === 'QCU' || c.type === 'QCM') {
    checkChoices(c, error, warn);
    return { errors, warnings };
  }
  const tolerance: Tolerance = { ...FULL_TOLERANCE, ...c.tolerance };
  checkFieldDeclarations(c.fields, error);
  if (c.type === 'QROC' && c.fields.length !== 1) error('FIELD_INVALID', ['fields'], 'A QROC has exactly one field; use QROCM-ind or QROCM-dep for several.');
  if (c.type !== 'QROC' && c.fields.length < 2) error('FIELD_INVALID', ['fields'], `A ${c.type} has at least two fields; use QROC for one.`);
  if (c.form !== undefined) checkForm(c.form, c.fields, error);
  if (c.type === 'QROCM-dep') {
    checkDependentSolution(c, tolerance, error, warn);
  } else {
    c.fields.forEach((field, i) => {
      if (!field.accepted) error('SOLUTION_INVALID', ['fields', i, 'accepted'], 'List the accepted answers of this field.');
      else checkAcceptedValues(field, field.accepted, ['fields', i, 'accepted'], tolerance, error, warn);
    });
  }
  return { errors, warnings };
}

function checkAssets(c: ChallengeInput, assets: ReadonlyMap<string, Asset>, error: Report): void {
  const refs: Array<{ src: string; path: PropertyKey[]; image: boolean }> = [];
  if (c.illustration) refs.push({ src: c.illustration.src, path: ['illustration', 'src'], image: true });
  c.attachments.forEach((a, i) => refs.push({ src: a.src, path: ['attachments', i, 'src'], image: false }));
  for (const ref of refs) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref.src)) {
      if (!/^https:\/\/[^/\s]+/i.test(ref.src)) error('MISSING_ASSET', ref.path, `"${ref.src}" must be an https URL or a file of the bank.`);
      continue;
    }
    const asset = assets.get(ref.src.replace(/^\.\//, ''));
    if (!asset) error('MISSING_ASSET', ref.path, `No file "${ref.src}" in the bank (paths are relative to the bank folder).`);
    else if (ref.image && !ASSET_TYPES[asset.extension]?.image) error('ASSET_TYPE', ref.path, `"${ref.src}" is not an image (svg, png, jpg, gif, webp).`);
  }
}

function checkChoices(c: Extract<ChallengeInput, { type: 'QCU' | 'QCM' }>, error: Report, warn: Report): void {
  const positions = c.type === 'QCU' ? [c.solution] : c.solution;
  positions.forEach((p, i) => {
    if (p > c.choices.length) error('SOLUTION_INVALID', c.type === 'QCU' ? ['solution'] : ['solution', i], `Choice ${p} does not exist: there are ${c.choices.length} choices.`);
  });
  if (new Set(positions).size !== positions.length) error('SOLUTION_INVALID', ['solution'], 'A right choice is listed twice.');
  const seen = new Map<string, number>();
  c.choices.forEach((choice, i) => {
    const key = applyTreatments(choice, { t1: true, t2: false });
    if (seen.has(key)) warn('DUPLICATE_CHOICE', ['choices', i], `Same text as choice ${seen.get(key)! + 1}.`);
    else seen.set(key, i);
  });
}

function checkFieldDeclarations(fields: readonly FieldInput[], error: Report): void {
  const keys = new Set<string>();
  fields.forEach((f, i) => {
    if (keys.has(f.key)) error('FIELD_INVALID', ['fields', i, 'key'], `Two fields are named "${f.key}".`);
    keys.add(f.key);
    if (f.input === 'select' && !f.options) error('FIELD_INVALID', ['fields', i, 'options'], 'A select input needs its options.');
    if (f.input !== 'select' && f.options) error('FIELD_INVALID', ['fields', i, 'options'], 'Options are only for select inputs.');
    for (const prop of ['unit', 'unitAliases', 'margin'] as const) {
      if (f.input !== 'number' && f[prop] !== undefined) error('FIELD_INVALID', ['fields', i, prop], `"${prop}" is only for number inputs.`);
    }
  });
}

function checkForm(form: string, fields: readonly FieldInput[], error: Report): void {
  const placed = parseFormTemplate(form).filter((p) => p.type === 'field').map((p) => p.key);
  const declared = fields.map((f) => f.key);
  for (const key of new Set(placed)) {
    if (!declared.includes(key)) error('FORM_INVALID', ['form'], `The form places {{${key}}}, which is not a declared field.`);
    if (placed.filter((k) => k === key).length > 1) error('FORM_INVALID', ['form'], `The form places {{${key}}} more than once.`);
  }
  for (const key of declared) if (!placed.includes(key)) error('FORM_INVALID', ['form'], `The form does not place the field "${key}" (write {{${key}}} where it goes).`);
}

function checkAcceptedValues(field: FieldInput, accepted: ReadonlyArray<string | number>, path: PropertyKey[], tolerance: Tolerance, error: Report, warn: Report): void {
  const seen = new Map<string, number>();
  accepted.forEach((value, i) => {
    const at = [...path, i];
    let key: string;
    if (field.input === 'number') {
      const n = typeof value === 'number' ? value : parseLearnerNumber(value);
      if (n === undefined || !Number.isFinite(n)) return error('SOLUTION_INVALID', at, `"${value}" is not a number.`);
      key = String(n);
    } else if (field.input === 'select') {
      if (!field.options?.some((o) => baseNormalise(o) === baseNormalise(String(value)))) return error('SOLUTION_INVALID', at, `"${value}" is not one of the options.`);
      key = baseNormalise(String(value));
    } else {
      key = applyTreatments(String(value), tolerance);
      if (key === '') return error('SOLUTION_INVALID', at, `"${value}" is empty once normalised: no learner could type it.`);
    }
    if (seen.has(key)) warn('DUPLICATE_ALTERNATIVE', at, `Same as alternative ${seen.get(key)! + 1} once normalised.`);
    else seen.set(key, i);
  });
}

function checkDependentSolution(c: Extract<ChallengeInput, { type: 'QROCM-dep' }>, tolerance: Tolerance, error: Report, warn: Report): void {
  c.fields.forEach((f, i) => {
    if (f.accepted) error('SOLUTION_INVALID', ['fields', i, 'accepted'], 'In a QROCM-dep, accepted answers go in "groups" or "combinations", not in the fields.');
  });
  if ((c.groups === undefined) === (c.combinations === undefined)) {
    error('SOLUTION_INVALID', [], 'A QROCM-dep has exactly one of "groups" (any order) or "combinations".');
    return;
  }
  if (c.groups) {
    if (c.groups.length < c.fields.length) error('SOLUTION_INVALID', ['groups'], `${c.fields.length} fields need at least ${c.fields.length} groups.`);
    const kinds = new Set(c.fields.map((f) => f.input));
    if (kinds.has('select') || kinds.size > 1) {
      error('FIELD_INVALID', ['fields'], 'With "groups", all fields are text inputs or all are number inputs.');
      return;
    }
    c.groups.forEach((group, g) => checkAcceptedValues(c.fields[0]!, group, ['groups', g], tolerance, error, warn));
    return;
  }
  const keys = c.fields.map((f) => f.key);
  c.combinations!.forEach((combination, k) => {
    const given = Object.keys(combination);
    if (given.length !== keys.length || !keys.every((key) => given.includes(key))) {
      error('SOLUTION_INVALID', ['combinations', k], `Each combination gives accepted answers for exactly the fields ${keys.join(', ')}.`);
      return;
    }
    c.fields.forEach((f) => checkAcceptedValues(f, combination[f.key]!, ['combinations', k, f.key], tolerance, error, warn));
  });
}
