/**
 * Problems an import finds. Each names the file, the item (its id, or its position when
 * it has none) and the field, so an author can fix every one of them in one pass.
 * Errors block the import; warnings are reported and the import goes on.
 */
export const IMPORT_ISSUE_CODES = [
  // errors
  'FILE_TYPE',
  'FILE_NAME',
  'FILE_TOO_LARGE',
  'FILE_ENCODING',
  'FILE_SYNTAX',
  'FORMAT_VERSION',
  'SCHEMA_VIOLATION',
  'HEADER_MISSING',
  'HEADER_DUPLICATE',
  'DUPLICATE_ID',
  'UNKNOWN_REFERENCE',
  'CODE_MISMATCH',
  'SOLUTION_INVALID',
  'FIELD_INVALID',
  'FORM_INVALID',
  'MISSING_ASSET',
  'ASSET_TYPE',
  'TOO_MANY_FILES',
  'EMPTY_BANK',
  // warnings
  'DUPLICATE_ALTERNATIVE',
  'DUPLICATE_CHOICE',
  'SKILL_WITHOUT_CHALLENGE',
  'COMPETENCE_WITHOUT_TUBE',
  'IRT_LEVEL_MISMATCH',
  'UNUSED_ASSET',
  'REMOVED_FROM_ACTIVE_VERSION',
  'VERSION_LABEL_REUSED',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

export type BankSection = 'bank' | 'areas' | 'competences' | 'tubes' | 'challenges';

export interface ImportIssue {
  code: ImportIssueCode;
  message: string;
  /** The file's name as given (a path relative to the bank's folder). */
  file: string;
  section?: BankSection;
  /** The item's id (challenge id, tube name, competence or area code), or "challenges[3]" when it has none. */
  item?: string;
  /** Path inside the item, e.g. "fields[0].accepted[2]". */
  field?: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** Formats a path such as ["fields", 0, "accepted"] as "fields[0].accepted". */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string | undefined {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? undefined : out;
}
