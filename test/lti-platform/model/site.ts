import { randomBytes } from 'node:crypto';
import type { AccessToken, Activity, Course, CourseRole, Enrolment, Grade, GradeItem, ScoreRecord, ToolType, User } from './types.js';

export type NewUser = Partial<Omit<User, 'id'>> & { id?: string; firstname: string; lastname: string };
export type NewCourse = Partial<Omit<Course, 'id'>> & { id?: string; shortname: string; fullname: string };
export type NewTool = Partial<Omit<ToolType, 'id' | 'redirectUris'>> & {
  id?: string;
  name?: string;
  initiateLoginUri: string;
  toolUrl: string;
  jwksUri: string;
  redirectUris: string[];
};
export type NewActivity = Partial<Omit<Activity, 'id' | 'cmid' | 'createdAt'>> & {
  courseId: string;
  toolId: string;
  name: string;
  /** The column's maximum when the activity takes grades (default 100). */
  maxGrade?: number;
  lineItemResourceId?: string;
  lineItemTag?: string;
};

/** Moodle's client ids: 15 random letters and digits (`random_string(15)`). */
export function newClientId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(randomBytes(15), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The simulated site's tables, in memory. Every mutation goes through here so that the
 * HTTP handlers, the demo pages and the programmatic API see one truth.
 */
export class Site {
  readonly users = new Map<string, User>();
  readonly courses = new Map<string, Course>();
  readonly enrolments: Enrolment[] = [];
  readonly tools = new Map<string, ToolType>();
  readonly activities = new Map<string, Activity>();
  readonly gradeItems = new Map<string, GradeItem>();
  readonly grades = new Map<string, Grade>();
  readonly scoreLog: ScoreRecord[] = [];
  readonly accessTokens = new Map<string, AccessToken>();
  private seq = { user: 1, course: 1, tool: 0, activity: 0, cm: 40, gradeItem: 10 };

  constructor(readonly siteName = { shortname: 'Éléa démo', fullname: 'Plateforme Éléa de démonstration' }) {
    // Moodle's front page is course 1.
    this.courses.set('1', { id: '1', shortname: siteName.shortname, fullname: siteName.fullname, idnumber: '', format: 'site' });
  }

  addUser(input: NewUser): User {
    const id = input.id ?? String(++this.seq.user);
    this.bump('user', id);
    const username = input.username ?? `${input.firstname}.${input.lastname}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
    const user: User = { id, username, email: input.email ?? `${username}@example.org`, idnumber: input.idnumber ?? '', siteAdmin: input.siteAdmin ?? false, firstname: input.firstname, lastname: input.lastname };
    this.users.set(id, user);
    return user;
  }

  addCourse(input: NewCourse): Course {
    const id = input.id ?? String(++this.seq.course);
    this.bump('course', id);
    const course: Course = { id, shortname: input.shortname, fullname: input.fullname, idnumber: input.idnumber ?? '', format: input.format ?? 'topics' };
    this.courses.set(id, course);
    return course;
  }

  enrol(userId: string, courseId: string, role: CourseRole, status: Enrolment['status'] = 'active'): Enrolment {
    this.mustUser(userId);
    this.mustCourse(courseId);
    const existing = this.enrolments.find((e) => e.userId === userId && e.courseId === courseId);
    if (existing) {
      existing.role = role;
      existing.status = status;
      return existing;
    }
    const enrolment: Enrolment = { userId, courseId, role, status };
    this.enrolments.push(enrolment);
    return enrolment;
  }

  unenrol(userId: string, courseId: string): void {
    const index = this.enrolments.findIndex((e) => e.userId === userId && e.courseId === courseId);
    if (index >= 0) this.enrolments.splice(index, 1);
  }

  enrolment(userId: string, courseId: string): Enrolment | undefined {
    return this.enrolments.find((e) => e.userId === userId && e.courseId === courseId);
  }

  registerTool(input: NewTool): ToolType {
    const id = input.id ?? String(++this.seq.tool);
    this.bump('tool', id);
    if (this.tools.has(id)) throw new Error(`a tool with deployment id ${id} already exists`);
    const tool: ToolType = {
      id,
      clientId: input.clientId ?? newClientId(),
      name: input.name ?? 'Pix',
      description: input.description ?? '',
      state: input.state ?? 'configured',
      courseId: input.courseId,
      toolUrl: input.toolUrl,
      deepLinkingUrl: input.deepLinkingUrl ?? '',
      initiateLoginUri: input.initiateLoginUri,
      redirectUris: [...input.redirectUris],
      jwksUri: input.jwksUri,
      domain: input.domain ?? new URL(input.toolUrl).host,
      sendName: input.sendName ?? false,
      sendEmail: input.sendEmail ?? false,
      acceptGrades: input.acceptGrades ?? 'delegate',
      gradeSync: input.gradeSync ?? 2,
      memberships: input.memberships ?? true,
      contentItem: input.contentItem ?? true,
      customParameters: { ...(input.customParameters ?? {}) },
      launchContainer: input.launchContainer ?? 'embed-no-blocks',
      origin: input.origin ?? 'manual',
    };
    this.tools.set(id, tool);
    return tool;
  }

  /** Creates an activity (and, when it takes grades, its `mod` gradebook column). */
  addActivity(input: NewActivity): Activity {
    const tool = this.mustTool(input.toolId);
    this.mustCourse(input.courseId);
    const id = String(++this.seq.activity);
    const activity: Activity = {
      id,
      cmid: String(++this.seq.cm),
      courseId: input.courseId,
      toolId: tool.id,
      name: input.name,
      intro: input.intro ?? '',
      toolUrl: input.toolUrl ?? '',
      instructorCustomParameters: { ...(input.instructorCustomParameters ?? {}) },
      launchContainer: input.launchContainer ?? 'default',
      acceptGrades: input.acceptGrades ?? tool.acceptGrades === 'always',
      restrictedTo: input.restrictedTo,
      createdAt: new Date(),
    };
    this.activities.set(id, activity);
    if (activity.acceptGrades && tool.acceptGrades !== 'never') {
      // instance_added() couples the column to the tool (ltiservice_gradebookservices row).
      this.addGradeItem({
        courseId: activity.courseId,
        itemtype: 'mod',
        activityId: id,
        itemname: activity.name,
        grademax: input.maxGrade ?? 100,
        gbs: { toolId: tool.id, ltiLinkId: id, resourceId: input.lineItemResourceId ?? '', tag: input.lineItemTag ?? '' },
      });
    }
    return activity;
  }

  addGradeItem(input: Omit<GradeItem, 'id'>): GradeItem {
    const item: GradeItem = { ...input, id: String(++this.seq.gradeItem) };
    this.gradeItems.set(item.id, item);
    return item;
  }

  deleteGradeItem(id: string): void {
    this.gradeItems.delete(id);
    for (const key of [...this.grades.keys()]) if (key.startsWith(`${id}:`)) this.grades.delete(key);
  }

  grade(itemId: string, userId: string): Grade | undefined {
    return this.grades.get(`${itemId}:${userId}`);
  }

  saveGrade(grade: Grade): void {
    this.grades.set(`${grade.itemId}:${grade.userId}`, grade);
  }

  activityByCmid(cmid: string): Activity | undefined {
    return [...this.activities.values()].find((a) => a.cmid === cmid);
  }

  /** The activity's own (`mod`) gradebook column. */
  modGradeItem(activityId: string): GradeItem | undefined {
    return [...this.gradeItems.values()].find((i) => i.itemtype === 'mod' && i.activityId === activityId);
  }

  toolByClientId(clientId: string): ToolType | undefined {
    return [...this.tools.values()].find((t) => t.clientId === clientId);
  }

  /** Moodle's `is_allowed_in_context`: a site tool, or a course tool of this course. */
  toolAllowedInCourse(tool: ToolType, courseId: string): boolean {
    return tool.courseId === undefined || tool.courseId === courseId;
  }

  mustUser(id: string): User {
    const user = this.users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  }

  mustCourse(id: string): Course {
    const course = this.courses.get(id);
    if (!course) throw new Error(`no course ${id}`);
    return course;
  }

  mustTool(id: string): ToolType {
    const tool = this.tools.get(id);
    if (!tool) throw new Error(`no tool with deployment id ${id}`);
    return tool;
  }

  mustActivity(id: string): Activity {
    const activity = this.activities.get(id);
    if (!activity) throw new Error(`no activity ${id}`);
    return activity;
  }

  /** Keeps generated ids above any id given explicitly. */
  private bump(kind: 'user' | 'course' | 'tool', id: string): void {
    const n = Number(id);
    if (Number.isInteger(n) && n > this.seq[kind]) this.seq[kind] = n;
  }
}
