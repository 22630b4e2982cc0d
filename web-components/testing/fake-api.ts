/**
 * A fake of the student/teacher API (docs/reference/student-api.md), over real HTTP,
 * for component tests, screenshots and the UI benchmark. It implements the contract's
 * behaviour (resume, idempotent answers, checkpoints every 5 answers, results, sharing)
 * on the fixtures, validates every request with the contract's zod schemas, and also
 * serves the built bundle and the pages the tests open (a launch page like the tool's,
 * an ENT page). Faults can be injected to test resilience.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type * as C from '../src/api/contract.js';
import * as S from '../src/api/contract.schemas.js';
import { CAMPAIGN, CHALLENGES, COMPETENCES, DEEP_LINKING_ITEMS, TUTORIALS, classFixture, gradesFixture, type FixtureChallenge } from './fixtures.js';
import { COMPONENT_PAGE, EMBED_PAGE, ENT_PAGE, LAUNCH_PAGE, OUTER_FRAME_PAGE, launchPageCsp } from './pages.js';

const EXTRA_TIME = 1.5;

export const DIST_DIR = fileURLToPath(new URL('../dist/', import.meta.url));

export interface RecordedAnswer {
  id: string;
  assessmentId: string;
  request: C.SubmitAnswerRequest;
  status: C.AnswerStatus;
}

interface Assessment {
  summary: C.AssessmentSummary;
  answers: RecordedAnswer[];
  /** Challenge started (timer / focus) times, by challenge id. */
  startedAt: Map<string, number>;
  focusLost: Set<string>;
  acknowledged: Set<number>;
  challenges: FixtureChallenge[];
}

export interface FakeApiOptions {
  /** Which challenges the campaign has (default: all fixtures). */
  challenges?: FixtureChallenge[];
  /** Delay before every API answer. */
  latencyMs?: number;
  /** Serve /static from this directory (default: web-components/dist). */
  staticDir?: string;
}

