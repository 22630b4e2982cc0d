import type { Router } from 'express';
import { issuerIdOf } from '../domain/certification-credential.js';

/** The issuer Profile that credentials' `issuer.id` points to, and where its keys are. */
export function issuerRoutes(router: Router, deps: { publicUrl: string; issuerName: string }): void {
  router.get('/api/registry/issuer', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600');
    res.json({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: issuerIdOf(deps.publicUrl),
      type: ['Profile'],
      name: deps.issuerName,
      url: deps.publicUrl,
      jwks_uri: `${deps.publicUrl}/.well-known/jwks.json`,
    });
  });
}
