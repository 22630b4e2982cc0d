/**
 * The simulated Moodle site's records, shaped after Moodle's own tables (user, course,
 * role_assignments, lti_types, lti, grade_items, grade_grades, ltiservice_gradebookservices).
 * Ids are numeric strings, as PHP hands them to JSON.
 */

/** Moodle's archetype roles in a course (the `student` role is the only one in `$CFG->gradebookroles` by default). */
export type CourseRole = 'student' | 'teacher' | 'editingteacher' | 'manager';

export interface User {
  id: string;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  /** `lis_person_sourcedid` (Moodle's idnumber); often empty. */
  idnumber: string;
  siteAdmin: boolean;
}

export interface Course {
  id: string;
  shortname: string;
  fullname: string;
  idnumber: string;
  /** The front page is a `site` course: its context type is `Group` instead of `CourseSection`. */
  format: 'topics' | 'site';
}

export interface Enrolment {
  userId: string;
  courseId: string;
  role: CourseRole;
  /** Suspended enrolments are left out of NRPS (active only) yet stay gradable (Moodle's `is_enrolled(..., false)`). */
  status: 'active' | 'suspended';
}

export type AcceptGrades = 'never' | 'always' | 'delegate';
export type LaunchContainer = 'embed' | 'embed-no-blocks' | 'window' | 'replace-window';
export type ToolState = 'configured' | 'pending' | 'rejected';

/** A Moodle "tool type" (lti_types): one LTI 1.3 client with one deployment, whose id is the type id. */
export interface ToolType {
  id: string;
  clientId: string;
  name: string;
  description: string;
  state: ToolState;
  /** Course tool when set; site tool (available in every course) otherwise. */
  courseId?: string;
  toolUrl: string;
  /** Where deep-linking requests go; the tool URL when empty. */
  deepLinkingUrl: string;
  initiateLoginUri: string;
  redirectUris: string[];
  jwksUri: string;
  domain: string;
  sendName: boolean;
  sendEmail: boolean;
  acceptGrades: AcceptGrades;
  /** ltiservice_gradesynchronization: 0 off, 1 scores and read-only line items, 2 full line item management. */
  gradeSync: 0 | 1 | 2;
  memberships: boolean;
  /** Deep linking ("content-item message") supported. */
  contentItem: boolean;
  customParameters: Record<string, string>;
  launchContainer: LaunchContainer;
  /** How the tool was added: by hand or through dynamic registration. */
  origin: 'manual' | 'dynamic-registration';
}

/** An External tool activity: `lti` instance (its id is the resource link id) plus its course module id. */
export interface Activity {
  id: string;
  cmid: string;
  courseId: string;
  toolId: string;
  name: string;
  intro: string;
  /** The launch URL chosen by deep linking; the tool URL when empty. */
  toolUrl: string;
  instructorCustomParameters: Record<string, string>;
  launchContainer: LaunchContainer | 'default';
  /** `lti_acceptgrades` as the teacher chose it for this activity (set by a deep-linked lineItem). */
  acceptGrades: boolean;
  /** Availability restriction: only these users see the activity (NRPS `rlid` respects it). */
  restrictedTo?: string[];
  createdAt: Date;
}

export interface GradeItem {
  id: string;
  courseId: string;
  /** `mod` is the activity's own column; `manual` a column the tool created through AGS. */
  itemtype: 'mod' | 'manual';
  /** For `mod` items: the activity (lti instance) id. */
  activityId?: string;
  itemname: string;
  grademax: number;
  /** The ltiservice_gradebookservices row, when there is one. */
  gbs?: { toolId: string; ltiLinkId?: string; resourceId: string; tag: string };
}

export interface Grade {
  itemId: string;
  userId: string;
  finalgrade: number | null;
  rawgrademax: number;
  /** Seconds since the epoch, or null when the last score carried no grade (Moodle's `timemodified`). */
  timemodified: number | null;
  feedback: string | null;
  activityProgress?: string;
  gradingProgress?: string;
}

/** Every score the AGS endpoint accepted, in order, with the tool's body as sent. */
export interface ScoreRecord {
  itemId: string;
  userId: string;
  receivedAt: Date;
  body: Record<string, unknown>;
  finalgrade: number | null;
}

export interface AccessToken {
  token: string;
  toolId: string;
  scopes: string[];
  validUntil: number;
}
