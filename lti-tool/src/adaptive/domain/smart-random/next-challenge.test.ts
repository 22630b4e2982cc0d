import { describe, expect, it } from 'vitest';
import type { AdaptiveChallenge, KnowledgeElement } from '../model.js';
import { knowledgeElementsForAnswer } from './knowledge-elements.js';
import { nextSmartRandomChallenge, type SmartRandomInput } from './next-challenge.js';
import { challengesOf, ke, skillsOf } from './test-fixtures.js';

// "web" is a hard tube (up to level 5); "mail" and "file" are easy tubes (hardest skill ≤ 3).
const skills = skillsOf({ web: [1, 2, 3, 4, 5], mail: [1, 2, 3], file: [2, 3] });
const s = (id: string) => skills.find((x) => x.id === id)!;

function run(over: Partial<SmartRandomInput> = {}) {
  return nextSmartRandomChallenge({ assessmentId: 'a-1', targetSkills: skills, challenges: challengesOf(skills), knowledgeElements: [], answers: [], locale: 'fr', ...over });
}

/** Every skill the first/next step could pick, over many assessment ids. */
function possibleSkills(over: Partial<SmartRandomInput> = {}): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    const step = run({ assessmentId: `a-${i}`, ...over });
    if (step.kind === 'challenge') seen.add(step.skill.id);
  }
  return [...seen].sort();
}

describe('smart random: first challenge', () => {
  it('is an untested level-2 skill of an easy tube, at estimated level 2', () => {
    expect(possibleSkills()).toEqual(['@file2', '@mail2']);
    const step = run();
    expect(step.kind === 'challenge' && step.estimatedLevel).toBe(2);
  });

  it('skips timed skills and tested skills', () => {
    const challenges = challengesOf(skills, { '@mail2': { timer: 60 } });
    expect(possibleSkills({ challenges })).toEqual(['@file2']);
    expect(possibleSkills({ knowledgeElements: [ke(s('@file2'), 'validated')] })).toEqual(['@mail2']);
  });

  it('falls back to the lowest level when no level-2 skill is left', () => {
    const kes = [ke(s('@file2'), 'validated'), ke(s('@mail2'), 'validated')];
    expect(possibleSkills({ knowledgeElements: kes })).toEqual(['@mail1']);
  });

  it('uses the hard tubes when no easy tube is playable', () => {
    const challenges = challengesOf(skills).filter((c) => c.skillId.startsWith('@web'));
    expect(possibleSkills({ challenges })).toEqual(['@web2']);
  });
});

describe('smart random: next challenges', () => {
  const answered = (ids: string[]) => ids.map((id) => ({ challengeId: `ch-${id}` }));

  it('drops skills more than 2 levels above the estimate', () => {
    // Everything failed at the bottom: the estimate is 0.5 and only levels ≤ 2.5 remain.
    const kes: KnowledgeElement[] = [ke(s('@mail1'), 'invalidated'), ke(s('@web1'), 'invalidated')];
    const step = run({ knowledgeElements: kes, answers: answered(['@mail1', '@web1']) });
    expect(step.kind === 'challenge' && step.estimatedLevel).toBe(0.5);
    for (const id of possibleSkills({ knowledgeElements: kes, answers: answered(['@mail1', '@web1']) })) expect(s(id).level).toBeLessThanOrEqual(2.5);
  });

  it('prefers easy tubes while they have rewarding skills', () => {
    const kes = [ke(s('@file2'), 'validated')];
    for (const id of possibleSkills({ knowledgeElements: kes, answers: answered(['@file2']) })) expect(s(id).tubeId).not.toBe('web');
  });

  it('keeps the skills of maximal reward', () => {
    // Only the web tube; levels 1 and 2 validated directly. By hand: the level minimising
    // |Σ(outcome − P)| over {1@0, 0@7, 1@1, 1@2}, then P·easier + (1 − P)·harder for 3, 4, 5.
    const web = skills.filter((x) => x.tubeId === 'web');
    const kes = [ke(s('@web1'), 'validated'), ke(s('@web2'), 'validated')];
    const p = (l: number, d: number) => 1 / (1 + Math.exp(-(l - d)));
    const obs = [[1, 0], [0, 7], [1, 1], [1, 2]];
    const grid = Array.from({ length: 15 }, (_, i) => 0.5 + i * 0.5);
    const level = grid.reduce((b, l) => (Math.abs(obs.reduce((a, [o, d]) => a + o - p(l, d), 0)) < Math.abs(obs.reduce((a, [o, d]) => a + o - p(b, d), 0)) - 1e-12 ? l : b));
    const reward = (d: number) => p(level, d) * (d - 2) + (1 - p(level, d)) * (5 - d + 1);
    const eligible = [3, 4, 5].filter((d) => d <= level + 2);
    const top = Math.max(...eligible.map(reward));
    const expected = eligible.filter((d) => Math.abs(reward(d) - top) < 1e-12).map((d) => `@web${d}`);
    const step = run({ targetSkills: web, challenges: challengesOf(web), knowledgeElements: kes, answers: answered(['@web2']) });
    expect(step.kind === 'challenge' && step.estimatedLevel).toBe(level);
    expect(step.kind === 'challenge' && step.reward).toBeCloseTo(top, 12);
    expect(possibleSkills({ targetSkills: web, challenges: challengesOf(web), knowledgeElements: kes, answers: answered(['@web2']) })).toEqual(expected);
  });

  it('avoids a timed challenge right after a timed one when another skill can be asked', () => {
    const challenges = challengesOf(skills, { '@file2': { timer: 60 }, '@mail3': { timer: 60 }, '@file3': { timer: 60 } });
    const kes = [ke(s('@file2'), 'validated')];
    const options = possibleSkills({ challenges, knowledgeElements: kes, answers: answered(['@file2']) });
    expect(options.length).toBeGreaterThan(0);
    for (const id of options) expect(challenges.find((c) => c.skillId === id)!.timer).toBeUndefined();
  });

  it('picks an untimed variant of a skill after a timed challenge', () => {
    const challenges: AdaptiveChallenge[] = [
      ...challengesOf(skills.filter((x) => x.id !== '@mail2'), { '@file2': { timer: 60 } }),
      { id: 'mail2-timed', skillId: '@mail2', status: 'validated', locales: ['fr'], timer: 60 },
      { id: 'mail2-free', skillId: '@mail2', status: 'validated', locales: ['fr'] },
    ];
    const targets = skills.filter((x) => ['@file2', '@mail2'].includes(x.id));
    for (let i = 0; i < 20; i++) {
      const step = run({ assessmentId: `t-${i}`, targetSkills: targets, challenges, knowledgeElements: [ke(s('@file2'), 'validated')], answers: answered(['@file2']) });
      expect(step.kind === 'challenge' && step.challenge.id).toBe('mail2-free');
    }
  });

  it('ends when no skill has a reward left', () => {
    const kes = skills.map((x) => ke(x, 'validated'));
    expect(run({ knowledgeElements: kes, answers: answered(['@web5']) })).toMatchObject({ kind: 'end', reason: 'all-skills-tested' });
    // Everything above the failures is out of reach: the remaining skills are too difficult.
    const failed = [ke(s('@web1'), 'invalidated'), ke(s('@mail1'), 'invalidated'), ke(s('@file2'), 'invalidated'), ke(s('@web2'), 'invalidated'), ke(s('@mail2'), 'invalidated')];
    const hard = skillsOf({ web: [1, 2, 4, 5], mail: [1, 2], file: [2] });
    const kes2 = failed.filter((k) => hard.some((h) => h.id === k.skillId));
    expect(run({ targetSkills: hard, challenges: challengesOf(hard), knowledgeElements: kes2, answers: answered(['@web2']) })).toMatchObject({ kind: 'end', reason: 'no-rewarding-skill' });
  });

  it('ends at once when nothing is playable in the locale', () => {
    expect(run({ locale: 'en' })).toMatchObject({ kind: 'end', reason: 'no-playable-skill' });
  });
});

