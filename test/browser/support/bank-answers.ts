import type { AppModule } from '@pix-lti/lti-tool';
import type { KeyboardAnswer, ShownChallenge } from './keyboard-learner.js';

/** The bank's challenge as the answer needs it (lti-tool's content `Challenge`, read loosely). */
interface BankChallenge {
  type: 'QCU' | 'QCM' | 'QROC' | 'QROCM-ind' | 'QROCM-dep';
  solution: number[] | { mode: 'anyOrder'; groups: Array<{ accepted: Array<string | number> }> } | { mode: 'combinations'; combinations: Array<{ values: Record<string, Array<string | number>> }> };
  fields: Array<{ key: string; accepted?: Array<string | number> }>;
}

interface ContentLike {
  content: { challenge(id: string): Promise<BankChallenge> };
}

/** The right answer to the question shown, from the tool's item bank, typed as a learner would (numbers the French way). */
export async function rightAnswerOf(modules: AppModule[], shown: ShownChallenge): Promise<KeyboardAnswer> {
  const content = modules.find((m) => m.name === 'content') as unknown as ContentLike;
  const c = await content.content.challenge(shown.id);
  const typed = (v: string | number) => (typeof v === 'number' ? String(v).replace('.', ',') : v);
  if (c.type === 'QCU' || c.type === 'QCM') return { kind: 'choices', choices: c.solution as number[], multiple: c.type === 'QCM' };
  const s = c.solution as Exclude<BankChallenge['solution'], number[]> | undefined;
  const value = (key: string, i: number, accepted?: Array<string | number>) =>
    typed(accepted?.[0] ?? (s?.mode === 'anyOrder' ? s.groups[i]!.accepted[0]! : s!.combinations[0]!.values[key]![0]!));
  return { kind: 'fields', fields: Object.fromEntries(c.fields.map((f, i) => [f.key, value(f.key, i, f.accepted)])), selects: shown.selects };
}
