import { defineConfig } from 'vite';

/**
 * Library build: one ES module at a stable name (`pix-components.js`, served with a
 * short cache) plus content-hashed chunks under `chunks/` (served as immutable).
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    manifest: true,
    // Lib mode leaves ES output unminified by default (for downstream bundlers); browsers load this one directly.
    minify: 'oxc',
    lib: {
      entry: 'src/pix-components.ts',
      formats: ['es'],
      fileName: () => 'pix-components.js',
    },
    rolldownOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Lit in a chunk of its own: its hash changes only when Lit does, so browsers keep it cached across our releases.
        advancedChunks: { groups: [{ name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ }] },
        minify: true,
        comments: { annotation: false, jsdoc: false, legal: true },
      },
    },
  },
});
