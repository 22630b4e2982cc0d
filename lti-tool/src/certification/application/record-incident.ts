import { badRequest, notFound } from '../../platform/errors.js';
import { validateIncident, type Incident } from '../domain/incidents.js';
import { assertSessionAllows } from '../domain/session.js';
import type { CertificationDeps } from './dependencies.js';
import { loadSession, type AcademyScope } from './load-session.js';

export type NewIncident = Omit<Incident, 'id' | 'createdAt' | 'sessionId'>;

/**
 * Records an incident (invigilator, centre) or a candidate's "Signaler un problème".
 * Reports stay possible until finalisation, where they drive neutralisation.
 */
export async function recordIncident(
  input: { sessionId: string; incident: NewIncident; scope: AcademyScope },
  deps: Pick<CertificationDeps, 'sessions' | 'courses' | 'incidents' | 'clock' | 'newId'>,
): Promise<Incident> {
  const session = await loadSession(input.sessionId, input.scope, deps);
  assertSessionAllows(session, input.incident.reportedBy === 'candidate' ? 'report' : 'invigilate');
  const problem = validateIncident(input.incident);
  if (problem) throw badRequest('INCIDENT_INVALID', `This incident cannot be recorded: ${problem}.`);
  if (input.incident.courseId) {
    const course = await deps.courses.find(input.incident.courseId);
    if (!course || course.sessionId !== session.id) throw notFound('CANDIDATE_NOT_FOUND', 'No such candidate in this session.');
  }
  const incident: Incident = { ...input.incident, id: deps.newId(), sessionId: session.id, createdAt: deps.clock() };
  await deps.incidents.insert(incident);
  return incident;
}
