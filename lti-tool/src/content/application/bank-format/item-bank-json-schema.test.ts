import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ITEM_BANK_SCHEMA_PATH, serializeItemBankJsonSchema } from './item-bank-json-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

describe('item-bank.schema.json', () => {
  it('is the JSON Schema of the import’s zod schema (run `npm run content:schema` after changing the format)', async () => {
    expect(await fs.readFile(path.join(root, ITEM_BANK_SCHEMA_PATH), 'utf8')).toBe(serializeItemBankJsonSchema());
  });

  it('describes the five challenge types and the required alt text', () => {
    const text = serializeItemBankJsonSchema();
    for (const type of ['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep']) expect(text).toContain(`"const": "${type}"`);
    const schema = JSON.parse(text);
    const challenge = schema.properties.challenges.items.oneOf ?? schema.properties.challenges.items.anyOf;
    expect(challenge).toHaveLength(5);
    expect(challenge[0].properties.illustration.required).toEqual(['src', 'alt']);
  });
});

describe('the published JSON Schema accepts real banks', () => {
  it('accepts every file of the sample bank and a synthetic bank, and rejects a broken file', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { parse } = await import('yaml');
    const { readBankFiles, SAMPLE_BANK_DIR } = await import('../../infrastructure/read-bank-folder.js');
    const { generateSyntheticBank } = await import('../../synthetic/generate-bank.js');
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(serializeItemBankJsonSchema()));
    const files = (await readBankFiles([SAMPLE_BANK_DIR])).filter((f) => f.name.endsWith('.yaml'));
    expect(files.length).toBe(17);
    for (const file of files) {
      const ok = validate(parse(Buffer.from(file.content).toString('utf8')));
      expect(ok, `${file.name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    expect(validate(JSON.parse(generateSyntheticBank({ seed: 1, itemsPerCompetence: 3 }).files()[0]!.content as string))).toBe(true);
    expect(validate({ format: 'pix-lti/item-bank@1', challenges: [{ id: 'x', skill: '@a1', type: 'QCU', instruction: 'Q', choices: ['a'], solution: 1 }] })).toBe(false);
  });
});
