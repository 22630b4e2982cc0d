import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';

const eslint = new ESLint({ cwd: ROOT });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering rules', () => {
  it.each(['express', 'mongoose', 'mongodb', 'ltijs'])('forbid a domain folder to import %s', async (module) => {
    const messages = await restricted('lti-tool/src/campaigns/domain/campaign-code.ts', `import x from '${module}';\nexport const y = x;\n`);
    expect(messages).toHaveLength(1);
  });

  it('forbid a domain folder to reach into infrastructure', async () => {
    const messages = await restricted('lti-tool/src/assessment/domain/scoring.ts', "import { repo } from '../infrastructure/answers.repository.js';\nexport const y = repo;\n");
    expect(messages).toHaveLength(1);
  });

  it('keep ltijs behind the lti folder', async () => {
    expect(await restricted('lti-tool/src/grading/application/deliver-grades.ts', "import lti from 'ltijs';\nexport const y = lti;\n")).toHaveLength(1);
    expect(await restricted('lti-tool/src/lti/ltijs/provider.ts', "import lti from 'ltijs';\nexport const y = lti;\n")).toHaveLength(0);
  });

  it('let infrastructure use mongoose', async () => {
    expect(await restricted('lti-tool/src/campaigns/infrastructure/campaigns.repository.ts', "import { Schema } from 'mongoose';\nexport const y = Schema;\n")).toHaveLength(0);
  });
});
