import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import type { StoredKnowledgeElement } from '../domain/assessment.js';
import { KnowledgeElementsRepository } from './knowledge-elements.repository.js';

const element = (learnerId: string, answer: string, skillId: string): StoredKnowledgeElement => ({
  id: `${answer}:${skillId}`,
  tenantId: 'tenant-a',
  learnerId,
  assessmentId: 'a_1',
  skillId,
  competenceId: 'c1',
  status: 'validated',
  source: 'direct',
  earnedPix: 2,
  answerId: answer,
  createdAt: new Date('2026-01-01T10:00:00Z'),
});

describe('KnowledgeElementsRepository — the answer path’s cached profile', () => {
  let db: TestDatabase;
  let clock = 0;
  let repo: KnowledgeElementsRepository;
  /** Another tool instance on the same database. */
  let other: KnowledgeElementsRepository;

  beforeAll(async () => {
    db = await openTestDatabase('knowledge-cache');
    repo = new KnowledgeElementsRepository(db, silentLogger(), { cacheMs: 60_000, now: () => clock });
    other = new KnowledgeElementsRepository(db, silentLogger());
    await repo.ready();
  });
  afterAll(async () => db.drop());

  it('serves a profile read within the cache time without reading it again, and sees its own appends at once', async () => {
    await repo.insertMany([element('l1', 'ans1', 's1')]);
    expect((await repo.recentForLearner('tenant-a', 'l1')).map((ke) => ke.skillId)).toEqual(['s1']);
    // Written by another instance: not seen until the cached copy is older than the cache time…
    await other.insertMany([element('l1', 'ans2', 's2')]);
    expect((await repo.recentForLearner('tenant-a', 'l1')).map((ke) => ke.skillId)).toEqual(['s1']);
    expect((await repo.listForLearner('tenant-a', 'l1')).map((ke) => ke.skillId)).toEqual(['s1', 's2']);
    clock += 60_001;
    expect((await repo.recentForLearner('tenant-a', 'l1')).map((ke) => ke.skillId)).toEqual(['s1', 's2']);
    // …while this instance's own append is seen on the next read.
    await repo.insertMany([element('l1', 'ans3', 's3')]);
    expect((await repo.recentForLearner('tenant-a', 'l1')).map((ke) => ke.skillId)).toEqual(['s1', 's2', 's3']);
  });

  it('keeps tenants apart and caches a missing profile until this instance creates it', async () => {
    expect(await repo.recentForLearner('tenant-a', 'l2')).toEqual([]);
    await repo.insertMany([element('l2', 'ans1', 's1')]);
    expect(await repo.recentForLearner('tenant-b', 'l2')).toEqual([]);
    expect((await repo.recentForLearner('tenant-a', 'l2')).map((ke) => ke.id)).toEqual(['ans1:s1']);
  });

  it('does not keep a read that raced an append of this instance', async () => {
    const racing = repo.recentForLearner('tenant-a', 'l3');
    await repo.insertMany([element('l3', 'ans1', 's1')]);
    await racing;
    expect((await repo.recentForLearner('tenant-a', 'l3')).map((ke) => ke.id)).toEqual(['ans1:s1']);
  });

  it('returns copies: a caller changing its elements does not change the cache', async () => {
    const first = await repo.recentForLearner('tenant-a', 'l2');
    first[0]!.status = 'invalidated';
    expect((await repo.recentForLearner('tenant-a', 'l2'))[0]!.status).toBe('validated');
  });

  it('stores each element as one string without the tenant and learner, and reads elements stored as objects the same way', async () => {
    await repo.insertMany([element('l4', 'ans1', 's1')]);
    const raw = await db.connection.db!.collection('knowledge_profiles').findOne({ _id: 'l4' as never });
    expect(typeof raw!.elements[0]).toBe('string');
    expect(JSON.parse(raw!.elements[0] as string)).not.toHaveProperty('learnerId');
    const legacy = element('l4', 'ans0', 's0');
    await db.connection.db!.collection('knowledge_profiles').updateOne({ _id: 'l4' as never }, { $push: { elements: { ...legacy, createdAt: new Date('2025-12-01T10:00:00Z') } as never } });
    expect(await repo.listForLearner('tenant-a', 'l4')).toEqual([
      { ...legacy, createdAt: new Date('2025-12-01T10:00:00Z') },
      element('l4', 'ans1', 's1'),
    ]);
  });
});
