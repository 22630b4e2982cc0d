import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPreloads, staticImportsOfEntry } from './entry-preloads.js';

const MANIFEST = {
  'src/pix-components.ts': { file: 'pix-components.js', isEntry: true, imports: ['_decorate-A.js', '_chart-C.js'], dynamicImports: ['src/picker.ts'] },
  '_decorate-A.js': { file: 'chunks/decorate-A.js', imports: ['_lit-B.js'] },
  '_lit-B.js': { file: 'chunks/lit-B.js' },
  '_chart-C.js': { file: 'chunks/chart-C.js', imports: ['_lit-B.js', '_decorate-A.js'] },
  'src/picker.ts': { file: 'chunks/picker-D.js', isDynamicEntry: true, imports: ['_teacher-E.js'] },
  '_teacher-E.js': { file: 'chunks/teacher-E.js' },
};

describe('entry preloads', () => {
  it('lists every chunk the entry imports statically, once, and none of the lazily loaded ones', () => {
    expect(staticImportsOfEntry(MANIFEST).sort()).toEqual(['/static/chunks/chart-C.js', '/static/chunks/decorate-A.js', '/static/chunks/lit-B.js']);
  });

  it('reads the build’s manifest, follows a new build, and lists nothing without one', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'pix-preloads-'));
    try {
      const preloads = entryPreloads(dist);
      expect(preloads()).toEqual([]);
      fs.mkdirSync(path.join(dist, '.vite'));
      const file = path.join(dist, '.vite', 'manifest.json');
      fs.writeFileSync(file, JSON.stringify(MANIFEST));
      expect(preloads()).toHaveLength(3);
      fs.writeFileSync(file, JSON.stringify({ 'src/pix-components.ts': { file: 'pix-components.js', isEntry: true, imports: ['_lit-Z.js'] }, '_lit-Z.js': { file: 'chunks/lit-Z.js' } }));
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      expect(preloads()).toEqual(['/static/chunks/lit-Z.js']);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
