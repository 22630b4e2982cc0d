import { createRequire } from 'node:module';
import path from 'node:path';
import type { AppContext, AppModule } from '../platform/module.js';
import { entryPreloads } from './entry-preloads.js';
import { staticAssetsRoutes } from './static-assets.routes.js';

/** Where the web-components package puts its build, found through the workspace package. */
export function webComponentsDistDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@pix-lti/web-components/package.json')), 'dist');
}

export interface WebModule extends AppModule {
  /** `/static/` paths a page loading the bundle's entry should `modulepreload`. */
  entryPreloads(): string[];
}

/** Serves the web components (students' and teachers' UI) at `/static/`. */
export function createWebModule(_ctx: AppContext, options: { distDir?: string } = {}): WebModule {
  const distDir = options.distDir ?? webComponentsDistDir();
  return { name: 'web', routes: staticAssetsRoutes(distDir), entryPreloads: entryPreloads(distDir) };
}
