import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { ItemBankRepository } from '../infrastructure/item-bank.repository.js';
import { bankFiles, smallBank } from '../testing/bank-files.js';
import { ContentCatalog } from './content-catalog.js';
import { createContentService } from './content-service.js';
import { importItemBank } from './import-item-bank.js';
import { setChallengeStatus } from './set-challenge-status.js';

describe('importItemBank on the real database', () => {
  let db: TestDatabase;
  let repository: ItemBankRepository;
  let catalog: ContentCatalog;
  const importFiles = (files: Parameters<typeof importItemBank>[0]['files'], dryRun = false) =>
    importItemBank({ files, dryRun }, { repository, activeSnapshot: () => catalog.snapshot(), onActivated: () => catalog.invalidate(), log: silentLogger() });
  const count = (name: string) => db.connection.db!.collection(name).countDocuments();
  const counts = async () => ({
    versions: await count('content_bank_versions'),
    challenges: await count('content_challenges'),
    assets: await count('content_assets'),
    state: await db.connection.db!.collection('content_state').findOne({}),
  });

  beforeAll(async () => {
    db = await openTestDatabase('content-import');
    repository = new ItemBankRepository(db);
    catalog = new ContentCatalog(repository, { maxReachableLevel: 5, refreshIntervalMs: 0 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('writes nothing for an invalid bank, even on an empty database', async () => {
    const bank = smallBank();
    (bank.content.challenges as Array<Record<string, unknown>>)[0]!.solution = 7;
    const report = await importFiles(bankFiles(bank));
    expect(report).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(report.errors).toEqual([expect.objectContaining({ code: 'SOLUTION_INVALID', file: '1.1.yaml', item: 'qcu-1', field: 'solution' })]);
    expect(await counts()).toEqual({ versions: 0, challenges: 0, assets: 0, state: null });
  });

  it('a dry run validates and writes nothing', async () => {
    const report = await importFiles(bankFiles(), true);
    expect(report).toMatchObject({ ok: true, outcome: 'validated', versionId: expect.stringMatching(/^test-bank@[0-9a-f]{16}$/) });
    expect((await counts()).versions).toBe(0);
  });

  it('imports a valid bank and makes it active', async () => {
    const bank = smallBank();
    (bank.content.challenges as Array<Record<string, unknown>>)[0]!.illustration = { src: 'images/a.svg', alt: 'Un schéma' };
    const report = await importFiles(bankFiles(bank, [{ name: 'images/a.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"/>' }]));
    expect(report).toMatchObject({ ok: true, outcome: 'imported', bank: { id: 'test-bank', version: '1' } });
    const snapshot = await catalog.snapshot();
    expect(snapshot.version).toMatchObject({ id: report.versionId, bankId: 'test-bank', label: '1', challengeCount: 5 });
    expect(snapshot.challenges.map((c) => c.id)).toEqual(['qcu-1', 'qcm-1', 'qroc-1', 'ind-1', 'dep-1']);
    expect(snapshot.skill('@recherche1')).toMatchObject({ pixValue: 4, playable: true, level: 1 }); // 2 skills at level 1 → 8/2
    expect(snapshot.skill('@recherche3')).toMatchObject({ pixValue: 4 }); // alone at level 3: capped at 4
    expect(await counts()).toMatchObject({ versions: 1, challenges: 5, assets: 1 });
    const asset = await repository.asset(snapshot.challenge('qcu-1')!.illustration!.url.split('/').pop()!.split('.')[0]!);
    expect(asset?.contentType).toBe('image/svg+xml');
    expect(asset?.bytes.toString()).toContain('<svg');
  });

  it('re-importing the same bank changes nothing', async () => {
    const bank = smallBank();
    (bank.content.challenges as Array<Record<string, unknown>>)[0]!.illustration = { src: 'images/a.svg', alt: 'Un schéma' };
    const before = await counts();
    const report = await importFiles(bankFiles(bank, [{ name: 'images/a.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"/>' }]));
    expect(report.outcome).toBe('unchanged');
    expect(await counts()).toEqual(before);
  });

  it('a new version switches atomically, keeps the old one and warns about what it drops', async () => {
    const previous = (await catalog.snapshot()).version!.id;
    const bank = smallBank();
    bank.header.bank = { id: 'test-bank', version: '2' };
    (bank.content.challenges as unknown[]).splice(1, 1); // drop qcm-1
    const report = await importFiles(bankFiles(bank));
    expect(report).toMatchObject({ ok: true, outcome: 'imported', previousVersionId: previous });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'REMOVED_FROM_ACTIVE_VERSION', message: expect.stringContaining('qcm-1') }));
    const snapshot = await catalog.snapshot();
    expect(snapshot.version!.id).toBe(report.versionId);
    expect(snapshot.challenge('qcm-1')).toBeUndefined();
    expect(snapshot.skill('@recherche2')).toMatchObject({ playable: false, pixValue: 0 });
    expect((await repository.listVersions()).map((v) => v.id).sort()).toEqual([previous, report.versionId].sort());
  });

  it('warns when a version label is reused for different content', async () => {
    const bank = smallBank();
    bank.header.bank = { id: 'test-bank', version: '2' };
    const report = await importFiles(bankFiles(bank), true);
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'VERSION_LABEL_REUSED' }));
  });

  it('going back to earlier content reactivates the stored version without rewriting it', async () => {
    const bank = smallBank();
    (bank.content.challenges as Array<Record<string, unknown>>)[0]!.illustration = { src: 'images/a.svg', alt: 'Un schéma' };
    const before = await counts();
    const report = await importFiles(bankFiles(bank, [{ name: 'images/a.svg', content: '<svg xmlns="http://www.w3.org/2000/svg"/>' }]));
    expect(report.outcome).toBe('reactivated');
    const after = await counts();
    expect([after.versions, after.challenges, after.assets]).toEqual([before.versions, before.challenges, before.assets]);
    expect(after.state!.versionId).toBe(report.versionId);
  });

  it('finishes a version that a crashed import left half-written, and never shows it before', async () => {
    const bank = smallBank();
    bank.header.bank = { id: 'test-bank', version: '3' };
    const files = bankFiles(bank);
    const { versionId } = await importFiles(files, true);
    // What a crash after the first challenge would leave behind.
    await db.connection.db!.collection('content_bank_versions').insertOne({ _id: versionId as never, bankId: 'test-bank', label: '3', status: 'writing', importedAt: new Date(), challengeCount: 5, framework: {} });
    await db.connection.db!.collection('content_challenges').insertOne({ _id: `${versionId}/qcu-1` as never, versionId, order: 0, data: { id: 'stale' } });
    expect(await repository.loadVersion(versionId!)).toBeUndefined();
    expect((await catalog.snapshot()).version!.id).not.toBe(versionId);

    const report = await importFiles(files);
    expect(report.outcome).toBe('imported');
    const snapshot = await catalog.snapshot();
    expect(snapshot.version!.id).toBe(versionId);
    expect(snapshot.challenges).toHaveLength(5);
    expect(snapshot.challenge('qcu-1')!.id).toBe('qcu-1');
  });

  it('withdraws a challenge without re-import; the override outlives a re-import and another instance sees it', async () => {
    let clock = 0;
    const otherInstance = new ContentCatalog(repository, { maxReachableLevel: 5, refreshIntervalMs: 1000, now: () => clock });
    expect((await otherInstance.snapshot()).challenge('qroc-1')!.status).toBe('validated');

    const deps = { repository, activeSnapshot: () => catalog.snapshot(), onChanged: () => catalog.invalidate() };
    const result = await setChallengeStatus({ challengeId: 'qroc-1', status: 'obsolete', reason: 'erreur signalée' }, deps);
    expect(result).toEqual({ challengeId: 'qroc-1', status: 'obsolete', fileStatus: 'validated', overridden: true });
    const service = createContentService(catalog);
    expect(await service.challengesForSkills(['@recherche3'])).toEqual([]);
    expect((await service.challenge('qroc-1'))!.status).toBe('obsolete');
    expect((await catalog.snapshot()).skill('@recherche3')).toMatchObject({ playable: false, pixValue: 0 });

    expect((await otherInstance.snapshot()).challenge('qroc-1')!.status).toBe('validated'); // cached
    clock += 1000;
    expect((await otherInstance.snapshot()).challenge('qroc-1')!.status).toBe('obsolete');

    const bank = smallBank();
    bank.header.bank = { id: 'test-bank', version: '3' };
    expect((await importFiles(bankFiles(bank))).outcome).toBe('unchanged');
    bank.header.bank = { id: 'test-bank', version: '4' };
    expect((await importFiles(bankFiles(bank))).outcome).toBe('imported');
    expect((await catalog.snapshot()).challenge('qroc-1')!.status).toBe('obsolete');

    await setChallengeStatus({ challengeId: 'qroc-1', status: 'validated' }, deps);
    expect(await count('content_status_overrides')).toBe(0);
    expect((await catalog.snapshot()).challenge('qroc-1')!.status).toBe('validated');
  });

  it('refuses to change the status of an unknown challenge', async () => {
    await expect(setChallengeStatus({ challengeId: 'nope', status: 'archived' }, { repository, activeSnapshot: () => catalog.snapshot() })).rejects.toMatchObject({
      code: 'CHALLENGE_NOT_FOUND',
      status: 404,
    });
  });

  it('reads a bank given as one JSON file with everything in it', async () => {
    const bank = smallBank();
    const single = { ...bank.header, ...bank.content, bank: { id: 'json-bank', version: '1' } };
    const report = await importFiles([{ name: 'bank.json', content: JSON.stringify(single) }]);
    expect(report).toMatchObject({ ok: true, outcome: 'imported' });
    expect(stringify(report.counts.byType)).toContain('QROCM-dep: 1');
  });
});
