import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

/** The admin panel is never framed and loads only its own files. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set('Content-Security-Policy', CSP);
  res.set('X-Frame-Options', 'DENY');
  next();
};

/**
 * Serves the built admin panel (admin-panel/dist) under /admin: hashed assets cached
 * for a long time, index.html never, and every other /admin path answered with
 * index.html (the app routes by URL fragment, but bookmarks of /admin/ must work).
 */
export function adminPanelRoutes(router: Router, distDir: string): void {
  const index = path.join(distDir, 'index.html');
  router.use('/admin', securityHeaders);
  router.use(
    '/admin/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false, index: false }),
  );
  router.get(['/admin', '/admin/', '/admin/{*rest}'], (req, res) => {
    if (req.path === '/admin') return res.redirect(301, '/admin/');
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('The admin panel is not built yet: run `npm run build -w @pix-lti/admin-panel` (npm start does it for you).');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
