import { createHash, createHmac } from 'node:crypto';

/**
 * Open Badges 3.0 `IdentityObject.identityHash`: `sha256$` + hex(SHA-256(identity + salt)),
 * the recipe OB gives so a party that knows the identity (the academy registry knows
 * its pupils' INE) can recognise it without the credential carrying it in clear.
 */
export function identityHash(identity: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identity + salt, 'utf8').digest('hex')}`;
}

/**
 * A pseudonymous, stable subject id for one learner within one academy, keyed with a
 * secret (unlike the OB hash, it cannot be recomputed from a guessed INE).
 */
export function subjectPseudonym(secret: string, academyId: string, learnerKey: string): string {
  const digest = createHmac('sha256', secret).update(`${academyId}\n${learnerKey}`, 'utf8').digest('hex');
  return `urn:pix-lti:learner:${digest.slice(0, 40)}`;
}
