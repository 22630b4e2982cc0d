import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import {
  ITEM_BANK_FORMAT,
  SECTIONS,
  bankFileEnvelopeSchema,
  bankHeaderSchema,
  type AreaInput,
  type BankHeaderInput,
  type ChallengeInput,
  type CompetenceInput,
  type SectionName,
  type TubeInput,
} from './bank-file-schema.js';
import { formatFieldPath, type BankSection, type ImportIssue } from './import-issues.js';

/** A file handed to the import: a bank file (.yaml, .yml, .json) or an asset (image, attachment). */
export interface BankFile {
  /** Path relative to the bank's folder, with "/" separators, e.g. "1.1-recherche.yaml" or "images/wifi.svg". */
  name: string;
  content: string | Uint8Array;
}

export interface Located<T> {
  value: T;
  file: string;
  section: BankSection;
  item: string;
  /** Line of a path inside the item, when the file had lines. */
  lineOf(path?: ReadonlyArray<PropertyKey>): number | undefined;
}

export interface Asset {
  name: string;
  bytes: Uint8Array;
  /** SHA-256 of the bytes, hex: the asset's identity. */
  hash: string;
  contentType: string;
  extension: string;
}

export interface ParsedBank {
  headers: Array<Located<BankHeaderInput>>;
  areas: Array<Located<AreaInput>>;
  competences: Array<Located<CompetenceInput>>;
  tubes: Array<Located<TubeInput>>;
  challenges: Array<Located<ChallengeInput>>;
  assets: Map<string, Asset>;
  bankFiles: string[];
  /** Ids of items that failed their schema, so that references to them raise no second error. */
  invalidIds: Set<string>;
  errors: ImportIssue[];
}

export const ASSET_TYPES: Record<string, { contentType: string; image: boolean }> = {
  svg: { contentType: 'image/svg+xml', image: true },
  png: { contentType: 'image/png', image: true },
  jpg: { contentType: 'image/jpeg', image: true },
  jpeg: { contentType: 'image/jpeg', image: true },
  gif: { contentType: 'image/gif', image: true },
  webp: { contentType: 'image/webp', image: true },
  pdf: { contentType: 'application/pdf', image: false },
  txt: { contentType: 'text/plain; charset=utf-8', image: false },
  csv: { contentType: 'text/csv; charset=utf-8', image: false },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', image: false },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', image: false },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', image: false },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', image: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', image: false },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', image: false },
  mp3: { contentType: 'audio/mpeg', image: false },
  ogg: { contentType: 'audio/ogg', image: false },
};

export const LIMITS = { files: 1000, bankFileBytes: 5 * 1024 * 1024, assetBytes: 4 * 1024 * 1024 };

const BANK_EXTENSIONS = new Set(['yaml', 'yml', 'json']);

/**
 * Reads every file: syntax, format version and the structure of each item on its own, so
 * that one bad challenge does not hide the errors of the next. Nothing is thrown; every
 * problem is an `ImportIssue`.
 */
export function parseBankFiles(files: readonly BankFile[]): ParsedBank {
  const parsed: ParsedBank = { headers: [], areas: [], competences: [], tubes: [], challenges: [], assets: new Map(), bankFiles: [], invalidIds: new Set(), errors: [] };
  if (files.length > LIMITS.files) {
    parsed.errors.push({ code: 'TOO_MANY_FILES', file: '*', message: `A bank may have at most ${LIMITS.files} files; ${files.length} were given.` });
    return parsed;
  }
  for (const file of files) {
    const name = file.name.replace(/\\/g, '/');
    if (!isSafeRelativePath(name)) {
      parsed.errors.push({ code: 'FILE_NAME', file: file.name, message: 'File names must be relative paths inside the bank folder (no "..", no leading "/").' });
      continue;
    }
    const extension = name.split('.').pop()!.toLowerCase();
    const bytes = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    if (BANK_EXTENSIONS.has(extension)) {
      if (bytes.byteLength > LIMITS.bankFileBytes) {
        parsed.errors.push({ code: 'FILE_TOO_LARGE', file: name, message: `A bank file may hold at most ${LIMITS.bankFileBytes / 1024 / 1024} MB.` });
        continue;
      }
      parsed.bankFiles.push(name);
      parseBankFile(name, file.content, parsed);
    } else if (ASSET_TYPES[extension]) {
      if (bytes.byteLength > LIMITS.assetBytes) {
        parsed.errors.push({ code: 'FILE_TOO_LARGE', file: name, message: `An asset may weigh at most ${LIMITS.assetBytes / 1024 / 1024} MB.` });
        continue;
      }
      const hash = createHash('sha256').update(bytes).digest('hex');
      parsed.assets.set(name, { name, bytes, hash, contentType: ASSET_TYPES[extension].contentType, extension });
    } else {
      parsed.errors.push({
        code: 'FILE_TYPE',
        file: name,
        message: `Unsupported file type ".${extension}": bank files are .yaml, .yml or .json; assets are ${Object.keys(ASSET_TYPES).join(', ')}.`,
      });
    }
  }
  return parsed;
}

