import { MongoClient } from 'mongodb';

/** One `ping` with short timeouts; true when the server answered. */
export async function pingOnce(uri: string, timeoutMs = 1000): Promise<boolean> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    directConnection: true,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * Polls `ping` until the server answers, the deadline passes, or `abort` resolves
 * (the server process exited): readiness is observed, never guessed with a sleep.
 */
export async function waitForPing(uri: string, options: { timeoutMs: number; abort?: Promise<unknown> }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let aborted = false;
  void options.abort?.then(() => (aborted = true));
  while (!aborted) {
    if (await pingOnce(uri, 500)) return;
    if (Date.now() > deadline) throw new Error(`the database did not answer ping within ${options.timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the database process exited before it was ready');
}
