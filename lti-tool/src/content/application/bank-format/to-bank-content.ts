import type { BankContent } from '../../domain/bank.js';
import {
  FULL_TOLERANCE,
  defaultForm,
  parseFormTemplate,
  type Accepted,
  type Challenge,
  type FieldSpec,
  type FieldWithSolution,
} from '../../domain/challenge.js';
import { parseLearnerNumber } from '../../../assessment/domain/answer-check-number.js';
import type { ChallengeInput, FieldInput } from './bank-file-schema.js';
import type { Asset, ParsedBank } from './parse-bank-files.js';

/** Where the tool serves an asset: its content hash names it, so it can be cached forever. */
export const assetPath = (asset: Pick<Asset, 'hash' | 'extension'>) => `/api/content/assets/${asset.hash}.${asset.extension}`;

/**
 * Turns a bank that passed every rule into the stored form: defaults filled in, forms
 * parsed, numbers read, asset references replaced by the tool's asset URLs.
 */
export function toBankContent(parsed: ParsedBank): BankContent {
  const header = parsed.headers[0]!.value;
  const tubeCompetence = new Map(parsed.tubes.map((t) => [t.value.name, t.value.competence]));
  const assetUrl = (src: string) => {
    const asset = parsed.assets.get(src.replace(/^\.\//, ''));
    return asset ? assetPath(asset) : src;
  };
  return {
    bank: { id: header.id, version: header.version, title: header.title, defaultLocale: header.defaultLocale.toLowerCase(), license: header.license },
    areas: parsed.areas.map(({ value: a }) => ({ code: a.code, name: a.name })),
    competences: parsed.competences.map(({ value: c }) => ({ code: c.code, areaCode: c.area, name: c.name, description: c.description })),
    tubes: parsed.tubes.map(({ value: t }) => ({
      name: t.name,
      competenceCode: t.competence,
      title: t.title,
      description: t.description,
      skills: t.skills.map((s) => ({ level: s.level, status: s.status, hint: s.hint, tutorials: s.tutorials })),
    })),
    challenges: parsed.challenges.map(({ value }) => toChallenge(value, tubeCompetence.get(value.skill.slice(0, -1))!, header.defaultLocale, assetUrl)),
  };
}

function toChallenge(c: ChallengeInput, competenceId: string, defaultLocale: string, assetUrl: (src: string) => string): Challenge {
  const base = {
    id: c.id,
    skillId: c.skill,
    tubeId: c.skill.slice(0, -1),
    competenceId,
    status: c.status,
    locales: (c.locales ?? [defaultLocale]).map((l) => l.toLowerCase()),
    instruction: c.instruction,
    explanation: c.explanation,
    illustration: c.illustration && { url: assetUrl(c.illustration.src), alt: c.illustration.alt },
    attachments: c.attachments.map((a) => ({ name: a.name, url: assetUrl(a.src) })),
    embed: c.embed,
    timer: c.timer,
    focused: c.focused,
    irt: c.irt,
  };
  switch (c.type) {
    case 'QCU':
      return { ...base, type: 'QCU', choices: c.choices, solution: [c.solution], shuffled: c.shuffled };
    case 'QCM':
      return { ...base, type: 'QCM', choices: c.choices, solution: [...c.solution].sort((a, b) => a - b), shuffled: c.shuffled };
    default: {
      const fields = c.fields.map(toFieldSpec);
      const form = c.form !== undefined ? parseFormTemplate(c.form) : defaultForm(fields);
      const tolerance = { ...FULL_TOLERANCE, ...c.tolerance };
      const withSolution = (f: FieldInput, i: number): FieldWithSolution => ({ ...fields[i]!, accepted: toAccepted(fields[i]!, f.accepted ?? []) });
      if (c.type === 'QROC') return { ...base, type: 'QROC', form, tolerance, fields: [withSolution(c.fields[0]!, 0)] };
      if (c.type === 'QROCM-ind') return { ...base, type: 'QROCM-ind', form, tolerance, fields: c.fields.map(withSolution) };
      const solution = c.groups
        ? { mode: 'anyOrder' as const, groups: c.groups.map((g) => ({ accepted: toAccepted(fields[0]!, g) })) }
        : {
            mode: 'combinations' as const,
            combinations: c.combinations!.map((combination) => ({
              values: Object.fromEntries(fields.map((f) => [f.key, toAccepted(f, combination[f.key]!)])),
            })),
          };
      return { ...base, type: 'QROCM-dep', form, tolerance, fields, solution };
    }
  }
}

function toFieldSpec(f: FieldInput): FieldSpec {
  const common = { key: f.key, label: f.label, placeholder: f.placeholder, size: f.size };
  if (f.input === 'number') return { ...common, input: 'number', unit: f.unit, unitAliases: f.unitAliases ?? [], margin: f.margin ?? 0 };
  if (f.input === 'select') return { ...common, input: 'select', options: f.options! };
  return { ...common, input: 'text' };
}

function toAccepted(field: FieldSpec, values: ReadonlyArray<string | number>): Accepted {
  if (field.input === 'number') return values.map((v) => (typeof v === 'number' ? v : parseLearnerNumber(v)!));
  return values.map(String);
}
