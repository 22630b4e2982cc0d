/**
 * Incidents recorded during a session, and the candidate's "Signaler un problème" on a
 * question. Categories follow Pix's issue reports. At finalisation a problem reported on
 * a question for a technical reason neutralises that question when the answer did not
 * earn the point (a right answer is kept: neutralising it could only hurt the candidate).
 */
export type IncidentCategory =
  | 'in_challenge' // a problem on one question (the candidate's report, or the invigilator's)
  | 'technical_problem' // the computer or the network failed
  | 'candidate_information_change' // name, birthdate or extra time to correct
  | 'fraud'
  | 'non_blocking_candidate_issue' // late arrival, left early…
  | 'non_blocking_technical_issue';

export const IN_CHALLENGE_SUBCATEGORIES = [
  'image_not_displaying',
  'embed_not_working',
  'file_not_opening',
  'website_unavailable',
  'website_blocked',
  'link_not_working',
  'software_not_working',
  'accessibility_issue',
  'extra_time_exceeded',
  'unintentional_focus_out',
  'other',
] as const;
export type InChallengeSubcategory = (typeof IN_CHALLENGE_SUBCATEGORIES)[number];

export const INCIDENT_CATEGORIES: readonly IncidentCategory[] = [
  'in_challenge',
  'technical_problem',
  'candidate_information_change',
  'fraud',
  'non_blocking_candidate_issue',
  'non_blocking_technical_issue',
];

export interface Incident {
  id: string;
  sessionId: string;
  courseId?: string;
  category: IncidentCategory;
  subcategory?: InChallengeSubcategory;
  /** 0-based index of the question concerned (in_challenge only). */
  questionIndex?: number;
  description: string;
  reportedBy: 'candidate' | 'invigilator' | 'centre';
  createdAt: Date;
}

/** Answer statuses as Pix records them; only `ok` earns the point. */
export type AnswerResult = 'ok' | 'ko' | 'aband' | 'timedout' | 'focusedOut';

/** Which answers a technical report may neutralise, by subcategory. */
const NEUTRALISES: Record<InChallengeSubcategory, (result: AnswerResult) => boolean> = {
  image_not_displaying: notOk,
  embed_not_working: notOk,
  file_not_opening: notOk,
  website_unavailable: notOk,
  website_blocked: notOk,
  link_not_working: notOk,
  software_not_working: notOk,
  accessibility_issue: notOk,
  extra_time_exceeded: (r) => r === 'timedout',
  unintentional_focus_out: (r) => r === 'focusedOut',
  other: () => false, // read by the centre, which may neutralise explicitly
};

function notOk(result: AnswerResult): boolean {
  return result !== 'ok';
}

export function validateIncident(input: Pick<Incident, 'category' | 'subcategory' | 'questionIndex' | 'courseId'>): string | undefined {
  if (input.category === 'in_challenge') {
    if (!input.courseId) return 'a problem on a question concerns one candidate: courseId is required';
    if (input.questionIndex === undefined) return 'a problem on a question needs questionIndex';
    if (!input.subcategory) return 'a problem on a question needs a subcategory';
    return undefined;
  }
  if (input.subcategory !== undefined || input.questionIndex !== undefined) return 'subcategory and questionIndex apply to in_challenge incidents only';
  if (input.category === 'fraud' && !input.courseId) return 'a fraud concerns one candidate: courseId is required';
  return undefined;
}

export interface AnswerRef {
  courseId: string;
  questionIndex: number;
  result: AnswerResult;
}

/**
 * The questions to neutralise at finalisation: those reported for a technical reason
 * whose answer did not earn the point, plus those the centre names explicitly (only
 * if such an answer exists). Returned as `courseId:questionIndex` keys.
 */
export function questionsToNeutralise(
  incidents: readonly Pick<Incident, 'category' | 'subcategory' | 'courseId' | 'questionIndex'>[],
  answers: readonly AnswerRef[],
  explicit: readonly { courseId: string; questionIndex: number }[] = [],
): Set<string> {
  const byKey = new Map(answers.map((a) => [answerKey(a.courseId, a.questionIndex), a]));
  const keys = new Set<string>();
  for (const incident of incidents) {
    if (incident.category !== 'in_challenge' || !incident.subcategory || !incident.courseId || incident.questionIndex === undefined) continue;
    const key = answerKey(incident.courseId, incident.questionIndex);
    const answer = byKey.get(key);
    if (answer && NEUTRALISES[incident.subcategory](answer.result)) keys.add(key);
  }
  for (const e of explicit) {
    const key = answerKey(e.courseId, e.questionIndex);
    if (byKey.has(key)) keys.add(key);
  }
  return keys;
}

export function answerKey(courseId: string, questionIndex: number): string {
  return `${courseId}:${questionIndex}`;
}
