// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FRAMEWORK_IMPORTS = {
  paths: [
    { name: 'express', message: 'Domain code is framework-free: keep HTTP in the http/ layer.' },
    { name: 'mongoose', message: 'Domain code is storage-free: keep persistence in infrastructure/.' },
    { name: 'mongodb', message: 'Domain code is storage-free: keep persistence in infrastructure/.' },
    { name: 'ltijs', message: 'Only lti-tool/src/lti may use ltijs.' },
  ],
  patterns: [
    { group: ['express/*', 'mongoose/*', 'mongodb/*', 'ltijs/*'], message: 'Domain code imports neither express, mongoose, mongodb nor ltijs.' },
    { group: ['**/http/**', '**/infrastructure/**', '**/platform/database/**'], message: 'Domain code does not depend on outer layers.' },
  ],
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.cache/**', 'data/**', 'coverage/**', 'bench/results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration from Config (platform/config.ts), not process.env.' },
      ],
    },
  },
  {
    // The only readers of the environment: configuration, entry points and tooling.
    files: ['lti-tool/src/platform/config.ts', 'lti-tool/src/main.ts', 'lti-tool/src/platform/database/**', 'lti-tool/src/platform/testing/**', 'scripts/**', 'test/**', 'bench/**', 'web-components/testing/**', 'web-components/scripts/**', '*.config.*', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // ltijs stays behind one door (docs/adr/0004-ltijs.md).
    files: ['lti-tool/src/**/*.ts', 'web-components/**/*.ts', 'admin-panel/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['lti-tool/src/lti/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'ltijs', message: 'Only lti-tool/src/lti may import ltijs.' }] }],
    },
  },
  {
    // Declared after the ltijs rule so that, for domain files, this stricter list wins.
    files: ['**/domain/**/*.ts', 'lti-tool/src/adaptive/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', FRAMEWORK_IMPORTS] },
  },
  {
    files: ['web-components/**/*.ts', 'admin-panel/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
