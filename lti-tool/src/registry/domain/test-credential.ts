import { OB_V3_CONTEXT, VC_V2_CONTEXT, issuerIdOf, toSeconds } from './certification-credential.js';

/**
 * A credential that proves the connection and nothing else: signed like a real one
 * (same issuer, key and media type), about no pupil, its achievement named
 * `…/achievements/connection-test` so that a registry can recognise and discard it.
 */
export function buildTestCredential(input: { id: string; academyId: string; publicUrl: string; issuerName: string; now: Date }): Record<string, unknown> {
  const validFrom = toSeconds(input.now);
  const credential = {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${input.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerIdOf(input.publicUrl), type: ['Profile'], name: input.issuerName, url: input.publicUrl },
    validFrom,
    validUntil: toSeconds(new Date(input.now.getTime() + 3_600_000)),
    name: 'Pix LTI — test de connexion au registre',
    credentialSubject: {
      id: `urn:pix-lti:connection-test:${input.academyId}`,
      type: ['AchievementSubject'],
      achievement: {
        id: `${input.publicUrl}/api/registry/achievements/connection-test`,
        type: ['Achievement'],
        achievementType: 'Assessment',
        name: 'Test de connexion',
        description: 'Envoyé depuis l’administration de Pix LTI pour vérifier l’adresse et les identifiants du registre. Ne concerne aucun élève.',
        criteria: { narrative: 'Aucun : à ignorer.' },
      },
    },
  };
  return {
    ...credential,
    vc: credential,
    iss: credential.issuer.id,
    sub: credential.credentialSubject.id,
    jti: credential.id,
    nbf: Math.floor(input.now.getTime() / 1000),
    exp: Math.floor(input.now.getTime() / 1000) + 3600,
  };
}
