import {
  FULL_TOLERANCE,
  defaultForm,
  type ChoiceChallenge,
  type DependentSolution,
  type FieldSpec,
  type FieldWithSolution,
  type QrocChallenge,
  type QrocmDepChallenge,
  type QrocmIndChallenge,
  type TextField,
} from '../domain/challenge.js';

/** Small builders of valid challenges for tests (here and in other contexts). */

const base = {
  skillId: '@test1',
  tubeId: '@test',
  competenceId: '1.1',
  status: 'validated' as const,
  locales: ['fr-fr'],
  instruction: 'Question ?',
  attachments: [],
  focused: false,
};

export function aQcu(overrides: Partial<ChoiceChallenge> = {}): ChoiceChallenge {
  return { ...base, id: 'qcu', type: 'QCU', choices: ['A', 'B', 'C'], solution: [2], shuffled: false, ...overrides };
}

export function aQcm(overrides: Partial<ChoiceChallenge> = {}): ChoiceChallenge {
  return { ...base, id: 'qcm', type: 'QCM', choices: ['A', 'B', 'C', 'D'], solution: [1, 3], shuffled: false, ...overrides };
}

export const textField = (key: string, overrides: Partial<TextField> = {}): TextField => ({ key, label: key, input: 'text', ...overrides });

export function aQroc(field: FieldWithSolution, overrides: Partial<QrocChallenge> = {}): QrocChallenge {
  return { ...base, id: 'qroc', type: 'QROC', fields: [field], form: defaultForm([field]), tolerance: FULL_TOLERANCE, ...overrides };
}

export function aQrocmInd(fields: FieldWithSolution[], overrides: Partial<QrocmIndChallenge> = {}): QrocmIndChallenge {
  return { ...base, id: 'qrocm-ind', type: 'QROCM-ind', fields, form: defaultForm(fields), tolerance: FULL_TOLERANCE, ...overrides };
}

export function aQrocmDep(fields: FieldSpec[], solution: DependentSolution, overrides: Partial<QrocmDepChallenge> = {}): QrocmDepChallenge {
  return { ...base, id: 'qrocm-dep', type: 'QROCM-dep', fields, solution, form: defaultForm(fields), tolerance: FULL_TOLERANCE, ...overrides };
}
