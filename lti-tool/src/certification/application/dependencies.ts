import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Logger } from '../../platform/logger.js';
import type { RandomInt } from '../domain/codes.js';
import type { CompetenceLevel } from '../domain/rules.js';
import type { CertificationScoringModel } from '../domain/scoring-model.js';
import type { AnswersRepository } from '../infrastructure/answers.repository.js';
import type { CentresRepository } from '../infrastructure/centres.repository.js';
import type { CoursesRepository } from '../infrastructure/courses.repository.js';
import type { IncidentsRepository } from '../infrastructure/incidents.repository.js';
import type { ResultsRepository } from '../infrastructure/results.repository.js';
import type { SessionsRepository } from '../infrastructure/sessions.repository.js';
import type { InvigilatorSessionsRepository } from '../infrastructure/invigilator-sessions.repository.js';
import type { ItemExposureRepository } from '../infrastructure/item-exposure.repository.js';
import type { CertificationItemBank } from './certification-item-bank.js';

/**
 * Where a learner's competence profile comes from (campaigns and competence
 * evaluations: the assessment module's knowledge profiles, wired in `modules.ts`), by the
 * launch's pseudonymous learner id. Undefined when the tool holds no profile of the learner.
 */
export interface CompetenceProfiles {
  levelsOf(learnerId: string): Promise<CompetenceLevel[] | undefined>;
}

/** What the certification use cases work with; built once by the module. */
export interface CertificationDeps {
  centres: CentresRepository;
  sessions: SessionsRepository;
  courses: CoursesRepository;
  answers: AnswersRepository;
  incidents: IncidentsRepository;
  results: ResultsRepository;
  invigilatorSessions: InvigilatorSessionsRepository;
  /** Items' exposure in certification tests (the flash engine's exposure control). */
  exposure: ItemExposureRepository;
  /** The live flash test's items (the content module's active bank). */
  bank: CertificationItemBank;
  /** Prefix of the tool's asset URLs in question views. */
  assetBaseUrl: string;
  /** Seals invigilator passwords. */
  box: SecretBox;
  scoring: CertificationScoringModel;
  /** The assessment module's profiles (eligibility, check-certifiability.ts); without them nothing is checked. */
  profiles?: CompetenceProfiles;
  log: Logger;
  clock: () => Date;
  random: RandomInt;
  newId: () => string;
}
