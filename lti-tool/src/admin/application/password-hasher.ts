import { hash, verify } from '@node-rs/argon2';

// `Algorithm` is an ambient const enum (unusable with verbatimModuleSyntax): 2 is Argon2id.
const ARGON2ID = 2;

/**
 * argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about
 * 30–60 ms on one core, so a sign-in costs the server little and a stolen hash costs a
 * guesser a lot (docs/adr/0050-admin-authentication.md). Hashes carry their parameters
 * (PHC string), so raising them later rehashes each account at its next sign-in.
 */
export const ARGON2_PARAMETERS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

const PHC_PREFIX = `$argon2id$v=19$m=${ARGON2_PARAMETERS.memoryCost},t=${ARGON2_PARAMETERS.timeCost},p=${ARGON2_PARAMETERS.parallelism}$`;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time check (inside argon2); false on any malformed hash. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** True when the hash was made with other parameters than today's. */
  needsRehash(passwordHash: string): boolean;
}

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2_PARAMETERS),
  async verify(passwordHash, password) {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
  needsRehash: (passwordHash) => !passwordHash.startsWith(PHC_PREFIX),
};

/**
 * A hash of a random password, verified when the e-mail is unknown so that an unknown
 * account takes as long to refuse as a wrong password (no enumeration by timing).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(hasher: PasswordHasher): Promise<string> {
  return (decoy ??= hasher.hash(`decoy-${Math.random()}-${Date.now()}`));
}
