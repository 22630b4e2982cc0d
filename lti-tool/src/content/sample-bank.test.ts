import { describe, expect, it } from 'vitest';
import { checkAnswer, type AnswerValue } from '../assessment/domain/answer-check.js';
import { validateItemBank } from './application/bank-format/validate-item-bank.js';
import type { Challenge } from './domain/challenge.js';
import { buildContentSnapshot } from './domain/content-snapshot.js';
import { levelForDifficulty } from './domain/irt-levels.js';
import { REFERENCE_AREAS, REFERENCE_COMPETENCE_CODES } from './domain/reference-framework.js';
import { SAMPLE_BANK_DIR, readBankFiles } from './infrastructure/read-bank-folder.js';

const validation = validateItemBank(await readBankFiles([SAMPLE_BANK_DIR]));
const content = validation.content!;
const snapshot = buildContentSnapshot(content, { id: 'sample', bankId: content?.bank.id, label: content?.bank.version, importedAt: new Date(), challengeCount: 0 }, { maxReachableLevel: 5 });

/** The answer the bank says is right, typed as a learner would (numbers the French way). */
function rightAnswer(c: Challenge): AnswerValue {
  if (c.type === 'QCU' || c.type === 'QCM') return { kind: 'choices', choices: [...c.solution] };
  const typed = (v: string | number) => (typeof v === 'number' ? String(v).replace('.', ',') : v);
  if (c.type === 'QROCM-dep') {
    const s = c.solution;
    return {
      kind: 'fields',
      fields: Object.fromEntries(c.fields.map((f, i) => [f.key, typed(s.mode === 'anyOrder' ? s.groups[i]!.accepted[0]! : s.combinations[0]!.values[f.key]![0]!)])),
    };
  }
  return { kind: 'fields', fields: Object.fromEntries(c.fields.map((f) => [f.key, typed(f.accepted[0]!)])) };
}

describe('the open sample bank', () => {
  it('validates against the format, without errors or warnings', () => {
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
    expect(validation.ok).toBe(true);
  });

  it('declares the 5 areas and 16 competences of the framework, with their French names', () => {
    expect(snapshot.areas.map((a) => [a.code, a.name.fr])).toEqual(REFERENCE_AREAS.map((a) => [a.code, a.name.fr]));
    expect(snapshot.competences.map((c) => c.code)).toEqual(REFERENCE_COMPETENCE_CODES);
    for (const area of REFERENCE_AREAS) {
      for (const ref of area.competences) expect(snapshot.competence(ref.code)).toMatchObject({ name: ref.name, areaId: area.code });
    }
  });

  it('covers every competence with at least 2 tubes and playable skills at levels 1 to 5', () => {
    for (const competence of snapshot.competences) {
      expect(competence.tubeIds.length, competence.code).toBeGreaterThanOrEqual(2);
      const levels = new Set(snapshot.skills.filter((s) => s.competenceId === competence.id && s.playable).map((s) => s.level));
      expect([...levels].sort(), competence.code).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('has at least 160 validated challenges, every type, media, timers, focus mode and numeric answers', () => {
    const challenges = snapshot.challenges;
    expect(challenges.length).toBeGreaterThanOrEqual(160);
    expect(challenges.every((c) => c.status === 'validated')).toBe(true);
    for (const type of ['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep'] as const) expect(challenges.filter((c) => c.type === type).length, type).toBeGreaterThanOrEqual(3);
    const illustrated = challenges.filter((c) => c.illustration);
    expect(illustrated.length).toBeGreaterThanOrEqual(8);
    expect(illustrated.every((c) => c.illustration!.alt.length >= 20 && c.illustration!.url.startsWith('/api/content/assets/'))).toBe(true);
    expect(challenges.filter((c) => c.timer).length).toBeGreaterThanOrEqual(4);
    expect(challenges.filter((c) => c.focused).length).toBeGreaterThanOrEqual(4);
    expect(challenges.filter((c) => c.attachments.length > 0).length).toBeGreaterThanOrEqual(1);
    const numeric = challenges.filter((c) => c.type !== 'QCU' && c.type !== 'QCM' && c.fields.some((f) => f.input === 'number'));
    expect(numeric.length).toBeGreaterThanOrEqual(10);
    expect(challenges.filter((c) => c.type !== 'QCU' && c.type !== 'QCM' && c.fields.some((f) => f.input === 'select')).length).toBeGreaterThanOrEqual(2);
  });

  it('is in French, with one skill per challenge and stable, unique ids', () => {
    expect(new Set(snapshot.challenges.map((c) => c.id)).size).toBe(snapshot.challenges.length);
    for (const c of snapshot.challenges) {
      expect(c.locales).toEqual(['fr-fr']);
      expect(snapshot.skill(c.skillId)?.tubeId).toBe(c.tubeId);
    }
  });

  it('gives every challenge IRT parameters consistent with its skill’s level', () => {
    for (const c of snapshot.challenges) {
      expect(c.irt, c.id).toBeDefined();
      expect(c.irt!.discrimination).toBeGreaterThanOrEqual(0.5);
      expect(c.irt!.discrimination).toBeLessThanOrEqual(2.5);
      expect(levelForDifficulty(c.irt!.difficulty), c.id).toBe(snapshot.skill(c.skillId)!.level);
    }
  });

  it('accepts its own solution for every challenge, and refuses a skip or a wrong choice', () => {
    for (const c of snapshot.challenges) {
      expect(checkAnswer(c, rightAnswer(c)).result, c.id).toBe('ok');
      expect(checkAnswer(c, { kind: 'skip' }).result).toBe('aband');
      if (c.type === 'QCU') expect(checkAnswer(c, { kind: 'choices', choices: [c.solution[0] === 1 ? 2 : 1] }).result, c.id).toBe('ko');
      if (c.type !== 'QCU' && c.type !== 'QCM') {
        const blank = Object.fromEntries(c.fields.map((f) => [f.key, '']));
        expect(checkAnswer(c, { kind: 'fields', fields: blank }).result, c.id).toBe('ko');
      }
    }
  });

  it('worth about 8 pix per fully mastered level in each competence', () => {
    for (const competence of snapshot.competences) {
      for (let level = 1; level <= 5; level++) {
        const total = snapshot.skills.filter((s) => s.competenceId === competence.id && s.level === level).reduce((sum, s) => sum + s.pixValue, 0);
        expect(total, `${competence.code} level ${level}`).toBeGreaterThanOrEqual(4);
        expect(total).toBeLessThanOrEqual(8);
      }
    }
  });
});
