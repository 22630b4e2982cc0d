import { describe, expect, it } from 'vitest';
import { bankFiles, smallBank } from '../../testing/bank-files.js';
import { validateItemBank } from './validate-item-bank.js';

type Bank = ReturnType<typeof smallBank>;
const challenges = (bank: Bank) => bank.content.challenges as Array<Record<string, unknown>>;
const withChange = (change: (bank: Bank) => void) => {
  const bank = smallBank();
  change(bank);
  return validateItemBank(bankFiles(bank));
};

describe('validateItemBank — a valid bank', () => {
  it('passes with counts and builds the stored content', () => {
    const result = validateItemBank(bankFiles());
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ areas: 1, competences: 1, tubes: 2, skills: 5, challenges: 5, byType: { QCU: 1, QCM: 1, QROC: 1, 'QROCM-ind': 1, 'QROCM-dep': 1 } });
    const qroc = result.content!.challenges.find((c) => c.id === 'qroc-1')!;
    expect(qroc).toMatchObject({ type: 'QROC', skillId: '@recherche3', tubeId: '@recherche', competenceId: '1.1', status: 'validated', locales: ['fr-fr'], tolerance: { t1: true, t2: true, t3: true } });
    expect(result.content!.challenges.find((c) => c.id === 'dep-1')).toMatchObject({ solution: { mode: 'anyOrder', groups: [{ accepted: ['Firefox'] }, { accepted: ['Chrome'] }, { accepted: ['Edge'] }] } });
  });
});

