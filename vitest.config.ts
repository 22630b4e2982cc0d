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
    ],
  },
});
