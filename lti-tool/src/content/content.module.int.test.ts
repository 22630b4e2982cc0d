import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../platform/testing/test-database.js';
import { runContentImportCli } from './cli/content-import-cli.js';
import { createContentModule } from './content.module.js';
import { testContext } from './testing/content-context.js';

describe('content module', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('content-module');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('loads the sample bank into an empty database at start, once', async () => {
    const module = createContentModule(testContext(db, { MAX_REACHABLE_LEVEL: '7' }), { refreshIntervalMs: 0 });
    await module.start!();
    const framework = await module.content.framework();
    expect(framework.version?.bankId).toBe('pix-lti-exemple-fr');
    expect(framework.maxReachableLevel).toBe(7);
    expect(framework.areas.flatMap((a) => a.competences)).toHaveLength(16);
    expect(await module.loadSampleBankIfEmpty()).toBe(false);
    expect(await db.connection.db!.collection('content_bank_versions').countDocuments()).toBe(1);
  });

  it('serves what the adaptive engines and campaigns read', async () => {
    const { content } = createContentModule(testContext(db), { loadSampleBank: false, refreshIntervalMs: 0 });
    const tubes = await content.tubes({ competenceIds: ['1.1'] });
    expect(tubes.map((t) => t.id)).toEqual(['@moteurRecherche', '@evaluerSource', '@veilleInfo']);
    const skills = await content.skills({ tubeIds: ['@moteurRecherche'], maxLevel: 3, playableOnly: true });
    expect(skills.map((s) => [s.id, s.level])).toEqual([
      ['@moteurRecherche1', 1],
      ['@moteurRecherche2', 2],
      ['@moteurRecherche3', 3],
    ]);
    const challenges = await content.challengesForSkills(['@moteurRecherche3'], { locale: 'fr' });
    expect(challenges.map((c) => c.id)).toEqual(['moteurRecherche3-a', 'moteurRecherche3-b']);
    expect(await content.challengesForSkills(['@moteurRecherche3'], { locale: 'en' })).toEqual([]);
    expect((await content.challenge('moteurRecherche3-a'))?.type).toBe('QROC');
    expect(content.maxReachableLevel).toBe(5);
  });

  it('withdraws a challenge through the module', async () => {
    const module = createContentModule(testContext(db), { loadSampleBank: false, refreshIntervalMs: 0 });
    await module.setChallengeStatus({ challengeId: 'moteurRecherche3-b', status: 'archived', reason: 'à revoir' });
    expect((await module.content.challengesForSkills(['@moteurRecherche3'])).map((c) => c.id)).toEqual(['moteurRecherche3-a']);
    expect((await module.content.challengesForSkills(['@moteurRecherche3'], { statuses: ['validated', 'archived'] })).map((c) => c.id)).toHaveLength(2);
  });

  it('imports from the command line into MONGODB_URI, reporting every error of a bad bank', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: { MONGODB_URI: db.uri, DATABASE_NAME: db.dbName }, out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runContentImportCli(['lti-tool/src/content/sample-bank'], io)).toBe(0);
    expect(out.join('')).toContain('Unchanged: version pix-lti-exemple-fr@');

    expect(await runContentImportCli([], io)).toBe(2);
    expect(err.join('')).toContain('Usage: npm run content:import');
    expect(await runContentImportCli(['/nonexistent/bank'], io)).toBe(2);

    out.length = 0;
    expect(await runContentImportCli(['--json', '--dry-run', 'lti-tool/src/content/sample-bank/1.1-recherche-veille.yaml'], io)).toBe(1);
    const report = JSON.parse(out.join(''));
    expect(report).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(report.errors.map((e: { code: string }) => e.code)).toContain('HEADER_MISSING');
  });
});
