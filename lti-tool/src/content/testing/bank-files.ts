import { stringify } from 'yaml';
import type { BankFile } from '../application/bank-format/parse-bank-files.js';

/**
 * A small valid bank as files, for tests: one area, one competence, one tube with levels
 * 1–3, one challenge of each type. Tests change a copy to produce the error they check.
 */
export function smallBank(): { header: Record<string, unknown>; content: Record<string, unknown> } {
  return {
    header: {
      format: 'pix-lti/item-bank@1',
      bank: { id: 'test-bank', version: '1', defaultLocale: 'fr-fr' },
      areas: [{ code: '1', name: { fr: 'Information et données' } }],
      competences: [{ code: '1.1', area: '1', name: { fr: 'Mener une recherche' } }],
    },
    content: {
      format: 'pix-lti/item-bank@1',
      tubes: [
        { name: '@recherche', competence: '1.1', title: { fr: 'Recherche' }, skills: [{ level: 1 }, { level: 2 }, { level: 3 }] },
        { name: '@sources', competence: '1.1', title: { fr: 'Sources' }, skills: [{ level: 1 }, { level: 2 }] },
      ],
      challenges: [
        { id: 'qcu-1', skill: '@recherche1', type: 'QCU', instruction: 'Q ?', choices: ['A', 'B'], solution: 1 },
        { id: 'qcm-1', skill: '@recherche2', type: 'QCM', instruction: 'Q ?', choices: ['A', 'B', 'C'], solution: [1, 3] },
        { id: 'qroc-1', skill: '@recherche3', type: 'QROC', instruction: 'Q ?', fields: [{ key: 'r', label: 'Réponse', accepted: ['Paris'] }] },
        {
          id: 'ind-1',
          skill: '@sources1',
          type: 'QROCM-ind',
          instruction: 'Q ?',
          form: 'Pays : {{pays}} Capitale : {{capitale}}',
          fields: [
            { key: 'pays', label: 'Pays', accepted: ['France'] },
            { key: 'capitale', label: 'Capitale', accepted: ['Paris'] },
          ],
        },
        {
          id: 'dep-1',
          skill: '@sources2',
          type: 'QROCM-dep',
          instruction: 'Deux navigateurs ?',
          fields: [
            { key: 'n1', label: 'Navigateur 1' },
            { key: 'n2', label: 'Navigateur 2' },
          ],
          groups: [['Firefox'], ['Chrome'], ['Edge']],
        },
      ],
    },
  };
}

export function bankFiles(bank = smallBank(), extra: BankFile[] = []): BankFile[] {
  return [{ name: 'bank.yaml', content: stringify(bank.header) }, { name: '1.1.yaml', content: stringify(bank.content) }, ...extra];
}
