import { describe, expect, it } from 'vitest';
import { skillReward } from './skill-reward.js';
import { skillsOf } from './test-fixtures.js';

const tube = skillsOf({ web: [1, 2, 3, 4, 5] });

describe('skillReward', () => {
  it('is P × (untested easier, itself included) + (1 − P) × (untested harder, itself included)', () => {
    const skill = tube[2]; // level 3
    const level = 2.5;
    const p = 1 / (1 + Math.exp(-(level - 3)));
    expect(skillReward({ skill, level, untestedInTube: tube })).toBeCloseTo(p * 3 + (1 - p) * 3, 12);
    // Only levels 3 and 5 untested: a success settles {3}, a failure {3, 5}.
    expect(skillReward({ skill, level, untestedInTube: [tube[2], tube[4]] })).toBeCloseTo(p * 1 + (1 - p) * 2, 12);
  });

  it('favours the skill whose outcome is most uncertain and settles most', () => {
    const level = 3;
    const rewards = tube.map((skill) => skillReward({ skill, level, untestedInTube: tube }));
    expect(rewards.indexOf(Math.max(...rewards))).toBe(2);
  });
});
