// `npm run content:schema`: writes docs/reference/item-bank.schema.json from the import's zod schema.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ITEM_BANK_SCHEMA_PATH, serializeItemBankJsonSchema } from '@pix-lti/lti-tool';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await fs.writeFile(path.join(root, ITEM_BANK_SCHEMA_PATH), serializeItemBankJsonSchema());
process.stdout.write(`Wrote ${ITEM_BANK_SCHEMA_PATH}\n`);
