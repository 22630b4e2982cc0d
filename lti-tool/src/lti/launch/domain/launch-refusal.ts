import { AppError } from '../../../platform/errors.js';

/**
 * Every reason the tool refuses an LTI login, launch or deep-linking step. Each has a
 * stable code (docs/reference/error-codes.md), an HTTP status, the message for the
 * error contract, and the sentence a teacher or student reads on the French error page.
 */
export const LAUNCH_REFUSALS = {
  LTI_LOGIN_INVALID: [400, 'The login initiation lacks iss, login_hint or target_link_uri.', 'La demande de connexion envoyée par votre plateforme est incomplète.'],
  LTI_PLATFORM_UNKNOWN: [401, 'No registration matches this issuer and client id.', 'Cette plateforme n’est pas enregistrée auprès de Pix LTI.'],
  LTI_PLATFORM_NOT_ACTIVE: [403, 'The registration of this platform is not active (pending, rejected or disabled).', 'L’inscription de votre plateforme n’est pas (ou plus) active : un administrateur Pix doit la valider.'],
  LTI_DEPLOYMENT_UNKNOWN: [403, 'The deployment id is not registered for this platform.', 'Ce déploiement de l’outil n’est pas enregistré auprès de Pix LTI.'],
  LTI_TARGET_LINK_URI_FOREIGN: [400, 'target_link_uri does not point at this tool.', 'Le lien demandé ne pointe pas vers Pix LTI.'],
  LTI_PLATFORM_ERROR: [400, 'The platform answered the authentication request with an error.', 'Votre plateforme a refusé l’authentification.'],
  LTI_STATE_MISSING: [400, 'The launch carries no state.', 'La réponse de la plateforme est incomplète (state manquant).'],
  LTI_STATE_UNKNOWN: [401, 'The state is unknown or expired.', 'Cette ouverture a expiré ou n’a pas été demandée depuis ce navigateur. Rouvrez l’activité depuis votre cours.'],
  LTI_STATE_MISMATCH: [401, 'The launch does not come back to the browser that started it.', 'Cette ouverture n’a pas été démarrée dans ce navigateur. Rouvrez l’activité depuis votre cours.'],
  LTI_ID_TOKEN_REPLAYED: [401, 'This id_token (or its state) was already used.', 'Ce lien d’ouverture a déjà servi. Rouvrez l’activité depuis votre cours.'],
  LTI_ID_TOKEN_MISSING: [400, 'The launch carries no id_token.', 'La réponse de la plateforme est incomplète (id_token manquant).'],
  LTI_ID_TOKEN_MALFORMED: [400, 'The id_token is not a well-formed signed JWT.', 'Le jeton envoyé par la plateforme est illisible.'],
  LTI_ID_TOKEN_NOT_LTI: [400, 'The JWT carries no LTI claims.', 'Le jeton envoyé par la plateforme n’est pas un jeton LTI.'],
  LTI_ID_TOKEN_ALG_NOT_ALLOWED: [401, 'Only RS256-signed id_tokens are accepted.', 'Le jeton n’est pas signé selon l’algorithme attendu (RS256).'],
  LTI_ID_TOKEN_KID_MISSING: [401, 'The id_token header has no kid.', 'Le jeton ne désigne pas la clé qui l’a signé.'],
  LTI_ID_TOKEN_KID_UNKNOWN: [401, 'No key of the platform JWKS has this kid.', 'La clé qui a signé le jeton est inconnue de la plateforme.'],
  LTI_ID_TOKEN_SIGNATURE_INVALID: [401, 'The id_token signature does not verify with the platform keys.', 'La signature du jeton est invalide.'],
  LTI_PLATFORM_JWKS_UNAVAILABLE: [502, 'The platform JWKS could not be fetched.', 'Les clés publiques de votre plateforme sont injoignables. Réessayez dans un instant.'],
  LTI_ID_TOKEN_ISSUER_MISMATCH: [401, 'iss does not equal the registered issuer.', 'Le jeton ne vient pas de la plateforme attendue.'],
  LTI_ID_TOKEN_AUDIENCE_MISMATCH: [401, 'aud does not contain our client id.', 'Le jeton n’est pas destiné à Pix LTI.'],
  LTI_ID_TOKEN_AZP_MISMATCH: [401, 'azp is missing or differs from our client id.', 'Le jeton n’est pas destiné à Pix LTI (azp).'],
  LTI_ID_TOKEN_EXPIRED: [401, 'exp is past (60 s tolerance).', 'Le jeton a expiré. Vérifiez l’heure de votre appareil ou rouvrez l’activité.'],
  LTI_ID_TOKEN_NOT_YET_VALID: [401, 'iat or nbf is in the future (60 s tolerance).', 'Le jeton est daté dans le futur : l’horloge de la plateforme est décalée.'],
  LTI_ID_TOKEN_TIMESTAMPS_INVALID: [401, 'exp or iat is missing or not a number.', 'Le jeton n’indique pas sa durée de validité.'],
  LTI_NONCE_MISSING: [401, 'The id_token has no nonce.', 'Le jeton ne contient pas de nonce.'],
  LTI_NONCE_MISMATCH: [401, 'The nonce is not the one sent with this state.', 'Le jeton ne correspond pas à la demande de connexion.'],
  LTI_NONCE_REUSED: [401, 'The nonce was already used.', 'Ce jeton a déjà servi.'],
  LTI_VERSION_INVALID: [400, 'The LTI version claim is missing or not 1.3.0.', 'La version LTI envoyée n’est pas 1.3.0.'],
  LTI_MESSAGE_TYPE_INVALID: [400, 'message_type is missing or not LtiResourceLinkRequest / LtiDeepLinkingRequest.', 'Ce type de message LTI n’est pas pris en charge.'],
  LTI_CLAIM_MISSING: [400, 'A required LTI claim is missing or malformed.', 'Une information obligatoire manque dans le jeton LTI.'],
  LTI_DEEP_LINKING_NOT_ALLOWED: [403, 'Deep linking needs an instructor or administrator role.', 'Seul un enseignant peut ajouter une activité Pix au cours.'],
  LTI_LAUNCH_TICKET_INVALID: [401, 'The continuation ticket is unknown, expired or used.', 'Ce lien de poursuite a expiré ou a déjà servi. Rouvrez l’activité depuis votre cours.'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type LaunchRefusalCode = keyof typeof LAUNCH_REFUSALS;

/** A refused LTI step: the failing `check` goes to the log and the `details`, never a secret. */
export class LaunchRefusal extends AppError {
  readonly refusal: LaunchRefusalCode;
  readonly userMessage: string;
  /** The platform registration the failing step was about, when it knew it (for the failure counts). */
  registrationId?: string;

  constructor(code: LaunchRefusalCode, check: string, extra: Record<string, unknown> = {}) {
    const [status, message, userMessage] = LAUNCH_REFUSALS[code];
    super(code, message, { status, details: { check, ...extra } });
    this.refusal = code;
    this.userMessage = userMessage;
  }
}
