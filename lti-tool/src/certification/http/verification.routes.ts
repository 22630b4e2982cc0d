import type { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { validate } from '../../platform/http/validate.js';
import type { CertificationDeps } from '../application/dependencies.js';
import { verifyCertificate } from '../application/verify-certificate.js';
import { renderAttestationPdf } from '../infrastructure/attestation-pdf.js';
import { publicLookupLimit } from './rate-limit.js';
import { verificationPage } from './verification-page.js';

const codeParam = z.object({ code: z.string().min(1).max(20) });

export const verificationUrlOf = (publicUrl: string) => `${publicUrl}/certifications/verification`;

/**
 * Public, unauthenticated: check a certificate by its verification code (JSON and an
 * HTML page) and download its attestation. Rate-limited per address; the code never
 * appears in clear in the logs (request-logging hashes it).
 */
export function verificationRoutes(router: Router, deps: Pick<CertificationDeps, 'results'> & { publicUrl: string; perMinute: number }): void {
  const limit = publicLookupLimit({ perMinute: deps.perMinute });
  router.get('/api/certifications/verify/:code', limit, async (req, res) => {
    const { code } = validate(codeParam, req.params, 'params');
    res.set('Cache-Control', 'no-store');
    res.json(await verifyCertificate({ code }, deps));
  });

  router.get('/api/certifications/verify/:code/attestation.pdf', limit, async (req, res) => {
    const { code } = validate(codeParam, req.params, 'params');
    const certificate = await verifyCertificate({ code }, deps);
    const pdf = await renderAttestationPdf(certificate, { verificationUrl: `${verificationUrlOf(deps.publicUrl)}?code=${certificate.verificationCode}` });
    res.set('Cache-Control', 'no-store');
    res.set('Content-Disposition', `attachment; filename="attestation-pix-${certificate.verificationCode}.pdf"`);
    res.type('application/pdf').send(pdf);
  });

  router.get('/certifications/verification', limit, async (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code.slice(0, 20) : undefined;
    res.set('Cache-Control', 'no-store');
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'");
    if (!code) {
      res.type('html').send(verificationPage({}));
      return;
    }
    try {
      const certificate = await verifyCertificate({ code }, deps);
      res.type('html').send(verificationPage({ code, certificate, attestationUrl: `${deps.publicUrl}/api/certifications/verify/${certificate.verificationCode}/attestation.pdf` }));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404) throw err;
      res.status(404).type('html').send(verificationPage({ code, error: 'Aucune certification ne correspond à ce code. Vérifiez-le (P- suivi de 8 caractères) et réessayez.' }));
    }
  });
}