export interface FakeApi {
  url: string;
  /** Every answer recorded (replays are not recorded twice). */
  answers: RecordedAnswer[];
  /** Every API request, in order ("POST /api/assessments/…/answers"). */
  requests: string[];
  /** The items of each deep-linking response asked for. */
  deepLinkingResponses: C.ActivityRef[][];
  /** The next `n` answer submissions are recorded, then their connection is cut (a lost response). */
  loseResponses(n: number): void;
  /** The next `n` requests to paths matching `pattern` fail with a 503 error. */
  failRequests(pattern: RegExp, n: number): void;
  /** Resets assessments and faults (between tests). */
  reset(): void;
  /** Advances the clock seen by timers (seconds). */
  close(): Promise<void>;
}

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const challengeSet = options.challenges ?? CHALLENGES;
  let assessments = new Map<string, Assessment>();
  let answers: RecordedAnswer[] = [];
  const requests: string[] = [];
  let lose = 0;
  let failures: { pattern: RegExp; n: number }[] = [];
  let sequence = 0;
  const deepLinkingResponses: C.ActivityRef[][] = [];
  const now = () => new Date();
  const classProgress = classFixture(new Date('2026-03-12T09:00:00Z'));
  let grades = gradesFixture(classProgress, new Date('2026-03-12T09:00:00Z'));
  const staticDir = options.staticDir ?? DIST_DIR;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return send(res, err.status, { code: err.code, message: err.message, details: err.details, requestId: `fake-${++sequence}` });
      console.error(err);
      send(res, 500, { code: 'INTERNAL_ERROR', message: 'fake API failure', requestId: `fake-${++sequence}` });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (!url.pathname.startsWith('/api/')) return servePage(url, res);
    cors(req, res);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    requests.push(`${req.method} ${url.pathname}`);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const failure = failures.find((f) => f.n > 0 && f.pattern.test(url.pathname));
    if (failure) {
      failure.n--;
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'injected failure');
    }
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new HttpError(401, 'LAUNCH_SESSION_MISSING', 'no bearer token');
    if (token === 'expired') throw new HttpError(401, 'LAUNCH_SESSION_EXPIRED', 'expired');
    if (req.headers.cookie) throw new HttpError(400, 'UNEXPECTED_COOKIE', 'the components must not send cookies');
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const route = `${req.method} ${url.pathname}`;
    let m: RegExpExecArray | null;

    if (route === 'POST /api/assessments') return send(res, 200, start(token, parse(S.startAssessmentRequest, body)));
    if ((m = /^GET \/api\/assessments\/([^/]+)\/next$/.exec(route))) return send(res, 200, { next: nextStep(own(token, m[1]!)) });
    if ((m = /^POST \/api\/assessments\/([^/]+)\/challenges\/([^/]+)\/start$/.exec(route))) return send(res, 200, { state: startChallenge(own(token, m[1]!), m[2]!) });
    if ((m = /^POST \/api\/assessments\/([^/]+)\/challenges\/([^/]+)\/focus-lost$/.exec(route))) {
      const a = own(token, m[1]!);
      a.focusLost.add(m[2]!);
      return send(res, 200, { state: stateOf(a, m[2]!) });
    }
    if ((m = /^POST \/api\/assessments\/([^/]+)\/answers$/.exec(route))) {
      const response = submit(own(token, m[1]!), parse(S.submitAnswerRequest, body));
      if (lose > 0 && !response.answer.replayed) {
        lose--;
        res.socket?.destroy();
        return;
      }
      return send(res, response.answer.replayed ? 200 : 201, response);
    }
    if ((m = /^POST \/api\/assessments\/([^/]+)\/checkpoints\/([^/]+)\/acknowledge$/.exec(route))) {
      const a = own(token, m[1]!);
      const n = Number(m[2]!.replace('checkpoint-', ''));
      const step = nextStep(a);
      if (step.kind !== 'checkpoint' || step.checkpoint.number !== n) throw new HttpError(409, 'CHECKPOINT_NOT_CURRENT', 'not the current checkpoint');
      a.acknowledged.add(n);
      return send(res, 200, { next: nextStep(a) });
    }
    if ((m = /^GET \/api\/assessments\/([^/]+)\/results$/.exec(route))) return send(res, 200, results(own(token, m[1]!)));
    if ((m = /^POST \/api\/assessments\/([^/]+)\/share$/.exec(route))) {
      const a = own(token, m[1]!);
      parse(S.shareResultsRequest, body);
      if (a.summary.status !== 'completed') throw new HttpError(409, 'ASSESSMENT_NOT_COMPLETED', 'not completed');
      if (a.summary.sharing.status !== 'SHARED') a.summary.sharing = { status: 'SHARED', sharedAt: now().toISOString() };
      return send(res, 200, { sharing: a.summary.sharing });
    }
    if (route === 'GET /api/teacher/progress') {
      teacherOnly(token);
      const progress: C.ClassProgress = {
        activity: CAMPAIGN,
        context: { id: 'course-1', title: '3e B — Numérique' },
        competences: ['1.1', '1.3', '3.1', '4.1', '4.2', '5.1'].map((c) => COMPETENCES[c]!),
        rosterSource: 'roster',
        generatedAt: new Date('2026-03-12T10:42:00Z').toISOString(),
        learners: classProgress,
      };
      return send(res, 200, progress);
    }
    if (route === 'GET /api/grades') {
      teacherOnly(token);
      const counts = { pending: 0, delivering: 0, delivered: 0, failed: 0, superseded: 0 };
      for (const g of grades) counts[g.status]++;
      return send(res, 200, { resourceLinkId: url.searchParams.get('resourceLinkId'), counts, grades, truncated: false });
    }
    if ((m = /^POST \/api\/grades\/([^/]+)\/resend$/.exec(route))) {
      teacherOnly(token);
      const grade = grades.find((g) => g.id === m![1]);
      if (!grade) throw new HttpError(404, 'GRADE_NOT_FOUND', 'no such grade');
      const updated: C.GradeStatus = { ...grade, status: 'delivered', attempts: grade.attempts + 1, updatedAt: now().toISOString(), deliveredAt: now().toISOString() };
      delete updated.failure;
      grades = grades.map((g) => (g.id === updated.id ? updated : g));
      return send(res, 202, updated);
    }
    if (route === 'GET /api/lti/deep-linking/items') return send(res, 200, { items: DEEP_LINKING_ITEMS, acceptMultiple: !token.includes('single'), acceptTypes: ['ltiResourceLink'], catalogAvailable: true });
    if (route === 'POST /api/lti/deep-linking/response') {
      const { items } = body as C.DeepLinkingResponseRequest;
      if (!Array.isArray(items) || items.length === 0) throw new HttpError(400, 'VALIDATION_FAILED', 'items');
      deepLinkingResponses.push(items);
      const payload = Buffer.from(JSON.stringify({ items })).toString('base64url');
      return send(res, 200, { returnUrl: `${baseUrl()}/lms/deep-link-return`, jwt: `eyJhbGciOiJSUzI1NiJ9.${payload}.signature` });
    }
    throw new HttpError(404, 'ROUTE_NOT_FOUND', `No route for ${route}`);
  }

  function teacherOnly(token: string): void {
    if (!token.startsWith('teacher')) throw new HttpError(403, 'LAUNCH_ROLE_FORBIDDEN', 'instructor only');
  }

  function start(token: string, body: C.StartAssessmentRequest): C.StartAssessmentResponse {
    if (body.campaignCode && body.campaignCode !== CAMPAIGN.code) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', 'unknown campaign');
    const id = `assessment-${token}`;
    let a = assessments.get(id);
    const resumed = a !== undefined;
    if (!a) {
      a = {
        summary: { id, status: 'started', activity: CAMPAIGN, checkpoints: true, progress: { answered: 0 }, startedAt: now().toISOString(), sharing: { status: 'NOT_SHAREABLE' } },
        answers: [],
        startedAt: new Map(),
        focusLost: new Set(),
        acknowledged: new Set(),
        challenges: challengeSet,
      };
      assessments.set(id, a);
    }
    return { assessment: a.summary, resumed, next: nextStep(a) };
  }

  function own(token: string, id: string): Assessment {
    const a = assessments.get(id);
    if (!a || id !== `assessment-${token}`) throw new HttpError(404, 'ASSESSMENT_NOT_FOUND', 'no such assessment');
    return a;
  }

  function stateOf(a: Assessment, challengeId: string): C.ChallengeState {
    const c = a.challenges.find((x) => x.view.id === challengeId)!;
    const state: C.ChallengeState = { number: a.answers.length + 1, focusedOut: a.focusLost.has(challengeId) };
    // This learner has a third more time (tiers-temps), as a teacher could grant.
    if (c.view.timer) state.allowedSeconds = Math.round(c.view.timer * EXTRA_TIME);
    const started = a.startedAt.get(challengeId);
    if (started !== undefined) {
      state.startedAt = new Date(started).toISOString();
      if (state.allowedSeconds) state.remainingSeconds = Math.max(0, state.allowedSeconds - Math.floor((Date.now() - started) / 1000));
    }
    return state;
  }

  function nextStep(a: Assessment): C.NextStep {
    const progress = { ...a.summary.progress };
    const n = a.answers.length;
    const done = n >= a.challenges.length;
    const checkpointNumber = Math.ceil(n / 5);
    const due = n > 0 && (n % 5 === 0 || done) && !a.acknowledged.has(checkpointNumber);
    if (due) {
      const from = (checkpointNumber - 1) * 5;
      const checkpoint: C.Checkpoint = {
        id: `checkpoint-${checkpointNumber}`,
        number: checkpointNumber,
        final: done,
        answers: a.answers.slice(from).map((ans, i) => {
          const c = a.challenges.find((x) => x.view.id === ans.request.challengeId)!;
          return {
            answerId: ans.id,
            challengeId: c.view.id,
            number: from + i + 1,
            instructionHtml: c.view.instructionHtml,
            status: ans.status,
            givenAnswer: givenText(c, ans.request),
            correction: { solutionHtml: c.solutionHtml, ...(c.explanationHtml ? { explanationHtml: c.explanationHtml } : {}) },
            tutorials: ans.status === 'ok' ? [] : TUTORIALS,
          };
        }),
      };
      return { kind: 'checkpoint', checkpoint, progress };
    }
    if (done) {
      if (a.summary.status !== 'completed') {
        a.summary.status = 'completed';
        a.summary.completedAt = now().toISOString();
        a.summary.sharing = { status: 'TO_SHARE' };
      }
      return { kind: 'completed', progress };
    }
    const c = a.challenges[n]!;
    return { kind: 'challenge', challenge: c.view, state: stateOf(a, c.view.id), progress };
  }

  function startChallenge(a: Assessment, challengeId: string): C.ChallengeState {
    const step = nextStep(a);
    if (step.kind !== 'challenge' || step.challenge.id !== challengeId) throw new HttpError(409, 'CHALLENGE_NOT_CURRENT', 'not the current challenge');
    if (!a.startedAt.has(challengeId)) a.startedAt.set(challengeId, Date.now());
    return stateOf(a, challengeId);
  }

  function submit(a: Assessment, request: C.SubmitAnswerRequest): C.SubmitAnswerResponse {
    const previous = a.answers.find((x) => x.request.idempotencyKey === request.idempotencyKey);
    if (previous) {
      if (previous.request.challengeId !== request.challengeId) throw new HttpError(409, 'IDEMPOTENCY_KEY_REUSED', 'key reused');
      return { answer: { id: previous.id, challengeId: request.challengeId, replayed: true }, next: nextStep(a) };
    }
    if (a.summary.status === 'completed') throw new HttpError(409, 'ASSESSMENT_COMPLETED', 'completed');
    const step = nextStep(a);
    if (step.kind !== 'challenge' || step.challenge.id !== request.challengeId) {
      throw new HttpError(409, 'CHALLENGE_NOT_CURRENT', 'not the current challenge', step.kind === 'challenge' ? { currentChallengeId: step.challenge.id } : undefined);
    }
    const c = a.challenges.find((x) => x.view.id === request.challengeId)!;
    const recorded: RecordedAnswer = { id: `answer-${++sequence}`, assessmentId: a.summary.id, request, status: statusOf(a, c, request) };
    a.answers.push(recorded);
    answers.push(recorded);
    a.summary.progress = { answered: a.answers.length };
    return { answer: { id: recorded.id, challengeId: c.view.id, replayed: false }, next: nextStep(a) };
  }

  function statusOf(a: Assessment, c: FixtureChallenge, r: C.SubmitAnswerRequest): C.AnswerStatus {
    if (r.value?.kind === 'skip') return 'aband';
    if (r.focusedOut || a.focusLost.has(c.view.id)) return 'focusedOut';
    const started = a.startedAt.get(c.view.id);
    if (r.timedOut || (c.view.timer && started !== undefined && Date.now() - started > (c.view.timer * EXTRA_TIME + 5) * 1000)) return 'timedout';
    const v = r.value;
    if (v?.kind === 'choices' && c.solution.choices) return [...v.choices].sort().join() === [...c.solution.choices].sort().join() ? 'ok' : 'ko';
    if (v?.kind === 'fields' && c.solution.fields) {
      return Object.entries(c.solution.fields).every(([k, expected]) => (v.fields[k] ?? '').trim().toLowerCase().replace(',', '.') === expected) ? 'ok' : 'ko';
    }
    return 'ko';
  }

  function results(a: Assessment): C.AssessmentResults {
    if (a.summary.status !== 'completed') throw new HttpError(409, 'ASSESSMENT_NOT_COMPLETED', 'not completed');
    const byCompetence = new Map<string, number>();
    for (const ans of a.answers) {
      const c = a.challenges.find((x) => x.view.id === ans.request.challengeId)!;
      byCompetence.set(c.view.competence.code, (byCompetence.get(c.view.competence.code) ?? 0) + (ans.status === 'ok' ? 11 : 3));
    }
    const competences = [...byCompetence].sort(([x], [y]) => x.localeCompare(y)).map(([code, pix]) => ({ ...COMPETENCES[code]!, level: Math.min(5, Math.floor(pix / 8)), maxLevel: 5, pixScore: pix, masteryRate: Math.min(1, pix / 16) }));
    const ok = a.answers.filter((x) => x.status === 'ok').length;
    return {
      assessmentId: a.summary.id,
      activity: a.summary.activity,
      completedAt: a.summary.completedAt!,
      pixScore: competences.reduce((s, c) => s + c.pixScore, 0),
      maxPixScore: competences.length * 40,
      masteryRate: Math.round((ok / a.answers.length) * 100) / 100,
      certifiable: competences.filter((c) => c.level >= 1).length >= 5,
      competences,
      sharing: a.summary.sharing,
    };
  }

  function servePage(url: URL, res: http.ServerResponse): void {
    const q = url.searchParams;
    const html = (body: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (url.pathname === '/launch') {
      const nonce = randomBytes(16).toString('base64');
      const lms = baseUrl().replace('127.0.0.1', 'localhost');
      return html(
        LAUNCH_PAGE({ token: q.get('token') ?? 'learner-1', view: (q.get('view') ?? 'learner') as 'learner', locale: q.get('locale') ?? 'fr-FR', apiBase: q.get('apiBase') ?? `${baseUrl()}/api`, acceptMultiple: q.get('multiple') !== 'false', nonce }),
        { 'content-security-policy': launchPageCsp(nonce, [lms]) },
      );
    }
    if (url.pathname === '/ent') return html(ENT_PAGE({ token: q.get('token') ?? 'learner-ent', code: q.get('code') ?? CAMPAIGN.code!, lang: q.get('lang') ?? 'fr', bundle: q.get('bundle') ?? '/static/pix-components.js', apiBase: q.get('apiBase') ?? '' }));
    if (url.pathname === '/outer') return html(OUTER_FRAME_PAGE(q.get('src') ?? '/launch'));
    if (url.pathname === '/component') return html(COMPONENT_PAGE(q.get('lang') ?? 'fr', q.get('width') ?? ''));
    if (url.pathname === '/fixtures/embed.html') return html(EMBED_PAGE);
    if (url.pathname === '/lms/deep-link-return') return html('<!doctype html><html lang="fr"><title>LMS</title><h1>Retour reçu par la plateforme</h1>');
    if (url.pathname.startsWith('/fixtures/')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end('fixture');
    }
    if (url.pathname.startsWith('/static/')) {
      const file = path.join(staticDir, path.normalize(url.pathname.slice('/static/'.length)));
      if (!file.startsWith(staticDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return void res.writeHead(404).end();
      res.writeHead(200, {
        'content-type': file.endsWith('.js') ? 'text/javascript; charset=utf-8' : file.endsWith('.json') || file.endsWith('.map') ? 'application/json' : 'application/octet-stream',
        'access-control-allow-origin': '*',
      });
      return void fs.createReadStream(file).pipe(res);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl(),
    get answers() {
      return answers;
    },
    requests,
    deepLinkingResponses,
    loseResponses: (n) => void (lose = n),
    failRequests: (pattern, n) => void failures.push({ pattern, n }),
    reset() {
      assessments = new Map();
      answers = [];
      requests.length = 0;
      lose = 0;
      failures = [];
      grades = gradesFixture(classProgress, new Date('2026-03-12T09:00:00Z'));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, 'VALIDATION_FAILED', 'invalid body', { issues: result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
  return result.data;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** ENT pages call the API from another origin: the real tool answers CORS for CORS_ORIGINS. */
function cors(req: http.IncomingMessage, res: http.ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-allow-headers', 'authorization, content-type');
  res.setHeader('access-control-allow-methods', 'GET, POST');
  res.setHeader('access-control-max-age', '600');
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new HttpError(400, 'MALFORMED_BODY', 'not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function givenText(c: FixtureChallenge, r: C.SubmitAnswerRequest): string {
  const v = r.value;
  if (!v || v.kind === 'skip') return '';
  if (v.kind === 'choices') {
    const choices = c.view.response.kind === 'choices' ? c.view.response.choices : [];
    return v.choices.map((n) => (choices.find((x) => x.value === n)?.html ?? String(n)).replace(/<[^>]+>/g, '')).join(' ; ');
  }
  return Object.values(v.fields).filter(Boolean).join(' ; ');
}
