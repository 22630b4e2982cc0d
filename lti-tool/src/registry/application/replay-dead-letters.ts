import type { RegistryDeps } from './dependencies.js';

/** An admin sends dead entries (all of their academies', or the ones named) back to the queue. */
export async function replayDeadLetters(input: { academyIds: 'all' | readonly string[]; ids?: string[] }, deps: Pick<RegistryDeps, 'outbox' | 'clock' | 'log'>): Promise<number> {
  const replayed = await deps.outbox.replay(input, deps.clock());
  deps.log.info({ replayed, ids: input.ids?.length }, 'registry dead letters replayed');
  return replayed;
}