describe('validateItemBank — every error, with file, item and field', () => {
  it('reports a YAML syntax error with its line', () => {
    const result = validateItemBank([...bankFiles().slice(0, 1), { name: 'broken.yaml', content: 'format: pix-lti/item-bank@1\nchallenges:\n  - id: x\n   skill: bad-indent\n' }]);
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ code: 'FILE_SYNTAX', file: 'broken.yaml', line: expect.any(Number) });
  });

  it('reports duplicate keys as syntax errors', () => {
    const result = validateItemBank([...bankFiles(), { name: 'dup.yaml', content: 'format: pix-lti/item-bank@1\nformat: pix-lti/item-bank@1\n' }]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'FILE_SYNTAX', file: 'dup.yaml', line: 2 })]);
  });

  it('refuses an unknown or missing format version', () => {
    const result = validateItemBank([...bankFiles(), { name: 'v2.json', content: '{"format": "pix-lti/item-bank@2"}' }, { name: 'none.yaml', content: 'tubes: []\n' }]);
    expect(result.errors.map((e) => [e.code, e.file])).toEqual([
      ['FORMAT_VERSION', 'v2.json'],
      ['FORMAT_VERSION', 'none.yaml'],
    ]);
  });

  it('reports a JSON syntax error with its line', () => {
    const result = validateItemBank([...bankFiles(), { name: 'bad.json', content: '{"format": "pix-lti/item-bank@1",\n  "tubes": [,]\n}' }]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'FILE_SYNTAX', file: 'bad.json', line: 2 })]);
  });

  it('gives lines for problems in JSON files too', () => {
    const bank = smallBank();
    (bank.content.challenges as Array<Record<string, unknown>>)[1]!.solution = [9];
    const result = validateItemBank([{ name: 'bank.json', content: JSON.stringify(bank.header, null, 2) }, { name: 'items.json', content: JSON.stringify(bank.content, null, 2) }]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'SOLUTION_INVALID', file: 'items.json', item: 'qcm-1', field: 'solution[0]', line: expect.any(Number) })]);
    expect(result.errors[0]!.line).toBeGreaterThan(20);
  });

  it('does not repeat an error as broken references to the item that has it', () => {
    const result = withChange((bank) => ((bank.content.tubes as Array<Record<string, unknown>>)[0]!.title = 'no locale'));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'SCHEMA_VIOLATION', item: '@recherche', field: 'title' })]);
  });

  it('reads JSON files too', () => {
    const bank = smallBank();
    const result = validateItemBank([
      { name: 'bank.json', content: JSON.stringify(bank.header) },
      { name: 'items.json', content: JSON.stringify(bank.content, null, 2) },
    ]);
    expect(result.errors).toEqual([]);
  });

  it('reports each schema violation of each item, not only the first, with id, field and line', () => {
    const result = withChange((bank) => {
      challenges(bank)[0]!.solution = 'one';
      challenges(bank)[0]!.timer = -3;
      challenges(bank)[1]!.type = 'QCX';
      (bank.content.tubes as Array<Record<string, unknown>>)[0]!.title = 'no locale';
    });
    expect(result.ok).toBe(false);
    const summary = result.errors.map((e) => ({ code: e.code, file: e.file, item: e.item, field: e.field }));
    expect(summary).toEqual(
      expect.arrayContaining([
        { code: 'SCHEMA_VIOLATION', file: '1.1.yaml', item: 'qcu-1', field: 'solution' },
        { code: 'SCHEMA_VIOLATION', file: '1.1.yaml', item: 'qcu-1', field: 'timer' },
        { code: 'SCHEMA_VIOLATION', file: '1.1.yaml', item: 'qcm-1', field: 'type' },
        { code: 'SCHEMA_VIOLATION', file: '1.1.yaml', item: '@recherche', field: 'title' },
      ]),
    );
    expect(result.errors.every((e) => typeof e.line === 'number' && e.line > 1)).toBe(true);
  });

  it('names an item without an id by its position', () => {
    const result = withChange((bank) => delete challenges(bank)[2]!.id);
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'SCHEMA_VIOLATION', item: 'challenges[2]', field: 'id' }));
  });

  it('refuses unknown properties (typos in field names)', () => {
    const result = withChange((bank) => (challenges(bank)[0]!.instructions = 'typo'));
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'SCHEMA_VIOLATION', item: 'qcu-1' }));
  });

  it('requires exactly one bank header', () => {
    const bank = smallBank();
    const noHeader = validateItemBank(bankFiles(bank).slice(1));
    expect(noHeader.errors).toContainEqual(expect.objectContaining({ code: 'HEADER_MISSING' }));
    const twice = validateItemBank([...bankFiles(bank), { name: 'other.yaml', content: 'format: pix-lti/item-bank@1\nbank: { id: other, version: "2" }\n' }]);
    expect(twice.errors).toContainEqual(expect.objectContaining({ code: 'HEADER_DUPLICATE', file: 'other.yaml' }));
  });

  it('reports duplicate ids across files, naming both places', () => {
    const bank = smallBank();
    const again = 'format: pix-lti/item-bank@1\nchallenges:\n  - { id: qcu-1, skill: "@recherche1", type: QCU, instruction: "Q", choices: [A, B], solution: 2 }\n';
    const result = validateItemBank([...bankFiles(bank), { name: 'more.yaml', content: again }]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_ID', file: 'more.yaml', item: 'qcu-1', message: expect.stringContaining('1.1.yaml') })]);
  });

  it('reports references that do not resolve', () => {
    const result = withChange((bank) => {
      challenges(bank)[0]!.skill = '@recherche7';
      challenges(bank)[1]!.skill = '@inconnu2';
      (bank.content.tubes as Array<Record<string, unknown>>)[1]!.competence = '1.9';
      (bank.header.competences as Array<Record<string, unknown>>)[0]!.area = '4';
    });
    expect(result.errors.map((e) => [e.code, e.item, e.field, e.message])).toEqual(
      expect.arrayContaining([
        ['UNKNOWN_REFERENCE', 'qcu-1', 'skill', 'Tube @recherche declares no level 7.'],
        ['UNKNOWN_REFERENCE', 'qcm-1', 'skill', 'No tube "@inconnu" in the bank.'],
        ['UNKNOWN_REFERENCE', '@sources', 'competence', 'No competence "1.9" in the bank.'],
        ['UNKNOWN_REFERENCE', '1.1', 'area', 'No area "4" in the bank.'],
      ]),
    );
  });

  it('refuses solutions that do not fit the choices', () => {
    const result = withChange((bank) => {
      challenges(bank)[0]!.solution = 3;
      challenges(bank)[1]!.solution = [1, 1, 4];
    });
    expect(result.errors.filter((e) => e.code === 'SOLUTION_INVALID').map((e) => [e.item, e.field])).toEqual([
      ['qcu-1', 'solution'],
      ['qcm-1', 'solution[2]'],
      ['qcm-1', 'solution'],
    ]);
  });

  it('refuses accepted answers no learner could type, numbers that are not numbers, options that do not exist', () => {
    const result = withChange((bank) => {
      challenges(bank)[2]!.fields = [{ key: 'r', label: 'R', accepted: ['?!'] }];
      challenges(bank)[3]!.fields = [
        { key: 'pays', label: 'Pays', input: 'number', accepted: ['douze'] },
        { key: 'capitale', label: 'Capitale', input: 'select', options: ['Paris', 'Lyon'], accepted: ['Marseille'] },
      ];
    });
    expect(result.errors.map((e) => [e.code, e.item, e.field])).toEqual([
      ['SOLUTION_INVALID', 'qroc-1', 'fields[0].accepted[0]'],
      ['SOLUTION_INVALID', 'ind-1', 'fields[0].accepted[0]'],
      ['SOLUTION_INVALID', 'ind-1', 'fields[1].accepted[0]'],
    ]);
  });

  it('lets an author keep punctuation answers by switching t2 off', () => {
    const result = withChange((bank) => {
      challenges(bank)[2]!.fields = [{ key: 'r', label: 'R', accepted: ['-'] }];
      challenges(bank)[2]!.tolerance = { t2: false };
    });
    expect(result.errors).toEqual([]);
  });

  it('checks forms against fields', () => {
    const result = withChange((bank) => (challenges(bank)[3]!.form = 'Pays : {{pays}} {{pays}} {{ville}}'));
    expect(result.errors.map((e) => [e.code, e.field, e.message])).toEqual([
      ['FORM_INVALID', 'form', 'The form places {{pays}} more than once.'],
      ['FORM_INVALID', 'form', 'The form places {{ville}}, which is not a declared field.'],
      ['FORM_INVALID', 'form', 'The form does not place the field "capitale" (write {{capitale}} where it goes).'],
    ]);
  });

  it('checks field counts and per-kind properties', () => {
    const result = withChange((bank) => {
      challenges(bank)[2]!.fields = [
        { key: 'a', label: 'A', accepted: ['x'], unit: 'cm' },
        { key: 'a', label: 'B', input: 'select', accepted: ['x'] },
      ];
    });
    expect(result.errors.map((e) => [e.code, e.field])).toEqual(
      expect.arrayContaining([
        ['FIELD_INVALID', 'fields[1].key'],
        ['FIELD_INVALID', 'fields[1].options'],
        ['FIELD_INVALID', 'fields[0].unit'],
        ['FIELD_INVALID', 'fields'],
      ]),
    );
  });

  it('checks QROCM-dep solutions', () => {
    const result = withChange((bank) => {
      challenges(bank)[4]!.groups = [['Firefox']];
    });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'SOLUTION_INVALID', item: 'dep-1', field: 'groups' })]);
    const both = withChange((bank) => (challenges(bank)[4]!.combinations = [{ n1: ['a'], n2: ['b'] }]));
    expect(both.errors).toEqual([expect.objectContaining({ code: 'SOLUTION_INVALID', item: 'dep-1' })]);
    const badKeys = withChange((bank) => {
      delete challenges(bank)[4]!.groups;
      challenges(bank)[4]!.combinations = [{ n1: ['a'], n3: ['b'] }];
    });
    expect(badKeys.errors).toEqual([expect.objectContaining({ code: 'SOLUTION_INVALID', field: 'combinations[0]' })]);
  });

  it('requires alt text with an illustration and the asset file', () => {
    const result = withChange((bank) => {
      challenges(bank)[0]!.illustration = { src: 'images/absente.svg', alt: 'Un schéma' };
      challenges(bank)[1]!.illustration = { src: 'https://example.org/x.png' };
      challenges(bank)[2]!.attachments = [{ name: 'Données', src: 'http://example.org/x.csv' }];
    });
    expect(result.errors.map((e) => [e.code, e.item, e.field])).toEqual([
      ['SCHEMA_VIOLATION', 'qcm-1', 'illustration.alt'],
      ['MISSING_ASSET', 'qcu-1', 'illustration.src'],
      ['MISSING_ASSET', 'qroc-1', 'attachments[0].src'],
    ]);
  });

  it('stores assets by content hash and rewrites references to the tool’s URL', () => {
    const bank = smallBank();
    challenges(bank)[0]!.illustration = { src: 'images/schema.svg', alt: 'Un schéma' };
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const result = validateItemBank(bankFiles(bank, [{ name: 'images/schema.svg', content: svg }, { name: 'images/unused.png', content: new Uint8Array([1, 2]) }]));
    expect(result.ok).toBe(true);
    expect(result.content!.challenges[0]!.illustration!.url).toMatch(/^\/api\/content\/assets\/[0-9a-f]{64}\.svg$/);
    expect(result.assets.map((a) => a.name)).toEqual(['images/schema.svg']);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'UNUSED_ASSET', file: 'images/unused.png' }));
  });

  it('refuses an illustration that is not an image', () => {
    const bank = smallBank();
    challenges(bank)[0]!.illustration = { src: 'notes.csv', alt: 'Des notes' };
    const result = validateItemBank(bankFiles(bank, [{ name: 'notes.csv', content: 'a;b\n' }]));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'ASSET_TYPE', item: 'qcu-1', field: 'illustration.src' })]);
  });

  it('refuses unsafe names, unknown file types, bad encodings', () => {
    const result = validateItemBank([
      ...bankFiles(),
      { name: '../etc/passwd.yaml', content: 'x' },
      { name: 'script.exe', content: 'x' },
      { name: 'latin1.yaml', content: new Uint8Array([0x66, 0xe9, 0x0a]) },
    ]);
    expect(result.errors.map((e) => [e.code, e.file])).toEqual([
      ['FILE_NAME', '../etc/passwd.yaml'],
      ['FILE_TYPE', 'script.exe'],
      ['FILE_ENCODING', 'latin1.yaml'],
    ]);
  });

  it('collects errors from several files in one pass', () => {
    const bank = smallBank();
    challenges(bank)[0]!.solution = 9;
    const result = validateItemBank([...bankFiles(bank), { name: 'autre.yaml', content: 'format: pix-lti/item-bank@1\nchallenges:\n  - id: z\n' }]);
    expect(new Set(result.errors.map((e) => e.file))).toEqual(new Set(['1.1.yaml', 'autre.yaml']));
  });
});

describe('validateItemBank — warnings', () => {
  it('warns about skills nobody can be asked, duplicate alternatives and miscalibrated IRT', () => {
    const result = withChange((bank) => {
      (bank.content.tubes as Array<{ skills: unknown[] }>)[0]!.skills.push({ level: 4 });
      challenges(bank)[2]!.fields = [{ key: 'r', label: 'R', accepted: ['Paris', 'paris'] }];
      challenges(bank)[0]!.irt = { discrimination: 1.2, difficulty: 3.5 };
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.item, w.field])).toEqual(
      expect.arrayContaining([
        ['SKILL_WITHOUT_CHALLENGE', '@recherche', 'skills[3]'],
        ['DUPLICATE_ALTERNATIVE', 'qroc-1', 'fields[0].accepted[1]'],
        ['IRT_LEVEL_MISMATCH', 'qcu-1', 'irt.difficulty'],
      ]),
    );
  });
});
