import type { Router } from 'express';
import { z } from 'zod';
import { publicLookupLimit } from '../../certification/http/rate-limit.js';
import { type sendError } from '../../platform/http/error-handler.js';
import { issueAccessToken, OAuthError, unsupportedGrant } from '../application/registry-clients.js';
import type { RegistryDeps } from '../application/dependencies.js';

const tokenBody = z.object({
  grant_type: z.string(),
  scope: z.string().max(200).optional(),
  client_id: z.string().max(100).optional(),
  client_secret: z.string().max(200).optional(),
});

/**
 * `POST /api/oauth/token`: OAuth 2.0 client credentials (client_secret_basic or
 * client_secret_post) for registry clients. Errors carry RFC 6749's `error` field as
 * well as the project's `code`. Rate-limited per address against secret guessing.
 */
export function oauthRoutes(router: Router, deps: RegistryDeps & { tokenRequestsPerMinute: number }): void {
  router.post('/api/oauth/token', publicLookupLimit({ perMinute: deps.tokenRequestsPerMinute }), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.set('Pragma', 'no-cache');
    try {
      const parsed = tokenBody.safeParse(req.body ?? {});
      if (!parsed.success) throw new OAuthError('invalid_request', 400, 'OAUTH_INVALID_REQUEST', 'Send grant_type=client_credentials as a form.');
      const body = parsed.data;
      if (body.grant_type !== 'client_credentials') throw unsupportedGrant();
      const basic = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '');
      let clientId = body.client_id;
      let clientSecret = body.client_secret;
      if (basic) {
        const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
        clientId = decodeURIComponent(id ?? '');
        clientSecret = decodeURIComponent(secret ?? '');
      }
      if (!clientId || !clientSecret) throw new OAuthError('invalid_client', 401, 'OAUTH_INVALID_CLIENT', 'Client authentication is required (HTTP Basic or client_id/client_secret).');
      res.json(await issueAccessToken({ clientId, clientSecret, scope: body.scope }, deps));
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      if (err.status === 401) res.set('WWW-Authenticate', 'Basic realm="pix-lti registry"');
      req.log.warn({ code: err.code }, err.message);
      res.status(err.status);
      // RFC 6749 §5.2 fields plus the error contract.
      sendErrorWithOAuth(res, err);
    }
  });
}

function sendErrorWithOAuth(res: Parameters<typeof sendError>[0], err: OAuthError): void {
  const requestId = String(res.req.id ?? res.getHeader('X-Request-Id') ?? 'unknown');
  res.json({ error: err.oauthCode, error_description: err.message, code: err.code, message: err.message, requestId });
}
