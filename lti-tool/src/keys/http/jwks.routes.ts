import type { RequestHandler, Router } from 'express';
import type { KeyStore } from '../application/key-store.js';

/**
 * The tool's public keys. Platforms (Moodle refetches on a failed verification) and
 * registry receivers cache them; five minutes keeps a rotation visible quickly.
 */
export function jwksRoutes(router: Router, keys: KeyStore): void {
  const serve: RequestHandler = async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    res.json(await keys.jwks());
  };
  router.get('/.well-known/jwks.json', serve);
  router.get('/lti/keys', serve);
}
