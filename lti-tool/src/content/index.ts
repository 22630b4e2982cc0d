/**
 * The content context's public face for other contexts (adaptive, assessment, campaigns,
 * admin): the framework and challenge model, the read service's type, the learner and
 * correction views, the import report and the synthetic bank generator. The module itself
 * (`createContentModule`) is wired in lti-tool/src/modules.ts.
 */
export type { BankContent, BankHeader, BankVersionInfo } from './domain/bank.js';
export {
  CHALLENGE_STATUSES,
  CHALLENGE_TYPES,
  FULL_TOLERANCE,
  isChoiceChallenge,
  type Accepted,
  type Challenge,
  type ChallengeStatus,
  type ChallengeType,
  type ChoiceChallenge,
  type DependentSolution,
  type FieldChallenge,
  type FieldSpec,
  type IrtParameters,
  type Tolerance,
} from './domain/challenge.js';
export { ContentSnapshot, buildContentSnapshot } from './domain/content-snapshot.js';
export {
  MAX_LEVEL,
  MAX_PIX_VALUE_PER_SKILL,
  MIN_LEVEL,
  PIX_PER_LEVEL,
  computePixValues,
  skillName,
  type Area,
  type Competence,
  type LocalizedText,
  type Skill,
  type SkillStatus,
  type Tube,
  type Tutorial,
} from './domain/framework.js';
export { localeMatches, toFrameworkTree, type FrameworkTree } from './domain/framework-tree.js';
export { LEVEL_DIFFICULTY_BOUNDS, levelForDifficulty, typicalDifficulty } from './domain/irt-levels.js';
export { REFERENCE_AREAS, REFERENCE_COMPETENCE_CODES } from './domain/reference-framework.js';
export { competenceRefOf, toChallengeView, type ChallengeView, type ChallengeViewOptions, type CompetenceRef } from './domain/challenge-view.js';
export { toCorrectionView, type CorrectionView } from './domain/correction-view.js';
export type { ChallengeFilter, ContentService, SkillFilter } from './application/content-service.js';
export type { ImportReport } from './application/import-item-bank.js';
export type { ImportIssue, ImportIssueCode } from './application/bank-format/import-issues.js';
export type { BankFile } from './application/bank-format/parse-bank-files.js';
export type { ContentModule } from './content.module.js';
export { generateSyntheticBank, type SyntheticBank, type SyntheticBankOptions, type SyntheticItem } from './synthetic/generate-bank.js';
