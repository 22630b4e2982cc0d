import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedPublishedSession } from '../../lti-tool/src/certification/testing/seed.js';
import { configureEndpoint } from '../../lti-tool/src/registry/application/configure-endpoint.js';
import { deliverEntry } from '../../lti-tool/src/registry/application/deliver-entry.js';
import { startRegistryReceiver, type RunningRegistryReceiver } from '../registry-receiver/registry-receiver.js';
import { startCertificationStack, type CertificationStack } from '../support/certification-stack.js';

const TOKEN = 'receiver-test-token-0123456789';
let stack: CertificationStack;
let receiver: RunningRegistryReceiver;

beforeAll(async () => {
  stack = await startCertificationStack('registry-delivery', { env: { REGISTRY_MAX_ATTEMPTS: '4', REGISTRY_BACKOFF_BASE_MS: '50', REGISTRY_BACKOFF_MAX_MS: '200' } });
  receiver = await startRegistryReceiver({ jwksUrl: `${stack.url}/.well-known/jwks.json`, expectedIssuer: `${stack.config.publicUrl}/api/registry/issuer`, bearerToken: TOKEN });
});
// A failed test must not leave its worker claiming the next test's entries.
afterEach(async () => stack?.registry.worker.stop());
afterAll(async () => {
  await stack?.close();
  await receiver?.close();
});

const registry = () => stack.registry.deps;
const outbox = () => stack.registry.deps.outbox;

async function configure(academyId: string, token = TOKEN) {
  await configureEndpoint({ academyId, url: receiver.credentialsUrl, auth: { kind: 'bearer', token } }, registry());
}

