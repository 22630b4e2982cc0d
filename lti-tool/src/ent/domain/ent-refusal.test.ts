import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENT_REFUSALS } from './ent-refusal.js';

describe('ENT refusal codes', () => {
  const reference = fs.readFileSync(fileURLToPath(new URL('../../../../docs/reference/error-codes.md', import.meta.url)), 'utf8');

  it.each(Object.entries(ENT_REFUSALS))('%s is documented with its status', (code, [status]) => {
    expect(reference).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
  });
});
