import { createHash } from 'node:crypto';
import type { Logger } from '../../platform/logger.js';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, lockedUntil, type ThrottlePolicy } from '../domain/login-throttle.js';
import type { LoginThrottleRepository } from '../infrastructure/login-throttle.repository.js';

/** The sign-in's brute-force brake: per account (as typed) and per address. */
export class LoginGuard {
  constructor(
    private readonly repository: LoginThrottleRepository,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
    private readonly policies: { account: ThrottlePolicy; address: ThrottlePolicy } = { account: ACCOUNT_THROTTLE, address: ADDRESS_THROTTLE },
  ) {}

  get expiryRule() {
    return { collection: this.repository.collection, field: 'expiresAt' };
  }

  /** The instant the account or the address may try again, if either is locked now. */
  async lockedUntil(email: string, ip: string): Promise<Date | undefined> {
    const now = this.clock();
    const [account, address] = await Promise.all([this.repository.get(accountKey(email)), this.repository.get(addressKey(ip))]);
    const locks = [lockedUntil(account, now), lockedUntil(address, now)].filter((d): d is Date => d !== undefined);
    return locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : undefined;
  }

  /** Counts a failure for both keys and says so in the log once a key is slowed down. */
  async failed(email: string, ip: string): Promise<void> {
    const now = this.clock();
    const [account, address] = await Promise.all([
      this.repository.recordFailure(accountKey(email), this.policies.account, now),
      this.repository.recordFailure(addressKey(ip), this.policies.address, now),
    ]);
    if (account.lockedUntil && account.lockedUntil > now) {
      this.log.warn(
        { event: 'admin.login.throttled', scope: 'account', account: email, ip, failures: account.failures, lockedUntil: account.lockedUntil },
        `admin sign-in slowed down for account ${email} after ${account.failures} failures (from ${ip})`,
      );
    }
    if (address.lockedUntil && address.lockedUntil > now) {
      this.log.warn(
        { event: 'admin.login.throttled', scope: 'address', account: email, ip, failures: address.failures, lockedUntil: address.lockedUntil },
        `admin sign-in slowed down for address ${ip} after ${address.failures} failures`,
      );
    }
  }

  /** A success forgets the account's failures (not the address's: one good account must not launder a guesser's). */
  async succeeded(email: string): Promise<void> {
    await this.repository.clear(accountKey(email));
  }
}

// The e-mail is hashed in the key so the collection is not a list of probed addresses.
const accountKey = (email: string) => `account:${createHash('sha256').update(email).digest('base64url')}`;
const addressKey = (ip: string) => `address:${ip}`;
