import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/logger.js';
import { openTestDatabase, type TestDatabase } from '../../platform/testing/test-database.js';
import { answerIdOf, type AnswerRecord, type AssessmentRecord } from '../domain/assessment.js';
import { AssessmentsRepository } from './assessments.repository.js';

const at = new Date('2026-03-02T09:00:00Z');

function assessment(id: string): AssessmentRecord {
  return {
    id,
    tenantId: 'tenant-a',
    learnerId: 'learner-1',
    participationId: 'p_1',
    activityKey: 'competence-evaluation:1-1',
    activity: { type: 'competence-evaluation', id: '1.1' },
    method: 'SMART_RANDOM',
    checkpoints: true,
    locale: 'fr-fr',
    isImproving: false,
    run: 1,
    first: { challengeId: 'c1', ended: false, estimate: 2 },
    log: [],
    answered: 0,
    ended: false,
    acknowledged: 0,
    challengeStarts: [],
    focusLost: [],
    state: 'started',
    createdAt: at,
    updatedAt: at,
  };
}

function answer(assessmentId: string, number: number): AnswerRecord {
  const id = answerIdOf(assessmentId, number);
  return {
    id,
    tenantId: 'tenant-a',
    learnerId: 'learner-1',
    assessmentId,
    number,
    idempotencyKey: `key-${number}`,
    challengeId: `c${number}`,
    skillId: `s${number}`,
    value: { kind: 'choices', choices: [2] },
    result: 'ok',
    timedOut: false,
    focusedOut: false,
    timeSpentSeconds: 12,
    answeredAt: new Date(at.getTime() + number * 1000 - 50),
    createdAt: new Date(at.getTime() + number * 1000),
    knowledgeElements: [
      { skillId: `s${number}`, competenceId: 'rec1', status: 'validated', source: 'direct', earnedPix: 2, answerId: id, createdAt: new Date(at.getTime() + number * 1000) },
      { skillId: `t${number}`, competenceId: 'rec1', status: 'validated', source: 'inferred', earnedPix: 1.5, answerId: id, createdAt: new Date(at.getTime() + number * 1000) },
    ],
    next: { challengeId: `c${number + 1}`, ended: false, estimate: 2.5 },
  };
}

describe('AssessmentsRepository — answers copied into the log', () => {
  let db: TestDatabase;
  let repo: AssessmentsRepository;

  beforeAll(async () => {
    db = await openTestDatabase('assessments-log');
    repo = new AssessmentsRepository(db, silentLogger());
    await repo.ready();
  });
  afterAll(async () => db.drop());

  it('stores each copy as one string without what the assessment already says, and reads back the same answers', async () => {
    const id = 'a_compactlog0000000000000001';
    await repo.insert(assessment(id));
    const answers = [answer(id, 1), answer(id, 2)];
    await repo.appendAnswers(id, [answers[0]!], at);
    await repo.appendAnswers(id, [answers[1]!], at, 1);
    const stored = await repo.findById(id);
    expect(stored!.log).toEqual(answers);
    expect(stored).toMatchObject({ answered: 2, acknowledged: 1 });
    const raw = (await db.connection.db!.collection('assessments').findOne({ _id: id as never }))!;
    expect(typeof raw.log[0]).toBe('string');
    const entry = JSON.parse((raw.log as string[])[0]!) as Record<string, unknown>;
    for (const key of ['id', 'tenantId', 'learnerId', 'assessmentId']) expect(entry).not.toHaveProperty(key);
    expect((entry.knowledgeElements as Array<Record<string, unknown>>)[0]).toEqual({ skillId: 's1', competenceId: 'rec1', status: 'validated', source: 'direct', earnedPix: 2 });
  });

  it('keeps a knowledge element’s own answer and date when they differ from the answer’s', async () => {
    const id = 'a_compactlog0000000000000002';
    await repo.insert(assessment(id));
    const odd = answer(id, 1);
    odd.knowledgeElements[1] = { ...odd.knowledgeElements[1]!, answerId: 'elsewhere', createdAt: at };
    await repo.appendAnswers(id, [odd], at);
    expect((await repo.findById(id))!.log).toEqual([odd]);
  });

  it('reads answers copied as full objects (before the compact form) the same way', async () => {
    const id = 'a_compactlog0000000000000003';
    await repo.insert(assessment(id));
    const full = answer(id, 1);
    await db.connection.db!.collection('assessments').updateOne({ _id: id as never }, { $push: { log: full as never } });
    expect((await repo.findById(id))!.log).toEqual([full]);
  });
});
