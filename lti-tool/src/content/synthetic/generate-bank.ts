import { createHash } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { BankFile } from '../application/bank-format/parse-bank-files.js';
import { ITEM_BANK_FORMAT } from '../application/bank-format/bank-file-schema.js';
import type { BankContent, BankTube } from '../domain/bank.js';
import type { ChoiceChallenge } from '../domain/challenge.js';
import { buildContentSnapshot, type ContentSnapshot } from '../domain/content-snapshot.js';
import { levelForDifficulty } from '../domain/irt-levels.js';
import { REFERENCE_AREAS } from '../domain/reference-framework.js';

/**
 * Large calibrated banks for benchmarks and simulations: PixSim-v1 of
 * shared/reference/adaptive.md §4 — the 16 competences × K items, 2PL with
 * a ~ LogN(ln 1.2, 0.25) and b ~ N(0, 1.3) — as a real, importable bank: tubes per
 * competence, skills named tube + level where the level is the band of b
 * (`levelForDifficulty`), one placeholder QCU per item. Deterministic for a seed.
 */
export interface SyntheticBankOptions {
  seed: number | string;
  /** K, items per competence (PixSim uses 40, and 250 for scale). */
  itemsPerCompetence: number;
  /** Default max(2, round(K / 8)): items are dealt to tubes in turn. */
  tubesPerCompetence?: number;
  /** Default `pixsim-<K>-<seed>`. */
  bankId?: string;
}

/** One item with its true parameters, flat, for simulations. */
export interface SyntheticItem {
  id: string;
  competenceId: string;
  tubeId: string;
  skillId: string;
  level: number;
  discrimination: number;
  difficulty: number;
}

export interface SyntheticBank {
  items: SyntheticItem[];
  /** What an import of `files()` stores. */
  content: BankContent;
  /** The bank in the item-bank format (one JSON file), e.g. for `importItemBank` or the CLI. */
  files(): BankFile[];
  /** The linked, indexed bank (pix values computed), as the content service serves it. */
  snapshot(maxReachableLevel?: number): ContentSnapshot;
}

export function generateSyntheticBank(options: SyntheticBankOptions): SyntheticBank {
  const k = options.itemsPerCompetence;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('itemsPerCompetence must be a positive whole number');
  const tubeCount = options.tubesPerCompetence ?? Math.max(2, Math.round(k / 8));
  const bankId = options.bankId ?? `pixsim-${k}-${options.seed}`;
  const normal = normalSource(`pixsim-v1:${k}:${options.seed}`);

  const items: SyntheticItem[] = [];
  const tubes: BankTube[] = [];
  for (const area of REFERENCE_AREAS) {
    for (const competence of area.competences) {
      const code = competence.code;
      const tubeIds = Array.from({ length: tubeCount }, (_, t) => `@c${code.replace('.', '')}t${t + 1}x`);
      const levelsByTube = new Map<string, Set<number>>(tubeIds.map((id) => [id, new Set()]));
      for (let i = 0; i < k; i++) {
        const discrimination = Math.exp(Math.log(1.2) + 0.25 * normal());
        const difficulty = 1.3 * normal();
        const level = levelForDifficulty(difficulty);
        const tubeId = tubeIds[i % tubeCount]!;
        levelsByTube.get(tubeId)!.add(level);
        items.push({ id: `sim-${code}-${String(i + 1).padStart(4, '0')}`, competenceId: code, tubeId, skillId: `${tubeId}${level}`, level, discrimination, difficulty });
      }
      for (const tubeId of tubeIds) {
        const levels = [...levelsByTube.get(tubeId)!].sort((a, b) => a - b);
        if (levels.length === 0) continue;
        tubes.push({
          name: tubeId,
          competenceCode: code,
          title: { fr: `Sujet ${tubeId.slice(1, -1)} (synthétique)` },
          skills: levels.map((level) => ({ level, status: 'active', tutorials: [] })),
        });
      }
    }
  }

  const content: BankContent = {
    bank: { id: bankId, version: '1', defaultLocale: 'fr-fr', title: { fr: `Banque synthétique PixSim-v1, K = ${k}` } },
    areas: REFERENCE_AREAS.map((a) => ({ code: a.code, name: a.name })),
    competences: REFERENCE_AREAS.flatMap((a) => a.competences.map((c) => ({ code: c.code, areaCode: a.code, name: c.name }))),
    tubes,
    challenges: items.map(toChallenge),
  };
  return {
    items,
    content,
    files: () => [{ name: `${bankId}.json`, content: JSON.stringify(toBankFile(content)) }],
    snapshot: (maxReachableLevel = 8) =>
      buildContentSnapshot(content, { id: `${bankId}@synthetic`, bankId, label: '1', importedAt: new Date(0), challengeCount: items.length }, { maxReachableLevel }),
  };
}

function toChallenge(item: SyntheticItem): ChoiceChallenge {
  return {
    id: item.id,
    type: 'QCU',
    skillId: item.skillId,
    tubeId: item.tubeId,
    competenceId: item.competenceId,
    status: 'validated',
    locales: ['fr-fr'],
    instruction: `Question synthétique ${item.id}`,
    attachments: [],
    focused: false,
    irt: { discrimination: item.discrimination, difficulty: item.difficulty },
    choices: ['Bonne réponse', 'Mauvaise réponse'],
    solution: [1],
    shuffled: false,
  };
}

/** The same bank written in the item-bank file format. */
function toBankFile(content: BankContent): Record<string, unknown> {
  return {
    format: ITEM_BANK_FORMAT,
    bank: content.bank,
    areas: content.areas,
    competences: content.competences.map((c) => ({ code: c.code, area: c.areaCode, name: c.name })),
    tubes: content.tubes.map((t) => ({ name: t.name, competence: t.competenceCode, title: t.title, skills: t.skills.map((s) => ({ level: s.level })) })),
    challenges: content.challenges.map((c) => {
      const choice = c as ChoiceChallenge;
      return { id: c.id, skill: c.skillId, type: 'QCU', instruction: c.instruction, irt: c.irt, choices: choice.choices, solution: choice.solution[0] };
    }),
  };
}

/** Standard normal draws (Box–Muller) from a seeded xoroshiro128+ generator. */
function normalSource(seedText: string): () => number {
  const rng = xoroshiro128plus(createHash('sha256').update(seedText).digest().readInt32LE(0));
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - uniformFloat64(rng); // (0, 1]: log is finite
    const v = uniformFloat64(rng);
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