describe('smart random: picks', () => {
  it('is deterministic for an assessment and its state, whatever the order of the inputs', () => {
    const first = run({ assessmentId: 'same' });
    const again = run({ assessmentId: 'same', targetSkills: [...skills].reverse(), challenges: challengesOf(skills).reverse() });
    expect(again).toEqual(first);
  });

  it('varies across assessments', () => {
    expect(possibleSkills().length).toBeGreaterThan(1);
  });

  it('serves validated challenges in the locale only (draft, archived and obsolete ones are never picked)', () => {
    const challenges: AdaptiveChallenge[] = [
      { id: 'en-only', skillId: '@mail2', status: 'validated', locales: ['en'] },
      { id: 'archived', skillId: '@mail2', status: 'archived', locales: ['fr'] },
      { id: 'validated', skillId: '@mail2', status: 'validated', locales: ['fr-fr'] },
      { id: 'draft', skillId: '@mail2', status: 'draft', locales: ['fr'] },
      { id: 'obsolete', skillId: '@mail2', status: 'obsolete', locales: ['fr'] },
    ];
    for (let i = 0; i < 10; i++) {
      const step = run({ assessmentId: `l-${i}`, targetSkills: [s('@mail2')], challenges, locale: 'fr-fr' });
      expect(step.kind === 'challenge' && step.challenge.id).toBe('validated');
    }
    // A regional locale matches a language-only challenge locale.
    const step = run({ targetSkills: [s('@mail2')], challenges: [{ ...challenges[2], locales: ['fr'] }], locale: 'fr-fr' });
    expect(step.kind).toBe('challenge');
    expect(run({ targetSkills: [s('@mail2')], challenges: challenges.filter((c) => c.id !== 'validated'), locale: 'fr' })).toMatchObject({ kind: 'end', reason: 'no-playable-skill' });
  });
});

describe('smart random: a whole test', () => {
  it('always reaches the stop rule and infers along the way', () => {
    for (const level of [0.3, 2.5, 6]) {
      const kes: KnowledgeElement[] = [];
      const answers: { challengeId: string }[] = [];
      let step = run({ assessmentId: `whole-${level}` });
      while (step.kind === 'challenge') {
        const ok = level >= step.skill.level;
        const answer = { id: `x${answers.length}`, challengeId: step.challenge.id, result: ok ? ('ok' as const) : ('ko' as const), createdAt: new Date(0) };
        kes.push(...knowledgeElementsForAnswer({ answer, skill: step.skill, targetSkills: skills, knowledgeElements: kes }));
        answers.push({ challengeId: step.challenge.id });
        expect(answers.length).toBeLessThanOrEqual(skills.length);
        step = run({ assessmentId: `whole-${level}`, knowledgeElements: kes, answers });
      }
      expect(answers.length).toBeLessThan(skills.length);
      const validated = new Set(kes.filter((k) => k.status === 'validated').map((k) => k.skillId));
      if (level === 6) expect(validated.size).toBe(skills.length);
      if (level === 0.3) expect(validated.size).toBe(0);
    }
  });
});
