import type { ParticipationsRepository } from '../../campaigns/campaigns.module.js';
import type { PersonalDataProvider } from '../../platform/privacy/personal-data.js';
import type { AnswersRepository } from './answers.repository.js';
import type { AssessmentsRepository } from './assessments.repository.js';
import type { KnowledgeElementsRepository } from './knowledge-elements.repository.js';
import type { SharedResultsRepository } from './shared-results.repository.js';

/**
 * A learner's work, under their pseudonymous id: participations (with the LMS user id the
 * grade needs), assessments, answers, knowledge elements and shared results. Exported on
 * request; purged once past retention (last change before the cutoff).
 */
export function assessmentPersonalData(repos: {
  participations: ParticipationsRepository;
  assessments: AssessmentsRepository;
  answers: AnswersRepository;
  knowledge: KnowledgeElementsRepository;
  shared: SharedResultsRepository;
}): PersonalDataProvider[] {
  const learnerOnly = <T>(read: (learnerId: string) => Promise<T[]>) => async (subject: Parameters<NonNullable<PersonalDataProvider['exportFor']>>[0]) =>
    subject.kind === 'learner' ? read(subject.learnerId) : [];
  return [
    {
      name: 'campaigns.participations',
      description: 'Participations in campaigns and adaptive tests: status, dates, shared results, where the grade is sent (LMS user id).',
      exportFor: learnerOnly((id) => repos.participations.listForLearner(id)),
      purge: (cutoff) => repos.participations.deleteOlderThan(cutoff.before, cutoff.dryRun),
    },
    {
      name: 'assessment.assessments',
      description: 'Tests taken: activity, state, question starts and focus losses, checkpoints read.',
      exportFor: learnerOnly((id) => repos.assessments.listForLearner(id)),
      purge: (cutoff) => repos.assessments.deleteOlderThan(cutoff.before, cutoff.dryRun),
    },
    {
      name: 'assessment.answers',
      description: 'Answers given, with their result (ok, ko, skipped, timed out, focus lost) and time spent.',
      exportFor: learnerOnly((id) => repos.answers.listForLearner(id)),
      purge: (cutoff) => repos.answers.deleteOlderThan(cutoff.before, cutoff.dryRun),
    },
    {
      name: 'assessment.knowledge-elements',
      description: 'Skills validated or not, as inferred from the answers (the learner’s profile in the tenant).',
      exportFor: learnerOnly((id) => repos.knowledge.listByLearnerId(id)),
      purge: (cutoff) => repos.knowledge.deleteOlderThan(cutoff.before, cutoff.dryRun),
    },
    {
      name: 'assessment.shared-results',
      description: 'Results the learner shared with their teacher, frozen at the moment of sharing.',
      exportFor: learnerOnly((id) => repos.shared.listForLearner(id)),
      purge: (cutoff) => repos.shared.deleteOlderThan(cutoff.before, cutoff.dryRun),
    },
  ];
}
