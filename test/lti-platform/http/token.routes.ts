import { createHash, randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { unverifiedPayload } from '../crypto/firebase-jwt.js';
import { permittedScopes } from '../lti/service-urls.js';
import type { Platform } from '../platform.js';

/** Moodle's LTI_ACCESS_TOKEN_LIFE. */
export const ACCESS_TOKEN_LIFE_SECONDS = 3600;

/**
 * mod/lti/token.php: client_credentials with a private_key_jwt assertion, form-urlencoded only.
 * The assertion's `sub` names the tool; it is verified against the tool's JWKS URL (cached,
 * downloaded again on any failure); the scopes granted are the requested ones the tool may use.
 * Every refusal is `400 {"error": …}` like Moodle's.
 */
export function tokenRoutes(platform: Platform): Router {
  const router = Router();
  router.all('/mod/lti/token.php', platform.faults.middleware('token'), express.urlencoded({ extended: false, limit: '64kb' }), (req, res) => {
    void issue(platform, req, res).catch((err: unknown) => refuse(platform, res, 'server_error', (err as Error).message));
  });
  router.get('/mod/lti/certs.php', platform.faults.middleware('jwks'), (_req, res) => {
    res.type('application/json').send(JSON.stringify(platform.keys.jwks()));
  });
  return router;
}

async function issue(platform: Platform, req: Request, res: Response): Promise<void> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (req.method !== 'POST' || contentType !== 'application/x-www-form-urlencoded') {
    return refuse(platform, res, 'invalid_request', 'POST with application/x-www-form-urlencoded is required');
  }
  const body = req.body as Record<string, unknown>;
  const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const [assertion, assertionType, grantType, scope] = ['client_assertion', 'client_assertion_type', 'grant_type', 'scope'].map(field) as string[];
  if (!assertion || !assertionType || !grantType || !scope) return refuse(platform, res, 'invalid_request', 'client_assertion, client_assertion_type, grant_type and scope are all required');
  if (assertionType !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' || grantType !== 'client_credentials') {
    return refuse(platform, res, 'unsupported_grant_type', `grant_type=${grantType}, client_assertion_type=${assertionType}`);
  }
  const claims = unverifiedPayload(assertion);
  if (!claims || typeof claims.sub !== 'string' || !claims.sub) return refuse(platform, res, 'invalid_request', 'the assertion is not a JWT with a sub');
  const tool = platform.site.toolByClientId(claims.sub);
  if (!tool) return refuse(platform, res, 'invalid_client', `no tool has client id ${claims.sub}`);
  try {
    await platform.toolKeysets.verify(assertion, tool);
  } catch (err) {
    // Moodle answers with the exception's message as the error.
    return refuse(platform, res, (err as Error).message, `assertion verification failed for ${tool.clientId}`);
  }
  if (platform.options.clientAssertionChecks === 'strict') {
    const problem = strictAssertionProblem(platform, claims, `${platform.info.wwwroot}/mod/lti/token.php`);
    if (problem) return refuse(platform, res, 'invalid_client', problem);
  }
  const permitted = permittedScopes(tool);
  const granted = [...new Set(scope.split(' ').filter((s) => permitted.includes(s)))];
  if (granted.length === 0) return refuse(platform, res, 'invalid_scope', `none of the requested scopes is permitted (${permitted.join(' ') || 'no service enabled'})`);
  const token = createHash('md5').update(randomBytes(16)).digest('hex');
  platform.site.accessTokens.set(token, { token, toolId: tool.id, scopes: granted, validUntil: platform.nowSeconds() + ACCESS_TOKEN_LIFE_SECONDS });
  platform.record('token-issued', { toolId: tool.id, clientId: tool.clientId, scopes: granted });
  res.status(200).type('application/json').send(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFE_SECONDS, scope: granted.join(' ') }, null, 2));
}

/** Checks Moodle skips and other platforms make: aud names the token endpoint, exp present, jti single-use. */
function strictAssertionProblem(platform: Platform, claims: Record<string, unknown>, tokenUrl: string): string | undefined {
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(tokenUrl) && !audiences.includes(platform.info.issuer)) return `aud must be the token endpoint (${tokenUrl})`;
  if (claims.iss !== claims.sub) return 'iss must equal sub (the client id)';
  if (typeof claims.exp !== 'number') return 'exp is required';
  if (typeof claims.jti !== 'string' || !claims.jti) return 'jti is required';
  if (platform.usedAssertionIds.has(claims.jti)) return `jti ${claims.jti} was already used`;
  platform.usedAssertionIds.add(claims.jti);
  return undefined;
}

function refuse(platform: Platform, res: Response, error: string, reason: string): void {
  platform.record('token-refused', { error, reason });
  res.status(400).type('application/json').send(`{\n  "error" : ${JSON.stringify(error)}\n}`);
}
