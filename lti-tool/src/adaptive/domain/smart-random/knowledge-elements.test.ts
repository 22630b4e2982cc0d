import { describe, expect, it } from 'vitest';
import type { AnsweredChallenge } from '../model.js';
import { currentKnowledgeElements, knowledgeElementsForAnswer, knowledgeElementsForImprovement } from './knowledge-elements.js';
import { ke, skillsOf } from './test-fixtures.js';

const skills = skillsOf({ web: [1, 2, 3, 4, 5], mail: [1, 2] }).map((s) => ({ ...s, pixValue: s.level / 2 }));
const s = (id: string) => skills.find((x) => x.id === id)!;
const answer = (result: AnsweredChallenge['result']): AnsweredChallenge => ({ id: 'ans-1', challengeId: 'ch', result, createdAt: new Date('2025-02-01T08:00:00Z') });

describe('knowledgeElementsForAnswer', () => {
  it('a correct answer validates the skill directly and the untested easier skills of its tube by inference', () => {
    const kes = knowledgeElementsForAnswer({ answer: answer('ok'), skill: s('@web3'), targetSkills: skills, knowledgeElements: [ke(s('@web1'), 'invalidated')] });
    expect(kes.map((k) => [k.skillId, k.status, k.source, k.earnedPix])).toEqual([
      ['@web3', 'validated', 'direct', 1.5],
      ['@web2', 'validated', 'inferred', 1],
    ]);
    expect(kes.every((k) => k.answerId === 'ans-1' && k.createdAt.toISOString() === '2025-02-01T08:00:00.000Z')).toBe(true);
  });

  it('a wrong answer invalidates the skill and the untested harder skills of its tube, with no pix', () => {
    const kes = knowledgeElementsForAnswer({ answer: answer('ko'), skill: s('@web3'), targetSkills: skills, knowledgeElements: [ke(s('@web5'), 'validated')] });
    expect(kes.map((k) => [k.skillId, k.status, k.source, k.earnedPix])).toEqual([
      ['@web3', 'invalidated', 'direct', 0],
      ['@web4', 'invalidated', 'inferred', 0],
    ]);
  });

  it.each(['aband', 'timedout', 'focusedOut', 'unimplemented'] as const)('treats %s as wrong', (result) => {
    expect(knowledgeElementsForAnswer({ answer: answer(result), skill: s('@web5'), targetSkills: skills, knowledgeElements: [] })[0].status).toBe('invalidated');
  });

  it('infers only inside the target skills and the same tube', () => {
    const targets = skills.filter((x) => x.id !== '@web1');
    const kes = knowledgeElementsForAnswer({ answer: answer('ok'), skill: s('@web3'), targetSkills: targets, knowledgeElements: [] });
    expect(kes.map((k) => k.skillId)).toEqual(['@web3', '@web2']);
  });

  it('treats skills whose latest knowledge element is a reset as untested', () => {
    const kes = knowledgeElementsForAnswer({
      answer: answer('ok'),
      skill: s('@web2'),
      targetSkills: skills,
      knowledgeElements: [ke(s('@web1'), 'invalidated', { at: new Date('2025-01-01') }), ke(s('@web1'), 'reset', { at: new Date('2025-01-20') })],
    });
    expect(kes.map((k) => k.skillId)).toEqual(['@web2', '@web1']);
  });
});

describe('currentKnowledgeElements', () => {
  it('keeps the latest per skill and drops resets', () => {
    const old = ke(s('@web1'), 'invalidated', { at: new Date('2025-01-01') });
    const recent = ke(s('@web1'), 'validated', { at: new Date('2025-01-05') });
    const reset = ke(s('@web2'), 'reset', { at: new Date('2025-01-05') });
    expect(currentKnowledgeElements([recent, old, reset, ke(s('@web2'), 'validated', { at: new Date('2025-01-01') })])).toEqual([recent]);
  });
});

describe('knowledgeElementsForImprovement', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600 * 1000);

  it('forgets invalidated skills at least 4 days old and keeps validated ones', () => {
    const kes = [ke(s('@web1'), 'validated', { at: daysAgo(30) }), ke(s('@web2'), 'invalidated', { at: daysAgo(4) }), ke(s('@web3'), 'invalidated', { at: daysAgo(3.9) })];
    expect(knowledgeElementsForImprovement(kes, { now }).map((k) => k.skillId)).toEqual(['@web1', '@web3']);
  });

  it('takes the delay as a parameter', () => {
    const kes = [ke(s('@web2'), 'invalidated', { at: daysAgo(3) })];
    expect(knowledgeElementsForImprovement(kes, { now, daysBeforeImproving: 2 })).toEqual([]);
    expect(knowledgeElementsForImprovement(kes, { now, daysBeforeImproving: 7 })).toHaveLength(1);
  });
});
