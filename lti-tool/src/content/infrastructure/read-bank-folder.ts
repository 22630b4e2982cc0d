import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankFile } from '../application/bank-format/parse-bank-files.js';

/** The open sample bank shipped with the tool. */
export const SAMPLE_BANK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sample-bank');

/**
 * Reads a bank from disk: a folder (every file under it, named by its path relative to
 * the folder; dot-files and README files skipped) or single files (named by their base name).
 */
export async function readBankFiles(paths: readonly string[]): Promise<BankFile[]> {
  const files: BankFile[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p);
    if (!stat.isDirectory()) {
      files.push({ name: path.basename(p), content: await fs.readFile(p) });
      continue;
    }
    const entries = await fs.readdir(p, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith('.') || /^readme/i.test(entry.name)) continue;
      const full = path.join(entry.parentPath, entry.name);
      files.push({ name: path.relative(p, full).split(path.sep).join('/'), content: await fs.readFile(full) });
    }
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}
