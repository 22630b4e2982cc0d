import type { ExpiryRule } from '../../platform/database/expiry-sweeper.js';

/**
 * ltijs 5.9 declares its short-lived collections with mongoose `expires` (TTL) on
 * `createdAt` (src/Utils/Database.js). ltijs no longer runs on our database (ADR 0004),
 * but a school group migrating from an ltijs tool often points us at the database that
 * tool used; its nonces, states and tokens would then stay forever on FerretDB, which
 * rejects TTL indexes. The sweeper deletes them with ltijs's own lifetimes (a no-op
 * when the collections do not exist).
 */
export const LTIJS_EXPIRY_RULES: ExpiryRule[] = [
  { collection: 'nonces', field: 'createdAt', ttlSeconds: 10 },
  { collection: 'states', field: 'createdAt', ttlSeconds: 600 },
  { collection: 'accesstokens', field: 'createdAt', ttlSeconds: 3600 },
  { collection: 'idtokens', field: 'createdAt', ttlSeconds: 24 * 3600 },
  { collection: 'contexttokens', field: 'createdAt', ttlSeconds: 24 * 3600 },
];
