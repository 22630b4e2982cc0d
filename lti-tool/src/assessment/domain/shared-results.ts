import type { KnowledgeElement } from '../../adaptive/domain/model.js';
import type { ActivityResultFacts } from './activity-results.js';

/** What a learner shared with their teacher, frozen at the moment of sharing. */
export interface SharedResults {
  participationId: string;
  tenantId: string;
  learnerId: string;
  assessmentId: string;
  sharedAt: Date;
  results: ActivityResultFacts;
  /** The knowledge elements the results were computed from (Pix's snapshot). */
  knowledgeElements: KnowledgeElement[];
}
