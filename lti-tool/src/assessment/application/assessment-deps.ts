import type { Activities, AttemptDelays, ParticipationsRepository } from '../../campaigns/campaigns.module.js';
import type { ContentService } from '../../content/application/content-service.js';
import type { EnqueueGradeInput, EnqueueGradeResult } from '../../grading/grading.module.js';
import type { Logger } from '../../platform/logger.js';
import type { AnswersRepository } from '../infrastructure/answers.repository.js';
import type { AssessmentsRepository } from '../infrastructure/assessments.repository.js';
import type { KnowledgeElementsRepository } from '../infrastructure/knowledge-elements.repository.js';
import type { SharedResultsRepository } from '../infrastructure/shared-results.repository.js';
import type { AfterResponse } from './after-response.js';
import type { AssessmentEngine } from './assessment-engine.js';

/** The grading module as the assessment uses it: queue a final grade (persisted before sending). */
export interface GradeQueue {
  enqueue(input: EnqueueGradeInput): Promise<EnqueueGradeResult>;
}

/** Everything the assessment use cases need; built once by the module. */
export interface AssessmentDeps {
  assessments: AssessmentsRepository;
  answers: AnswersRepository;
  knowledge: KnowledgeElementsRepository;
  shared: SharedResultsRepository;
  participations: ParticipationsRepository;
  activities: Pick<Activities, 'resolve' | 'byCode' | 'existing'>;
  content: ContentService;
  engine: AssessmentEngine;
  /** Absent when grades are off (tests, a tool without AGS). */
  grades?: GradeQueue;
  settings: {
    maxReachableLevel: number;
    /** Prefix for the tool's asset URLs in challenge views. */
    assetBaseUrl: string;
    delays: AttemptDelays;
  };
  clock: () => Date;
  log: Logger;
  /** Writes that follow a committed answer, done after the response (the module's stop waits for them). */
  afterResponse: AfterResponse;
}
