import { notFound } from '../../platform/errors.js';
import type { ChallengeStatus } from '../domain/challenge.js';
import type { ContentSnapshot } from '../domain/content-snapshot.js';
import type { ItemBankRepository } from '../infrastructure/item-bank.repository.js';

export interface SetChallengeStatusDeps {
  repository: Pick<ItemBankRepository, 'loadVersion' | 'setStatusOverride' | 'clearStatusOverride'>;
  activeSnapshot: () => Promise<ContentSnapshot>;
  onChanged?: () => void;
  now?: () => Date;
}

/**
 * Withdraws (or restores) a challenge without re-importing the bank, e.g. when a teacher
 * reports an error. The change is an override that outlives re-imports: a later version
 * that still marks the challenge validated does not silently bring it back. Setting the
 * status the bank file gives removes the override.
 */
export async function setChallengeStatus(
  input: { challengeId: string; status: ChallengeStatus; reason?: string; changedBy?: string },
  deps: SetChallengeStatusDeps,
): Promise<{ challengeId: string; status: ChallengeStatus; fileStatus: ChallengeStatus; overridden: boolean }> {
  const snapshot = await deps.activeSnapshot();
  if (!snapshot.version || !snapshot.challenge(input.challengeId)) {
    throw notFound('CHALLENGE_NOT_FOUND', `No challenge "${input.challengeId}" in the active item bank.`, { challengeId: input.challengeId });
  }
  const loaded = await deps.repository.loadVersion(snapshot.version.id);
  const fileStatus = loaded?.content.challenges.find((c) => c.id === input.challengeId)?.status ?? snapshot.challenge(input.challengeId)!.status;
  const overridden = input.status !== fileStatus;
  if (overridden) {
    await deps.repository.setStatusOverride({
      challengeId: input.challengeId,
      status: input.status,
      reason: input.reason,
      changedBy: input.changedBy,
      changedAt: (deps.now ?? (() => new Date()))(),
    });
  } else {
    await deps.repository.clearStatusOverride(input.challengeId);
  }
  deps.onChanged?.();
  return { challengeId: input.challengeId, status: input.status, fileStatus, overridden };
}
