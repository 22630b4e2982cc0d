import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * One `vitest run` for the whole workspace. Every project that touches the database
 * shares one server started by the global setup; each test file opens its own database.
 */
export default defineConfig({
  test: {
    globalSetup: [here('./lti-tool/src/platform/testing/database.global-setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'lti-tool',
          dir: here('./lti-tool/src'),
          include: ['**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'cross-package',
          dir: here('./test'),
          include: ['**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Browser tests of the Lit elements: Node drives Debian's Chromium (playwright-core)
        // against the built bundle and a fake API; no database, so no `extends`.
        test: {
          name: 'web-components',
          dir: here('./web-components'),
          include: ['src/**/*.test.ts', 'testing/**/*.test.ts'],
          environment: 'node',
          globalSetup: [here('./web-components/testing/global-setup.ts')],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
