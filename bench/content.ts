// `npm run bench:content`: the content context's speed figures.
// - generate640Ms / generate4000Ms: synthetic PixSim-v1 banks, K = 40 and K = 250 (median of runs);
// - validate4000Ms: reading and checking the K = 250 bank as an import does (median);
// - snapshot4000Ms: linking it into a ContentSnapshot with pix values (median);
// - checkAnswerP99Us: judging an answer, over the sample bank (right and wrong answers);
// - renderP99Us / viewP99Us: a learner view the first time (Markdown rendered) and afterwards (cached).
// Last line: `content: key=value …`.
import { checkAnswer, type AnswerValue } from '../lti-tool/src/assessment/domain/answer-check.js';
import { validateItemBank } from '../lti-tool/src/content/application/bank-format/validate-item-bank.js';
import { competenceRefOf, toChallengeView } from '../lti-tool/src/content/domain/challenge-view.js';
import type { Challenge } from '../lti-tool/src/content/domain/challenge.js';
import { buildContentSnapshot } from '../lti-tool/src/content/domain/content-snapshot.js';
import { SAMPLE_BANK_DIR, readBankFiles } from '../lti-tool/src/content/infrastructure/read-bank-folder.js';
import { generateSyntheticBank } from '../lti-tool/src/content/synthetic/generate-bank.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function timeMs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const runs = (fn: (i: number) => unknown) => Array.from({ length: RUNS }, (_, i) => timeMs(() => fn(i)));

const generate640 = median(runs((i) => generateSyntheticBank({ seed: i, itemsPerCompetence: 40 })));
const generate4000 = median(runs((i) => generateSyntheticBank({ seed: i, itemsPerCompetence: 250 })));
const big = generateSyntheticBank({ seed: 1, itemsPerCompetence: 250 });
const files = big.files();
const validate4000 = median(runs(() => validateItemBank(files)));
const snapshot4000 = median(runs(() => big.snapshot(5)));

const sample = validateItemBank(await readBankFiles([SAMPLE_BANK_DIR])).content!;
const snapshot = buildContentSnapshot(sample, { id: 'bench', bankId: 'bench', label: '1', importedAt: new Date(), challengeCount: 0 }, { maxReachableLevel: 5 });
const answerOf = (c: Challenge, right: boolean): AnswerValue => {
  if (c.type === 'QCU' || c.type === 'QCM') return { kind: 'choices', choices: right ? [...c.solution] : [c.solution[0] === 1 ? 2 : 1] };
  return { kind: 'fields', fields: Object.fromEntries(c.fields.map((f) => [f.key, right ? 'réponse approximative' : 'x'])) };
};
const checkTimes: number[] = [];
const viewTimes: number[] = [];
// First view of each challenge renders its Markdown (then cached per challenge). Copies
// warm the Markdown and sanitiser code up first, so the figure is not the JIT's.
for (const c of snapshot.challenges.slice(0, 50)) toChallengeView({ ...c }, { competence: competenceRefOf(snapshot, c.competenceId) });
const renderTimes: number[] = [];
for (let round = 0; round < 10; round++) {
  for (const c of snapshot.challenges) renderTimes.push(timeMs(() => toChallengeView({ ...c }, { competence: competenceRefOf(snapshot, c.competenceId) })) * 1000);
}
for (let round = 0; round < 20; round++) {
  for (const c of snapshot.challenges) {
    const answer = answerOf(c, round % 2 === 0);
    checkTimes.push(timeMs(() => checkAnswer(c, answer)) * 1000);
    viewTimes.push(timeMs(() => toChallengeView(c, { competence: competenceRefOf(snapshot, c.competenceId), shuffleSeed: `a${round}` })) * 1000);
  }
}

const figures = {
  generate640Ms: generate640.toFixed(1),
  generate4000Ms: generate4000.toFixed(1),
  validate4000Ms: validate4000.toFixed(0),
  snapshot4000Ms: snapshot4000.toFixed(1),
  checkAnswerP99Us: quantile(checkTimes, 0.99).toFixed(1),
  renderP50Us: median(renderTimes).toFixed(1),
  renderP99Us: quantile(renderTimes, 0.99).toFixed(1),
  viewP99Us: quantile(viewTimes, 0.99).toFixed(1),
};
process.stdout.write(`content: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
