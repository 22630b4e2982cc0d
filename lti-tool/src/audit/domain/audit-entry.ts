/**
 * One line of the audit log: who changed what, when, from where — and a summary of the
 * state before and after, with secrets masked. Entries are scoped like the resources
 * they are about (academy, and school when there is one), so the same read rules apply.
 */
export interface AuditActor {
  /** `admin` for the panel, `operator` for the CLI, `system` for background work. */
  type: 'admin' | 'operator' | 'system';
  id?: string;
  email?: string;
  role?: string;
}

export interface AuditTarget {
  /** e.g. `school`, `admin-account`, `signing-key`, `platform-registration`. */
  type: string;
  id: string;
  /** A human label (a school's name) to read the log without joins. */
  label?: string;
}

export interface AuditRecordInput {
  actor: AuditActor;
  /** `<context>.<verb>`, e.g. `school.create`, `keys.rotate`, `admin.login.failed`. */
  action: string;
  target: AuditTarget;
  /** Who may read the entry: admins and auditors of this academy (and the school's admins when `uai` is set). */
  scope: { academy: string; uai?: string };
  before?: unknown;
  after?: unknown;
  outcome?: 'success' | 'failure';
  requestId?: string;
  ip?: string;
}

export interface AuditEntry extends Omit<AuditRecordInput, 'before' | 'after' | 'outcome'> {
  id: string;
  at: Date;
  outcome: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
  /** Top-level fields whose value differs between `before` and `after`. */
  changed?: string[];
}

const SECRET_KEY = /pass(word)?|secret|token|hash|private|credential|authori[sz]ation|cookie|^key$|apikey|sealed/i;
const MAX_DEPTH = 4;
const MAX_ITEMS = 25;
const MAX_STRING = 300;

/** A copy safe to store: secrets masked, long strings and arrays cut, depth bounded, no `$`/`.` keys. */
export function summarise(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => summarise(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const safeKey = key.replace(/^\$/, '_').replaceAll('.', '_');
    out[safeKey] = SECRET_KEY.test(key) ? '***' : summarise(v, depth + 1);
  }
  return out;
}

/** Top-level fields that differ, by their summarised value. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}
