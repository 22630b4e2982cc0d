import type { PersonalDataProvider } from '../../platform/privacy/personal-data.js';
import type { GradeJobsRepository } from '../infrastructure/grade-jobs.repository.js';
import { toAdminGradeView } from './grade-view.js';

/**
 * Grades keep a learner's pseudonymous id, the LMS's user id (needed to send the score)
 * and the score: exported on an access request, purged once finished and past retention
 * (waiting grades are kept: they are scores not yet in the gradebook).
 */
export function gradesPersonalData(jobs: Pick<GradeJobsRepository, 'forLearner' | 'purgeFinishedBefore'>): PersonalDataProvider {
  return {
    name: 'grading.grades',
    description: 'Grades sent or to send to the LMS gradebook (LTI AGS): score, activity, delivery state and the LMS user id they go to.',
    async exportFor(subject) {
      if (subject.kind !== 'learner') return [];
      const lms = subject.tenantId && subject.sub ? { tenantId: subject.tenantId, userSub: subject.sub } : undefined;
      const grades = await jobs.forLearner(subject.learnerId, lms);
      return grades.map((job) => ({ ...toAdminGradeView(job), lmsUserId: job.userSub }));
    },
    purge: (cutoff) => jobs.purgeFinishedBefore(cutoff.before, cutoff.dryRun),
  };
}
