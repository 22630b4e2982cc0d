import { AppError } from '../../platform/errors.js';

/**
 * Every reason the tool refuses an ENT assertion (`POST /api/ent/sessions`). Each has a
 * stable code (docs/reference/error-codes.md), an HTTP status and the message of the error
 * contract; the failing check goes into `details.check` and the log. The caller is the
 * ENT's server, so the messages speak to its integrator.
 */
export const ENT_REFUSALS = {
  ENT_ASSERTION_MALFORMED: [400, 'The assertion is not a well-formed signed JWT (compact JWS with a JSON payload).'],
  ENT_ASSERTION_ALG_NOT_ALLOWED: [401, 'Only RS256 and ES256 signatures are accepted.'],
  ENT_ASSERTION_KID_MISSING: [401, 'The assertion header has no kid.'],
  ENT_CONNECTOR_UNKNOWN: [401, 'No ENT connector is registered with this issuer (iss).'],
  ENT_CONNECTOR_DISABLED: [403, 'The ENT connector of this issuer is disabled.'],
  ENT_ASSERTION_KID_UNKNOWN: [401, 'No key of the connector has this kid.'],
  ENT_ASSERTION_SIGNATURE_INVALID: [401, 'The signature does not verify with the connector keys.'],
  ENT_JWKS_UNAVAILABLE: [502, 'The connector JWKS could not be fetched.'],
  ENT_ASSERTION_AUDIENCE_MISMATCH: [401, 'aud must be exactly the tool public URL.'],
  ENT_ASSERTION_TIMESTAMPS_INVALID: [401, 'exp and iat are required NumericDate claims.'],
  ENT_ASSERTION_EXPIRED: [401, 'exp is past (60 s tolerance).'],
  ENT_ASSERTION_NOT_YET_VALID: [401, 'iat or nbf is in the future (60 s tolerance).'],
  ENT_ASSERTION_TOO_LONG_LIVED: [401, 'exp must be at most 5 minutes after iat.'],
  ENT_ASSERTION_JTI_MISSING: [401, 'jti (a unique id of 8 to 255 characters) is required.'],
  ENT_ASSERTION_REPLAYED: [401, 'This assertion (its jti) was already used.'],
  ENT_SUB_INVALID: [400, 'sub is required: the ENT’s stable, pseudonymous id of the person (1 to 255 visible characters).'],
  ENT_SUB_NOT_PSEUDONYMOUS: [400, 'sub looks like an e-mail address: send the ENT’s opaque id, never a name or an e-mail.'],
  ENT_UAI_INVALID: [400, 'uai is required: the school’s UAI (7 digits and a letter).'],
  ENT_UAI_FOREIGN: [403, 'This connector may not speak for this school (uai).'],
  ENT_ROLES_INVALID: [400, 'roles must be a non-empty array of "learner" and/or "instructor".'],
  ENT_CONTEXT_INVALID: [400, 'context must be an object { id, label? } of strings (id up to 255, label up to 200 characters).'],
  ENT_ACTIVITY_INVALID: [400, 'activity must be a campaign code: 6 letters and 3 digits.'],
  ENT_ACTIVITY_UNKNOWN: [404, 'No campaign has this code for this school.'],
} as const satisfies Record<string, readonly [number, string]>;

export type EntRefusalCode = keyof typeof ENT_REFUSALS;

export class EntRefusal extends AppError {
  readonly refusal: EntRefusalCode;

  constructor(code: EntRefusalCode, check: string, extra: Record<string, unknown> = {}) {
    const [status, message] = ENT_REFUSALS[code];
    super(code, message, { status, details: { check, ...extra } });
    this.refusal = code;
  }
}
