import { createLocalJWKSet, jwtVerify } from 'jose';
import type { KeyStore } from '../../../keys/application/key-store.js';
import { AppError } from '../../../platform/errors.js';
import type { PrivacySettings } from '../../registrations/domain/registration.js';

export interface RegistrationLinkTerms {
  academy?: string;
  privacy: PrivacySettings;
}

const TYP = 'pix-lti-registration-link+jwt';
export const REGISTRATION_LINK_MAX_DAYS = 90;

/**
 * A registration URL a Pix admin hands to a Moodle admin: `/lti/register?invitation=<jwt>`.
 * Moodle keeps the query of the URL it is given and adds `openid_configuration` and
 * `registration_token`, so the terms the Pix admin chose (academy, names, e-mail) reach
 * dynamic registration signed by us — nothing is stored, and the platform cannot change them.
 */
export async function createRegistrationLink(
  terms: RegistrationLinkTerms & { validDays: number },
  deps: { keys: Pick<KeyStore, 'sign'>; toolUrl: string; clock?: () => Date },
): Promise<{ url: string; expiresAt: Date }> {
  const days = Math.min(Math.max(1, terms.validDays), REGISTRATION_LINK_MAX_DAYS);
  const jwt = await deps.keys.sign(
    { iss: deps.toolUrl, aud: `${deps.toolUrl}/lti/register`, pix_privacy: terms.privacy, ...(terms.academy ? { pix_academy: terms.academy } : {}) },
    { typ: TYP, expiresInSeconds: days * 86400 },
  );
  const now = (deps.clock ?? (() => new Date()))();
  return { url: `${deps.toolUrl}/lti/register?invitation=${jwt}`, expiresAt: new Date(now.getTime() + days * 86400_000) };
}

export async function readRegistrationLink(invitation: string, deps: { keys: Pick<KeyStore, 'jwks'>; toolUrl: string }): Promise<RegistrationLinkTerms> {
  try {
    const { payload } = await jwtVerify(invitation, createLocalJWKSet(await deps.keys.jwks()), {
      algorithms: ['RS256'],
      issuer: deps.toolUrl,
      audience: `${deps.toolUrl}/lti/register`,
      typ: TYP,
    });
    const privacy = payload.pix_privacy as Partial<PrivacySettings> | undefined;
    return {
      academy: typeof payload.pix_academy === 'string' ? payload.pix_academy : undefined,
      privacy: { sendNames: privacy?.sendNames === true, sendEmail: privacy?.sendEmail === true },
    };
  } catch (err) {
    throw new AppError('DYNREG_LINK_INVALID', 'This registration link is invalid or has expired: ask the Pix administrator for a new one.', { status: 400, cause: err });
  }
}
