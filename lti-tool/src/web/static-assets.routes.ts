import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { sendError } from '../platform/http/error-handler.js';

/** The stable entry: browsers check back often so a release reaches them within minutes. */
export const ENTRY_CACHE = 'public, max-age=300, stale-while-revalidate=3600';
/** Content-hashed files never change under the same name. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * Serves the web components' bundle under `/static/`: `pix-components.js` (the stable
 * URL pages load; short cache + ETag revalidation), `chunks/*-<hash>.js` (immutable),
 * the source maps and `custom-elements.json`. Module scripts are fetched in CORS mode
 * when an ENT page on another origin loads them, hence `Access-Control-Allow-Origin: *`
 * (public, credential-free files).
 */
export function staticAssetsRoutes(distDir: string): (router: Router) => void {
  const serve = express.static(distDir, {
    index: false,
    dotfiles: 'ignore',
    fallthrough: true,
    etag: true,
    lastModified: true,
    setHeaders(res, file) {
      const relative = path.relative(distDir, file).split(path.sep).join('/');
      res.setHeader('Cache-Control', relative.startsWith('chunks/') ? IMMUTABLE_CACHE : ENTRY_CACHE);
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (file.endsWith('.js')) res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    },
  });
  return (router) => {
    router.use('/static', (req, res, next) => {
      if (!fs.existsSync(path.join(distDir, 'pix-components.js'))) {
        sendError(res, 503, 'WEB_COMPONENTS_NOT_BUILT', 'The web components are not built: run `npm run build -w web-components` (npm start does it).');
        return;
      }
      serve(req, res, next);
    });
  };
}
