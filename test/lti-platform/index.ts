/**
 * The LTI 1.3 platform simulator that behaves like Moodle (and doubles as the demo LMS), with an
 * HTTP "browser" to drive launches. See docs/reference/platform-simulator.md.
 */
export { startPlatformSimulator, type PlatformSimulator, type SimulatorOptions, type GradebookColumn } from './simulator.js';
export type { PlatformOptions, PlatformEvent, IdTokenInterceptor, SignWith, Platform } from './platform.js';
export type { FaultSpec, FaultHandle, FaultTarget } from './http/faults.js';
export type { NewUser, NewCourse, NewTool, NewActivity } from './model/site.js';
export type { User, Course, CourseRole, Enrolment, ToolType, Activity, GradeItem, Grade, ScoreRecord, AcceptGrades, LaunchContainer } from './model/types.js';
export { LTI_ROLES, type RoleMapping } from './model/roles.js';
export { CLAIM, SCOPE, MEDIA_TYPE } from './lti/claims.js';
export { LtiBrowser, BrowserPage, type BrowserRequest, type BrowserStep, type LtiBrowserOptions, type Navigation, type ScriptHook } from './browser/lti-browser.js';
export type { BrowserForm } from './browser/html-forms.js';
export { launchAs, deepLinkAs, describeFlow, type LtiFlow } from './browser/lti-flows.js';
export { startDemoLms, type DemoLms, type DemoLmsOptions } from './demo/demo-lms.js';
