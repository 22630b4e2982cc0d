import { describe, expect, it } from 'vitest';
import type { BankContent, BankVersionInfo } from '../domain/bank.js';
import type { ChallengeStatus } from '../domain/challenge.js';
import { aQcu } from '../testing/challenge-builders.js';
import { ContentCatalog, type ContentSource } from './content-catalog.js';

const content: BankContent = {
  bank: { id: 'b', version: '1', defaultLocale: 'fr-fr' },
  areas: [{ code: '1', name: { fr: 'Info' } }],
  competences: [{ code: '1.1', areaCode: '1', name: { fr: 'Recherche' } }],
  tubes: [{ name: '@test', competenceCode: '1.1', title: { fr: 'T' }, skills: [{ level: 1, status: 'active', tutorials: [] }] }],
  challenges: [aQcu({ id: 'c1' })],
};

/** A fake source whose state the test moves, counting reads. */
class FakeSource implements ContentSource {
  state: { versionId: string; revision: number } | undefined = { versionId: 'b@1', revision: 1 };
  overrides: Array<{ challengeId: string; status: ChallengeStatus }> = [];
  failing = false;
  loads = 0;
  async activeState() {
    if (this.failing) throw new Error('database down');
    return this.state;
  }
  async loadVersion(versionId: string) {
    this.loads += 1;
    const info: BankVersionInfo = { id: versionId, bankId: 'b', label: '1', importedAt: new Date(0), challengeCount: 1 };
    return versionId === 'missing' ? undefined : { info, content };
  }
  async statusOverrides() {
    return this.overrides;
  }
}

describe('ContentCatalog', () => {
  it('is empty while no bank is active', async () => {
    const source = new FakeSource();
    source.state = undefined;
    const snapshot = await new ContentCatalog(source, { maxReachableLevel: 5 }).snapshot();
    expect(snapshot.version).toBeUndefined();
    expect(snapshot.challenges).toEqual([]);
  });

  it('reloads only when the pointer’s version or revision changes, at most once per interval', async () => {
    const source = new FakeSource();
    let clock = 0;
    const catalog = new ContentCatalog(source, { maxReachableLevel: 5, refreshIntervalMs: 1000, now: () => clock });
    const first = await catalog.snapshot();
    await Promise.all([catalog.snapshot(), catalog.snapshot()]);
    expect(source.loads).toBe(1);
    clock = 2000;
    expect(await catalog.snapshot()).toBe(first); // same revision: same snapshot
    source.state = { versionId: 'b@1', revision: 2 };
    source.overrides = [{ challengeId: 'c1', status: 'archived' }];
    expect(await catalog.snapshot()).toBe(first); // within the interval
    clock = 4000;
    const second = await catalog.snapshot();
    expect(second).not.toBe(first);
    expect(second.challenge('c1')!.status).toBe('archived');
  });

  it('shares one reload between concurrent callers', async () => {
    const source = new FakeSource();
    const catalog = new ContentCatalog(source, { maxReachableLevel: 5, refreshIntervalMs: 0 });
    const snapshots = await Promise.all([catalog.snapshot(), catalog.snapshot(), catalog.snapshot()]);
    expect(new Set(snapshots).size).toBe(1);
    expect(source.loads).toBe(1);
  });

  it('makes callers arriving while a new version loads wait for it, not the old snapshot', async () => {
    const source = new FakeSource();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = source.loadVersion.bind(source);
    source.loadVersion = async (id: string) => {
      await gate;
      return load(id);
    };
    const catalog = new ContentCatalog(source, { maxReachableLevel: 5 });
    const first = catalog.snapshot();
    await new Promise((r) => setTimeout(r, 5)); // the version pointer was read; the version is loading
    const late = catalog.snapshot();
    release();
    expect((await late).challenges).toHaveLength(1);
    expect(await late).toBe(await first);
  });

  it('keeps serving the last snapshot while the database fails, and says so', async () => {
    const source = new FakeSource();
    const errors: unknown[] = [];
    const catalog = new ContentCatalog(source, { maxReachableLevel: 5, refreshIntervalMs: 0, onStaleError: (err) => errors.push(err) });
    const first = await catalog.snapshot();
    source.failing = true;
    expect(await catalog.snapshot()).toBe(first);
    expect(errors).toHaveLength(1);
  });

  it('fails when the database fails before any snapshot was loaded', async () => {
    const source = new FakeSource();
    source.failing = true;
    await expect(new ContentCatalog(source, { maxReachableLevel: 5 }).snapshot()).rejects.toThrow('database down');
  });
});
