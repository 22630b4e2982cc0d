import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { AppError, unauthorized } from '../../platform/errors.js';
import type { RegistryClient } from '../infrastructure/clients.repository.js';
import { hashSecret, verifySecret } from '../infrastructure/secret-hash.js';
import type { RegistryDeps } from './dependencies.js';

/** The one scope of the pull API (Pix's livret scolaire scope). */
export const CERTIFICATIONS_SCOPE = 'organizations-certifications-result';
export const ACCESS_TOKEN_SECONDS = 900;

/** Registers a client for an academy; the secret is returned once and stored hashed. */
export async function registerRegistryClient(input: { name: string; academyId: string }, deps: Pick<RegistryDeps, 'clock'> & { clients: RegistryDeps['clients'] }): Promise<{ client: Omit<RegistryClient, 'secretHash'>; clientSecret: string }> {
  const clientId = `reg_${randomBytes(9).toString('base64url')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  const client: RegistryClient = { clientId, name: input.name, academyId: input.academyId, secretHash: await hashSecret(clientSecret), scopes: [CERTIFICATIONS_SCOPE], createdAt: deps.clock() };
  await deps.clients.insert(client);
  const { secretHash: _hidden, ...visible } = client;
  return { client: visible, clientSecret };
}

/** OAuth2 client-credentials grant: a short-lived RS256 access token (RFC 9068 `at+jwt`). */
export async function issueAccessToken(
  input: { clientId: string; clientSecret: string; scope?: string },
  deps: Pick<RegistryDeps, 'clients' | 'signer' | 'publicUrl' | 'clock'>,
): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
  const client = await deps.clients.find(input.clientId);
  // Same answer for an unknown client and a wrong secret; scrypt runs either way.
  const valid = await verifySecret(input.clientSecret, client?.secretHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  if (!client || !valid || client.revokedAt) throw oauthError('invalid_client', 401, 'OAUTH_INVALID_CLIENT', 'Unknown client or wrong secret.');
  const requested = input.scope?.split(' ').filter(Boolean) ?? client.scopes;
  if (requested.some((s) => !client.scopes.includes(s))) throw oauthError('invalid_scope', 400, 'OAUTH_INVALID_SCOPE', `This client may only ask for: ${client.scopes.join(' ')}.`);
  await deps.clients.touch(client.clientId, deps.clock());
  const access_token = await deps.signer.sign(
    { iss: deps.publicUrl, aud: `${deps.publicUrl}/api/organizations`, sub: client.clientId, client_id: client.clientId, scope: requested.join(' '), academy: client.academyId, jti: randomBytes(12).toString('base64url') },
    { typ: 'at+jwt', expiresInSeconds: ACCESS_TOKEN_SECONDS },
  );
  return { access_token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, scope: requested.join(' ') };
}

/** Checks a bearer access token for the pull API: signature, type, issuer, audience, scope, client not revoked. */
export async function authenticateRegistryClient(token: string, deps: Pick<RegistryDeps, 'clients' | 'signer' | 'publicUrl'>): Promise<{ clientId: string; academyId: string }> {
  let payload: JWTPayload;
  try {
    const jwks = createLocalJWKSet(await deps.signer.jwks());
    ({ payload } = await jwtVerify(token, jwks, { issuer: deps.publicUrl, audience: `${deps.publicUrl}/api/organizations`, typ: 'at+jwt', algorithms: ['RS256'], clockTolerance: 60 }));
  } catch {
    throw unauthorized('ACCESS_TOKEN_INVALID', 'The access token is invalid or expired; ask /api/oauth/token for a new one.');
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.includes(CERTIFICATIONS_SCOPE)) throw new AppError('ACCESS_TOKEN_SCOPE', `This token lacks the scope ${CERTIFICATIONS_SCOPE}.`, { status: 403 });
  const client = await deps.clients.find(String(payload.sub));
  if (!client || client.revokedAt) throw unauthorized('ACCESS_TOKEN_INVALID', 'This client has been revoked.');
  return { clientId: client.clientId, academyId: client.academyId };
}

/** OAuth errors carry RFC 6749's `error` besides our error contract's `code`. */
export class OAuthError extends AppError {
  constructor(
    readonly oauthCode: string,
    status: number,
    code: string,
    message: string,
  ) {
    super(code, message, { status });
  }
}

function oauthError(oauthCode: string, status: number, code: string, message: string): OAuthError {
  return new OAuthError(oauthCode, status, code, message);
}

export function unsupportedGrant(): OAuthError {
  return oauthError('unsupported_grant_type', 400, 'OAUTH_UNSUPPORTED_GRANT', 'Only grant_type=client_credentials is supported.');
}