describe('publish → outbox → registry receiver', () => {
  it('delivers each published result once, as a VC-JWT the receiver verifies against the tool’s JWKS', async () => {
    await configure('acad-a');
    const { courseIds } = await seedPublishedSession(stack.certification.deps, {
      uai: '0781234A',
      academyId: 'acad-a',
      candidates: 3,
      identity: (i) => ({ learnerId: `l-${i}`, firstName: 'Léa', lastName: `Martin${i}`, nationalStudentId: `12345678${i}AB` }),
    });
    for (const id of courseIds) expect((await outbox().deliveryOf(id))?.state).toBe('pending');

    stack.registry.worker.start();
    await expect.poll(async () => Promise.all(courseIds.map(async (id) => (await outbox().deliveryOf(id))?.state)), { timeout: 15_000 }).toEqual(['delivered', 'delivered', 'delivered']);
    await stack.registry.worker.stop();

    const receipts = receiver.receipts().filter((r) => courseIds.includes(r.idempotencyKey));
    expect(receipts).toHaveLength(3);
    expect(receipts.every((r) => r.count === 1)).toBe(true);
    const jwks = (await (await fetch(`${stack.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((k) => k.kid)).toContain(receipts[0]!.kid);
    const payload = receipts[0]!.payload as { vc: { credentialSubject: { identifier: Array<{ identityType: string }> } }; jti: string };
    expect(payload.jti).toBe(`urn:uuid:${receipts[0]!.idempotencyKey}`);
    expect(JSON.stringify(payload)).not.toContain('Martin');
    expect(payload.vc.credentialSubject.identifier.map((i) => i.identityType)).toContain('ext:INE');
  });

  it('keeps retrying while the receiver is down (503, then closed port) and delivers once when it returns', async () => {
    await configure('acad-b');
    await receiver.setMode('unavailable');
    const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0751111B', academyId: 'acad-b', candidates: 2 });
    stack.registry.worker.start();
    const refused = receiver.stats().refusedWhileDown;
    await expect.poll(() => receiver.stats().refusedWhileDown - refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await receiver.setMode('closed');
    const failedWhileClosed = async () => (await Promise.all(courseIds.map((id) => outbox().deliveryOf(id)))).some((d) => /ECONN|UND_ERR|socket/.test(d?.lastError ?? ''));
    await expect.poll(failedWhileClosed, { timeout: 30_000 }).toBe(true);
    for (const d of await Promise.all(courseIds.map((id) => outbox().deliveryOf(id)))) expect(d?.state).toMatch(/pending|delivering/);
    await receiver.setMode('up');
    // Attempts may have run out meanwhile (max 4 here): replay brings dead entries back.
    await expect
      .poll(
        async () => {
          await registry().outbox.replay({ academyIds: ['acad-b'] }, new Date());
          return Promise.all(courseIds.map(async (id) => (await outbox().deliveryOf(id))?.state));
        },
        { timeout: 15_000 },
      )
      .toEqual(['delivered', 'delivered']);
    await stack.registry.worker.stop();
    for (const id of courseIds) expect(receiver.receipts().find((r) => r.idempotencyKey === id)?.count).toBe(1);
  });

  it('opens a circuit on a failing endpoint: the academy’s other entries wait for the next probe without spending attempts', async () => {
    await configure('acad-g');
    await receiver.setMode('unavailable');
    const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0676666G', academyId: 'acad-g', candidates: 5 });
    const probe = await outbox().claim('w', new Date(), 10_000);
    const outcome = await deliverEntry(probe!, registry());
    expect(outcome).toMatchObject({ kind: 'retry', status: 503 });
    const others = await Promise.all(courseIds.filter((id) => id !== probe!.result.id).map((id) => outbox().deliveryOf(id)));
    for (const d of others) expect(d).toMatchObject({ state: 'pending', attempts: 0 });
    // While the circuit is open the worker claims none of them (they stay due in the database).
    if (Date.now() < probe!.delivery.lastAttemptAt!.getTime() + 50) expect(await stack.registry.worker.drainOnce()).toBe(0);
    await receiver.setMode('up');
    // The next probe succeeds, closes the circuit and wakes the rest.
    await expect.poll(async () => (await stack.registry.worker.drainOnce(), Promise.all(courseIds.map(async (id) => (await outbox().deliveryOf(id))?.state))), { timeout: 10_000 }).toEqual(courseIds.map(() => 'delivered'));
  });

  it('signs with the new key after a rotation; the receiver refetches the JWKS for the unknown kid', async () => {
    await configure('acad-k');
    const before = receiver.receipts().at(-1)!.kid;
    const { activeKid } = await stack.keys.store.rotate();
    expect(activeKid).not.toBe(before);
    await new Promise((r) => setTimeout(r, 1_100)); // past the receiver's JWKS refetch cooldown
    const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0451111K', academyId: 'acad-k', candidates: 1 });
    await stack.registry.worker.drainOnce();
    expect(await outbox().deliveryOf(courseIds[0]!)).toMatchObject({ state: 'delivered' });
    expect(receiver.receipts().find((r) => r.idempotencyKey === courseIds[0])?.kid).toBe(activeKid);
  });

  it('drains the delivery in flight on graceful shutdown', async () => {
    const slow = await startRegistryReceiver({ jwksUrl: `${stack.url}/.well-known/jwks.json`, bearerToken: TOKEN, responseDelayMs: 800 });
    try {
      await configureEndpoint({ academyId: 'acad-h', url: slow.credentialsUrl, auth: { kind: 'bearer', token: TOKEN } }, registry());
      const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0387777H', academyId: 'acad-h', candidates: 1 });
      stack.registry.worker.start();
      await expect.poll(() => slow.stats().inFlight, { timeout: 10_000 }).toBe(1);
      await stack.registry.worker.stop();
      expect(await outbox().deliveryOf(courseIds[0]!)).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(slow.receipts()[0]?.count).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('retries after a crash mid-delivery once the lease expires, and the receiver keeps one credential', async () => {
    await configure('acad-c');
    const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0692222C', academyId: 'acad-c', candidates: 1 });
    const id = courseIds[0]!;
    const t0 = new Date();
    // A worker claims the entry and "dies": its lease is held, nothing is recorded.
    const crashed = await outbox().claim('crashed-worker', t0, 1_000);
    expect(crashed?.result.id).toBe(id);
    expect(await outbox().claim('other', t0, 1_000)).toBeUndefined();
    // The dead worker had in fact reached the registry before dying.
    await deliverEntry(crashed!, { ...registry(), outbox: Object.assign(Object.create(outbox()), { markDelivered: async () => undefined }) });
    expect((await outbox().deliveryOf(id))?.state).toBe('delivering');
    // After the lease, another worker takes it and delivers; the receiver counts the duplicate and keeps one.
    const retaken = await outbox().claim('other', new Date(t0.getTime() + 1_500), 1_000);
    expect(retaken?.delivery.attempts).toBe(2);
    await deliverEntry(retaken!, registry());
    expect((await outbox().deliveryOf(id))?.state).toBe('delivered');
    const receipt = receiver.receipts().find((r) => r.idempotencyKey === id)!;
    expect(receipt.count).toBe(2);
    expect(receiver.receipts().filter((r) => r.idempotencyKey === id)).toHaveLength(1);
  });

  it('dead-letters after the attempt budget, shows it to admins, and replays it on demand', async () => {
    await configure('acad-d', 'a-wrong-token-for-this-receiver');
    const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0133333D', academyId: 'acad-d', candidates: 1 });
    const id = courseIds[0]!;
    stack.registry.worker.start();
    await expect.poll(async () => (await outbox().deliveryOf(id))?.state, { timeout: 15_000 }).toBe('dead');
    await stack.registry.worker.stop();
    const dead = await outbox().deliveryOf(id);
    expect(dead).toMatchObject({ attempts: 4, lastStatus: 401 });

    const listed = await fetch(`${stack.url}/api/admin/registry/outbox?state=dead`).then((r) => r.json() as Promise<{ counts: { dead: number }; entries: Array<{ id: string; delivery: { lastError: string } }> }>);
    expect(listed.counts.dead).toBeGreaterThanOrEqual(1);
    expect(listed.entries.find((e) => e.id === id)?.delivery.lastError).toMatch(/HTTP 401/);

    await configure('acad-d');
    const replay = await fetch(`${stack.url}/api/admin/registry/outbox/replay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ids: [id] }) });
    expect(await replay.json()).toEqual({ replayed: 1 });
    stack.registry.worker.start();
    await expect.poll(async () => (await outbox().deliveryOf(id))?.state, { timeout: 15_000 }).toBe('delivered');
    await stack.registry.worker.stop();
    expect(await outbox().deliveryOf(id)).toMatchObject({ replays: 1, attempts: 1 });
  });

  it('dead-letters at once a credential the registry refuses as invalid (422)', async () => {
    await configure('acad-e');
    const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0314444E', academyId: 'acad-e', candidates: 1 });
    const entry = await outbox().claim('w', new Date(), 10_000);
    expect(entry?.result.id).toBe(courseIds[0]);
    const forged = { ...registry(), signer: { ...registry().signer, sign: async () => 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' } };
    const outcome = await deliverEntry(entry!, forged);
    expect(outcome).toMatchObject({ kind: 'permanent', status: 422 });
    expect(await outbox().deliveryOf(courseIds[0]!)).toMatchObject({ state: 'dead', attempts: 1 });
    expect(receiver.rejections().at(-1)?.reason).toMatch(/signature check failed/);
  });

  it('waits without spending attempts while an academy has no endpoint, and goes as soon as one is configured', async () => {
    const { courseIds } = await seedPublishedSession(stack.certification.deps, { uai: '0595555F', academyId: 'acad-f', candidates: 1 });
    const id = courseIds[0]!;
    await stack.registry.worker.drainOnce();
    expect(await outbox().deliveryOf(id)).toMatchObject({ state: 'pending', attempts: 0, lastError: expect.stringMatching(/no enabled registry endpoint/) });
    await configure('acad-f');
    await stack.registry.worker.drainOnce();
    expect(await outbox().deliveryOf(id)).toMatchObject({ state: 'delivered', attempts: 1 });
    const receipt = receiver.receipts().find((r) => r.idempotencyKey === id)!;
    expect(receipt.count).toBe(1);
  });
});