function isSafeRelativePath(name: string): boolean {
  return name !== '' && !name.startsWith('/') && !/^[A-Za-z]:/.test(name) && !name.split('/').some((p) => p === '..' || p === '');
}

function parseBankFile(file: string, content: string | Uint8Array, out: ParsedBank): void {
  let text: string;
  try {
    text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    out.errors.push({ code: 'FILE_ENCODING', file, message: 'The file is not valid UTF-8.' });
    return;
  }
  const parsedFile = file.toLowerCase().endsWith('.json') ? parseJson(text) : undefined;
  let data: unknown;
  let lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined;
  if (parsedFile) {
    // Large generated banks come as JSON: JSON.parse is ~100× faster than the YAML parser.
    // Lines are then only computed (with the YAML parser) if a problem is reported.
    data = parsedFile.value;
    let located: ReturnType<typeof parseWithLines> | undefined;
    lineOf = (path) => {
      located ??= parseWithLines(text);
      return lineOfPath(located.doc, located.lineCounter, path);
    };
  } else {
    const { doc, lineCounter } = parseWithLines(text);
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        out.errors.push({ code: 'FILE_SYNTAX', file, message: err.message.split('\n')[0]!, line: lineCounter.linePos(err.pos[0]).line });
      }
      return;
    }
    lineOf = (path) => lineOfPath(doc, lineCounter, path);
    data = doc.toJS();
  }
  const envelope = bankFileEnvelopeSchema.safeParse(data);
  if (!envelope.success) {
    const formatIssue = envelope.error.issues.find((i) => i.path[0] === 'format');
    if (formatIssue || typeof data !== 'object' || data === null) {
      out.errors.push({ code: 'FORMAT_VERSION', file, message: `The file must start with "format: ${ITEM_BANK_FORMAT}".`, line: 1 });
      return;
    }
    for (const issue of envelope.error.issues) {
      out.errors.push({ code: 'SCHEMA_VIOLATION', file, field: formatFieldPath(issue.path), message: issue.message, line: lineOf(issue.path) });
    }
    return;
  }
  const sections = envelope.data;
  if (sections.format !== ITEM_BANK_FORMAT) {
    out.errors.push({
      code: 'FORMAT_VERSION',
      file,
      message: `Unsupported format "${sections.format}": this version of the tool reads "${ITEM_BANK_FORMAT}".`,
      line: lineOf(['format']),
    });
    return;
  }
  if (sections.bank !== undefined) {
    const header = bankHeaderSchema.safeParse(sections.bank);
    if (header.success) {
      out.headers.push({ value: header.data, file, section: 'bank', item: header.data.id, lineOf: (p = []) => lineOf(['bank', ...p]) });
    } else {
      pushSchemaIssues(out, header.error, { file, section: 'bank', item: 'bank', prefix: ['bank'], lineOf });
    }
  }
  for (const section of Object.keys(SECTIONS) as SectionName[]) {
    const items = sections[section] ?? [];
    const { schema, idOf } = SECTIONS[section];
    items.forEach((raw, index) => {
      const id = typeof raw === 'object' && raw !== null ? idOf(raw as Record<string, unknown>) : undefined;
      const item = typeof id === 'string' && id !== '' ? id : `${section}[${index}]`;
      const prefix = [section, index];
      const result = schema.safeParse(raw);
      if (!result.success) {
        if (typeof id === 'string') out.invalidIds.add(id);
        pushSchemaIssues(out, result.error, { file, section, item, prefix, lineOf });
        return;
      }
      const located = { value: result.data, file, section, item, lineOf: (p: ReadonlyArray<PropertyKey> = []) => lineOf([...prefix, ...p]) };
      (out[section] as Array<Located<unknown>>).push(located);
    });
  }
}

function pushSchemaIssues(
  out: ParsedBank,
  error: z.ZodError,
  where: { file: string; section: BankSection; item: string; prefix: PropertyKey[]; lineOf: (path: ReadonlyArray<PropertyKey>) => number | undefined },
): void {
  for (const issue of error.issues) {
    out.errors.push({
      code: 'SCHEMA_VIOLATION',
      file: where.file,
      section: where.section,
      item: where.item,
      field: formatFieldPath(issue.path),
      message: readableMessage(issue.message),
      line: where.lineOf([...where.prefix, ...issue.path]),
    });
  }
}

/** zod says "Invalid input: expected string, received undefined" for a missing field. */
function readableMessage(message: string): string {
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(message);
  return missing ? `Required (${missing[1]}), but missing.` : message;
}

function parseWithLines(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false }), lineCounter };
}

/** JSON.parse, or undefined when the text is not JSON (the YAML parser then reports where). */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    return undefined;
  }
}

/** The line of the deepest node that exists along `path` (a missing field points at its parent). */
function lineOfPath(doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}
