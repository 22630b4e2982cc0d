import type { SubmitAnswerRequest } from './contract.js';

export interface QueuedAnswer {
  assessmentId: string;
  request: SubmitAnswerRequest;
  queuedAt: string;
}

const STORAGE_KEY = 'pix-lti:pending-answers:v1';

/**
 * Answers not yet acknowledged by the server, kept on the device.
 *
 * "Persist first": an answer goes in here *before* it is sent, and leaves only once the
 * server has acknowledged it, so a network loss, a closed tab or a crash never loses it;
 * its idempotency key goes with it, so a resend after a lost response never records twice.
 *
 * localStorage rather than IndexedDB: a handful of small records, read synchronously at
 * start-up. In a cross-site iframe the browser partitions it (still usable); where it is
 * refused altogether (some "block all cookies" settings) the queue falls back to memory
 * and says so (`persistent` false), and the player tells the learner not to close the page.
 */
export class AnswerQueue {
  private memory: QueuedAnswer[] = [];
  readonly persistent: boolean;

  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {
    this.persistent = storage !== undefined && probe(storage);
    if (this.persistent) this.memory = this.read();
  }

  /** Adds (or replaces, by idempotency key) an answer to send. */
  put(entry: QueuedAnswer): void {
    const all = this.read().filter((e) => e.request.idempotencyKey !== entry.request.idempotencyKey);
    all.push(entry);
    this.write(all);
  }

  remove(idempotencyKey: string): void {
    this.write(this.read().filter((e) => e.request.idempotencyKey !== idempotencyKey));
  }

  /** Pending answers of one assessment, oldest first. */
  pending(assessmentId: string): QueuedAnswer[] {
    return this.read()
      .filter((e) => e.assessmentId === assessmentId)
      .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  }

  private read(): QueuedAnswer[] {
    if (!this.persistent || !this.storage) return [...this.memory];
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as QueuedAnswer[]).filter(isQueuedAnswer) : [];
    } catch {
      return [...this.memory];
    }
  }

  private write(all: QueuedAnswer[]): void {
    this.memory = all;
    if (!this.persistent || !this.storage) return;
    try {
      if (all.length === 0) this.storage.removeItem(STORAGE_KEY);
      else this.storage.setItem(STORAGE_KEY, JSON.stringify(all));
    } catch {
      // Quota or revoked access: the in-memory copy still holds it for this page's life.
    }
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // SecurityError when storage is blocked for this frame.
  }
}

function probe(storage: Storage): boolean {
  try {
    const key = `${STORAGE_KEY}:probe`;
    storage.setItem(key, '1');
    storage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

function isQueuedAnswer(value: unknown): value is QueuedAnswer {
  const v = value as QueuedAnswer;
  return typeof v === 'object' && v !== null && typeof v.assessmentId === 'string' && typeof v.request?.idempotencyKey === 'string';
}

/** A UUID v4 for an idempotency key; `randomUUID` needs a secure context, `getRandomValues` does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
