import type { Challenge } from './challenge.js';
import type { LocalizedText, SkillStatus, Tutorial } from './framework.js';

/**
 * A whole item bank as imported: the framework it declares and its challenges. This is
 * what a bank version stores; `buildContentSnapshot` turns it into linked, indexed
 * objects with computed pix values.
 */
export interface BankContent {
  bank: BankHeader;
  areas: Array<{ code: string; name: LocalizedText }>;
  competences: Array<{ code: string; areaCode: string; name: LocalizedText; description?: LocalizedText }>;
  tubes: BankTube[];
  challenges: Challenge[];
}

export interface BankHeader {
  /** Stable name of the bank, e.g. "pix-lti-exemple-fr". */
  id: string;
  /** The authors' version label, e.g. "2025.1". */
  version: string;
  title?: LocalizedText;
  defaultLocale: string;
  license?: string;
}

export interface BankTube {
  name: string;
  competenceCode: string;
  title: LocalizedText;
  description?: LocalizedText;
  skills: Array<{ level: number; status: SkillStatus; hint?: LocalizedText; tutorials: Tutorial[] }>;
}

/** One imported version of a bank; `id` is derived from the content, so the same content has the same id. */
export interface BankVersionInfo {
  id: string;
  bankId: string;
  label: string;
  importedAt: Date;
  challengeCount: number;
}
