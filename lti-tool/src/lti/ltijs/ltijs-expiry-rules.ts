import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';

/**
 * ltijs 5.9 declares its short-lived collections with mongoose `expires` (TTL) on
 * `createdAt` (src/Utils/Database.js). FerretDB rejects TTL indexes, so these would
 * never expire: the platform's sweeper deletes them with the same lifetimes.
 */
export const LTIJS_EXPIRY_RULES: ExpiryRule[] = [
  { collection: 'nonces', field: 'createdAt', ttlSeconds: 10 },
  { collection: 'states', field: 'createdAt', ttlSeconds: 600 },
  { collection: 'accesstokens', field: 'createdAt', ttlSeconds: 3600 },
  { collection: 'idtokens', field: 'createdAt', ttlSeconds: 24 * 3600 },
  { collection: 'contexttokens', field: 'createdAt', ttlSeconds: 24 * 3600 },
];
