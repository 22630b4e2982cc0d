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

  it('fails loudly when the text to patch is not there (another FerretDB version)', () => {
    expect(() => patchFerretDbSource(metadata, 'package metadata\n')).toThrow(/no longer applies/);
  });

  it('leaves files without patches alone', () => {
    expect(patchFerretDbSource('cmd/ferretdb/main.go', 'x')).toBe('x');
    expect(FERRETDB_PATCHES.every((p) => p.from !== p.to)).toBe(true);
  });
});
