/**
 * A calibrated item bank laid out for fast selection: one typed array per field, competences,
 * tubes and skills as small integers. Selection then is a linear scan with no allocation
 * (adaptive.md §4: a typed-array scan is ~60× faster than filter/map/sort).
 */
export interface FlashItem {
  id: string;
  competenceId: string;
  /** Items of one tube measure neighbouring skills: a test asks at most one per tube. Defaults to the item itself. */
  tubeId?: string;
  /** Defaults to the item itself. */
  skillId?: string;
  /** 2PL discrimination a (> 0). */
  discrimination: number;
  /** 2PL difficulty b. */
  difficulty: number;
}

export class FlashItemPool {
  readonly size: number;
  readonly ids: readonly string[];
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** a² (the information's scale), precomputed for the scan. */
  readonly a2: Float64Array;
  readonly competence: Uint16Array;
  readonly competenceIds: readonly string[];
  readonly tube: Int32Array;
  readonly tubeCount: number;
  readonly skill: Int32Array;
  readonly skillIds: readonly string[];
  /** Number of items of each competence. */
  readonly itemsPerCompetence: Int32Array;
  private readonly byId: Map<string, number>;

  private constructor(items: readonly FlashItem[]) {
    const n = items.length;
    this.size = n;
    this.a = new Float64Array(n);
    this.b = new Float64Array(n);
    this.a2 = new Float64Array(n);
    this.competence = new Uint16Array(n);
    this.tube = new Int32Array(n);
    this.skill = new Int32Array(n);
    const competences = new Map<string, number>();
    const tubes = new Map<string, number>();
    const skills = new Map<string, number>();
    this.byId = new Map();
    const intern = (map: Map<string, number>, key: string): number => {
      let v = map.get(key);
      if (v === undefined) {
        v = map.size;
        map.set(key, v);
      }
      return v;
    };
    items.forEach((item, i) => {
      if (this.byId.has(item.id)) throw new RangeError(`duplicate item id ${item.id}`);
      if (!(item.discrimination > 0) || !Number.isFinite(item.difficulty)) {
        throw new RangeError(`item ${item.id} has invalid IRT parameters`);
      }
      this.byId.set(item.id, i);
      this.a[i] = item.discrimination;
      this.b[i] = item.difficulty;
      this.a2[i] = item.discrimination * item.discrimination;
      this.competence[i] = intern(competences, item.competenceId);
      this.tube[i] = intern(tubes, `t:${item.tubeId ?? `#${item.id}`}`);
      this.skill[i] = intern(skills, item.skillId ?? item.id);
    });
    if (competences.size > 0xffff) throw new RangeError('too many competences');
    this.ids = items.map((item) => item.id);
    this.competenceIds = [...competences.keys()];
    this.tubeCount = tubes.size;
    this.skillIds = [...skills.keys()];
    this.itemsPerCompetence = new Int32Array(competences.size);
    for (let i = 0; i < n; i++) this.itemsPerCompetence[this.competence[i]]++;
  }

  static from(items: readonly FlashItem[]): FlashItemPool {
    return new FlashItemPool(items);
  }

  get competenceCount(): number {
    return this.competenceIds.length;
  }

  /** Index of an item id, or -1. */
  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }
}
