import { z } from 'zod';
import { bankFileSchema } from './bank-file-schema.js';

/** Where the published schema lives (editors point `$schema` / yaml-language-server at it). */
export const ITEM_BANK_SCHEMA_PATH = 'docs/reference/item-bank.schema.json';

/**
 * The JSON Schema (2020-12) of one bank file, generated from the zod schema the import
 * uses, so the two cannot drift (a test compares it with the committed file). It checks
 * structure only; the rules that span items are listed in item-bank-format.md.
 */
export function itemBankJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(bankFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://pix-lti.example.org/schemas/item-bank-1.json',
    title: 'Pix LTI item bank file (pix-lti/item-bank@1)',
    ...schema,
  };
}

export const serializeItemBankJsonSchema = () => `${JSON.stringify(itemBankJsonSchema(), null, 2)}\n`;
