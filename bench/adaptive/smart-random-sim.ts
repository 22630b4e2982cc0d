/**
 * Smart random on a sample-like bank: 16 competences × 3 tubes (levels 1–5, 1–3 and 2–4),
 * one or two challenges per skill, ~10 % timed, pix values by Pix's rule. Simulees have a
 * level per competence λ_c = μ + δ_c (μ ~ N(2.5, 1), δ_c ~ N(0, 0.5)) and answer a skill of
 * level d with P = 1/(1 + e^{−(λ_c − d)}) — the engine's own model.
 *
 * Figures: questions to the stop, whether the stop rule is always reached, determinism (a
 * replay of the same assessment gives the same challenges), and competence levels
 * (floor(pix/8)) against the true level floor(λ_c) clamped to 0–5.
 */
import { isTimed, type AdaptiveChallenge, type AdaptiveSkill, type AnswerResult, type KnowledgeElement } from '../../lti-tool/src/adaptive/domain/model.js';
import { knowledgeElementsForAnswer } from '../../lti-tool/src/adaptive/domain/smart-random/knowledge-elements.js';
import { nextSmartRandomChallenge } from '../../lti-tool/src/adaptive/domain/smart-random/next-challenge.js';
import { normalDraw, seededRandom, type Random } from '../../lti-tool/src/adaptive/domain/random.js';
import { competenceScore } from '../../lti-tool/src/assessment/domain/scoring.js';
import { COMPETENCES } from './banks.js';
import { quantile } from './metrics.js';

export interface SmartRandomFigures {
  campaignQuestionsMean: number;
  campaignQuestionsP90: number;
  competenceQuestionsMean: number;
  stopReached: number;
  deterministic: boolean;
  levelExact: number;
  levelWithinOne: number;
  timedAfterTimed: number;
  selectP99Ms: number;
}

const MAX_STEPS = 1000;

export function sampleLikeBank(seed: number): { skills: AdaptiveSkill[]; challenges: AdaptiveChallenge[] } {
  const random = seededRandom(`sample-like:${seed}`);
  const skills: AdaptiveSkill[] = [];
  for (const c of COMPETENCES) {
    const tubes: [string, number[]][] = [
      [`${c}-a`, [1, 2, 3, 4, 5]],
      [`${c}-b`, [1, 2, 3]],
      [`${c}-c`, [2, 3, 4]],
    ];
    for (const [tube, levels] of tubes) for (const d of levels) skills.push({ id: `@${tube}${d}`, tubeId: tube, competenceId: c, level: d, pixValue: 0 });
  }
  for (const s of skills) {
    const peers = skills.filter((o) => o.competenceId === s.competenceId && o.level === s.level).length;
    s.pixValue = Math.min(4, 8 / peers);
  }
  const challenges: AdaptiveChallenge[] = [];
  for (const s of skills) {
    const count = random() < 0.5 ? 1 : 2;
    for (let k = 0; k < count; k++) challenges.push({ id: `ch${s.id}-${k}`, skillId: s.id, status: 'validated', locales: ['fr'], timer: random() < 0.1 ? 60 : undefined });
  }
  return { skills, challenges };
}

interface RunOutcome {
  questions: number;
  ended: boolean;
  challengeIds: string[];
  knowledge: KnowledgeElement[];
  timedAfterTimed: number;
  selectMs: number[];
}

function run(assessmentId: string, targetSkills: AdaptiveSkill[], challenges: AdaptiveChallenge[], levels: Map<string, number>, responses: Random): RunOutcome {
  const knowledge: KnowledgeElement[] = [];
  const answers: { challengeId: string }[] = [];
  const challengeIds: string[] = [];
  const selectMs: number[] = [];
  let timedAfterTimed = 0;
  let lastTimed = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const started = performance.now();
    const next = nextSmartRandomChallenge({ assessmentId, targetSkills, challenges, knowledgeElements: knowledge, answers, locale: 'fr-fr' });
    selectMs.push(performance.now() - started);
    if (next.kind === 'end') return { questions: answers.length, ended: true, challengeIds, knowledge, timedAfterTimed, selectMs };
    if (lastTimed && isTimed(next.challenge)) timedAfterTimed++;
    lastTimed = isTimed(next.challenge);
    const lambda = levels.get(next.skill.competenceId) ?? 0;
    const result: AnswerResult = responses() < 1 / (1 + Math.exp(-(lambda - next.skill.level))) ? 'ok' : 'ko';
    const answer = { id: `${assessmentId}-${step}`, challengeId: next.challenge.id, result, createdAt: new Date(1_700_000_000_000 + step * 60_000) };
    knowledge.push(...knowledgeElementsForAnswer({ answer, skill: next.skill, targetSkills, knowledgeElements: knowledge }));
    answers.push({ challengeId: next.challenge.id });
    challengeIds.push(next.challenge.id);
  }
  return { questions: answers.length, ended: false, challengeIds, knowledge, timedAfterTimed, selectMs };
}

export function simulateSmartRandom(simulees: number, seed: number): SmartRandomFigures {
  const { skills, challenges } = sampleLikeBank(seed);
  const people = seededRandom(`sr-people:${seed}`);
  const campaignLengths: number[] = [];
  const competenceLengths: number[] = [];
  const selectMs: number[] = [];
  let ended = 0;
  let runs = 0;
  let deterministic = true;
  let exact = 0;
  let withinOne = 0;
  let judged = 0;
  let timedAfterTimed = 0;
  for (let s = 0; s < simulees; s++) {
    const mu = 2.5 + normalDraw(people);
    const levels = new Map(COMPETENCES.map((c) => [c, mu + 0.5 * normalDraw(people)]));
    const campaign = run(`camp-${seed}-${s}`, skills, challenges, levels, seededRandom(`sr-resp:${seed}:${s}`));
    campaignLengths.push(campaign.questions);
    selectMs.push(...campaign.selectMs);
    timedAfterTimed += campaign.timedAfterTimed;
    runs++;
    if (campaign.ended) ended++;
    if (s < 50) {
      const replay = run(`camp-${seed}-${s}`, skills, challenges, levels, seededRandom(`sr-resp:${seed}:${s}`));
      if (replay.challengeIds.join() !== campaign.challengeIds.join()) deterministic = false;
    }
    for (const c of COMPETENCES) {
      const measured = competenceScore(c, campaign.knowledge, { maxReachableLevel: 5 }).level;
      const truth = Math.max(0, Math.min(5, Math.floor(levels.get(c)!)));
      judged++;
      if (measured === truth) exact++;
      if (Math.abs(measured - truth) <= 1) withinOne++;
    }
    // A competence evaluation: all skills of one competence.
    const competence = COMPETENCES[s % COMPETENCES.length];
    const evaluation = run(`comp-${seed}-${s}`, skills.filter((k) => k.competenceId === competence), challenges, levels, seededRandom(`sr-comp:${seed}:${s}`));
    competenceLengths.push(evaluation.questions);
    runs++;
    if (evaluation.ended) ended++;
  }
  selectMs.sort((x, y) => x - y);
  return {
    campaignQuestionsMean: campaignLengths.reduce((a, b) => a + b, 0) / simulees,
    campaignQuestionsP90: quantile(campaignLengths, 0.9),
    competenceQuestionsMean: competenceLengths.reduce((a, b) => a + b, 0) / simulees,
    stopReached: ended / runs,
    deterministic,
    levelExact: exact / judged,
    levelWithinOne: withinOne / judged,
    timedAfterTimed,
    selectP99Ms: quantile(selectMs, 0.99),
  };
}
