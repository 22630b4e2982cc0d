import fs from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/**
 * The `/static/` paths of the chunks the bundle's entry imports statically (Lit, the shared
 * decorators…), read from Vite's manifest. A page that loads the entry lists them as
 * `<link rel="modulepreload">` so the browser fetches them alongside the entry instead of
 * after parsing it (one round trip less before the first question). Re-read when the build
 * changes (content-hashed names); empty when the bundle is not built.
 */
export function entryPreloads(distDir: string): () => string[] {
  const manifestFile = path.join(distDir, '.vite', 'manifest.json');
  let cached: { mtimeMs: number; paths: string[] } | undefined;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(manifestFile).mtimeMs;
    } catch {
      return [];
    }
    if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, paths: staticImportsOfEntry(JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>) };
    return cached.paths;
  };
}

export function staticImportsOfEntry(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) return [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    for (const dep of manifest[key]?.imports ?? []) {
      if (seen.has(dep) || !manifest[dep]) continue;
      seen.add(dep);
      visit(dep);
    }
  };
  visit(entry);
  return [...seen].map((k) => `/static/${manifest[k]!.file}`);
}
