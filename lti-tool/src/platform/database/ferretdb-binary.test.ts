import { describe, expect, it } from 'vitest';
import { FERRETDB_PATCHES, patchFerretDbSource } from './ferretdb-binary.js';

describe('FerretDB source patches', () => {
  const metadata = 'internal/backends/sqlite/metadata/metadata.go';
  // The line as FerretDB v1.24.2 ships it.
  const upstream = `const (\n\t// IDColumn is a SQLite path expression for _id field.\n\tIDColumn = DefaultColumn + "->'$._id'"\n)\n`;

  it('looks documents up by _id with the expression the unique _id index is built on', () => {
    const patched = patchFerretDbSource(metadata, upstream);
    // The index: fmt.Sprintf("%s->%s", DefaultColumn, `"_id"`) in registry.go.
    expect(patched).toContain('IDColumn = DefaultColumn + `->"_id"`');
    expect(patched).not.toContain(`'$._id'`);
  });

  it('narrows any filter naming _id once by its value, in Query and Explain', () => {
    const collection = 'internal/backends/sqlite/collection.go';
    const block = '\tif params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")\n';
    const patched = patchFerretDbSource(collection, `func Query() {\n${block}}\nfunc Explain() {\n${block}}\n`);
    expect(patched).not.toContain('Len() == 1');
    expect(patched.match(/Len\(\) > 0 && func\(\) bool \{ _, dup := params\.Filter\.FindDuplicateKey\(\); return !dup \}\(\)/g)).toHaveLength(2);
    // Only once upstream (another version): refused rather than half-patched.
    expect(() => patchFerretDbSource(collection, block)).toThrow(/occurs 1 times/);
  });

  it('fails loudly when the text to patch is not there (another FerretDB version)', () => {
    expect(() => patchFerretDbSource(metadata, 'package metadata\n')).toThrow(/no longer applies/);
  });

  it('leaves files without patches alone', () => {
    expect(patchFerretDbSource('cmd/ferretdb/main.go', 'x')).toBe('x');
    expect(FERRETDB_PATCHES.every((p) => p.from !== p.to)).toBe(true);
  });
});
