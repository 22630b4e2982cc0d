import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAUNCH_REFUSALS } from './launch-refusal.js';

describe('launch refusal codes', () => {
  const reference = fs.readFileSync(fileURLToPath(new URL('../../../../../docs/reference/error-codes.md', import.meta.url)), 'utf8');

  it.each(Object.entries(LAUNCH_REFUSALS))('%s is documented with its status and has a French message', (code, [status, , french]) => {
    expect(reference).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
    expect(french).toMatch(/[a-zé]/);
  });
});
