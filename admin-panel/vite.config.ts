import { defineConfig } from 'vite';

/**
 * The admin panel as a static app served by the tool under /admin (admin/http/admin-panel.routes.ts):
 * hashed files under assets/ (cached for good), index.html (never cached).
 */
export default defineConfig({
  base: '/admin/',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    assetsDir: 'assets',
  },
});
