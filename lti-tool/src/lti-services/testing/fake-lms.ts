import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { decodeJwt } from 'jose';

/**
 * A small LMS for the grading and roster integration tests: a token endpoint and AGS
 * and NRPS endpoints that follow Moodle's rules where it matters to delivery (400
 * "Incorrect score received" for a user who is not gradable, 409 for a timestamp not
 * later at second resolution, `rel=“next”` paging, form-only token requests), plus
 * scripted failures. The full Moodle-shaped simulator lives in test/lti-platform.
 */
export interface FakeLms {
  url: string;
  issuer: string;
  tokenUrl: string;
  clientId: string;
  /** Line items by id (the id is the line item URL). */
  lineItems: Map<string, { label: string; scoreMaximum: number; resourceLinkId?: string; resourceId?: string; tag?: string }>;
  lineItemsUrl(courseId: string): string;
  addLineItem(courseId: string, item: { label: string; scoreMaximum: number; resourceLinkId?: string; resourceId?: string; tag?: string }): string;
  /** Every score accepted, in order. */
  scores: Array<{ lineItemUrl: string; userId: string; scoreGiven?: number; timestamp: string; gradingProgress: string }>;
  /** Refusals by status (409, 400…). */
  refusals: Array<{ status: number; userId?: string; reason: string }>;
  /** Users enrolled without a gradable role (teachers): 400 on their scores. */
  notGradable: Set<string>;
  members: Array<Record<string, unknown>>;
  tokensIssued: number;
  tokenRequests: Array<{ scope: string; assertion: Record<string, unknown> }>;
  /** Scopes the tool may be granted. */
  permittedScopes: Set<string>;
  /** Forgets every token issued (Moodle restarted, tokens purged): the next calls get 401. */
  revokeTokens(): void;
  /** Answers the next `count` score posts with `status` (e.g. 503). */
  failScores(status: number, count: number): void;
  /** Fails every other service call (AGS, NRPS) with 503 while `active()` is true. */
  halfOutage(active: () => boolean): void;
  pageSize: number;
  /** Answer line item lists unfiltered (a platform that ignores `resource_link_id`), to exercise paging. */
  ignoreLineItemFilters: boolean;
  /** Delay before a score is processed (a slow LMS). */
  scoreDelayMs: number;
  linkQuotes: 'typographic' | 'ascii';
  close(): Promise<void>;
}

export async function startFakeLms(options: { clientId?: string } = {}): Promise<FakeLms> {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, { scopes: string[] }>();
  const grades = new Map<string, number>();
  let scoreFailures: { status: number; count: number } | undefined;
  let outage: (() => boolean) | undefined;
  let outageCalls = 0;

  const lms: FakeLms = {
    url: base,
    issuer: base,
    tokenUrl: `${base}/mod/lti/token.php`,
    clientId: options.clientId ?? 'client-1',
    lineItems: new Map(),
    lineItemsUrl: (courseId) => `${base}/mod/lti/services.php/${courseId}/lineitems?type_id=1`,
    addLineItem(courseId, item) {
      const id = `${base}/mod/lti/services.php/${courseId}/lineitems/${lms.lineItems.size + 1}/lineitem?type_id=1`;
      lms.lineItems.set(id, item);
      return id;
    },
    scores: [],
    refusals: [],
    notGradable: new Set(),
    members: [],
    tokensIssued: 0,
    tokenRequests: [],
    permittedScopes: new Set([
      'https://purl.imsglobal.org/spec/lti-ags/scope/score',
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
      'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
      'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
    ]),
    revokeTokens: () => tokens.clear(),
    failScores: (status, count) => {
      scoreFailures = { status, count };
    },
    halfOutage: (active) => {
      outage = active;
    },
    pageSize: 2,
    scoreDelayMs: 0,
    ignoreLineItemFilters: false,
    linkQuotes: 'typographic',
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  app.post('/mod/lti/token.php', express.urlencoded({ extended: false }), (req, res) => {
    if (!req.is('application/x-www-form-urlencoded')) return void res.status(400).json({ error: 'invalid_request' });
    const body = req.body as Record<string, string>;
    let assertion: Record<string, unknown>;
    try {
      assertion = decodeJwt(body.client_assertion ?? '') as Record<string, unknown>;
    } catch {
      return void res.status(400).json({ error: 'invalid_client' });
    }
    lms.tokenRequests.push({ scope: body.scope ?? '', assertion });
    if (body.grant_type !== 'client_credentials' || assertion.sub !== lms.clientId || assertion.iss !== lms.clientId || assertion.aud !== lms.tokenUrl) {
      return void res.status(400).json({ error: 'invalid_client' });
    }
    const scopes = (body.scope ?? '').split(' ').filter((s) => lms.permittedScopes.has(s));
    if (scopes.length === 0) return void res.status(400).json({ error: 'invalid_scope' });
    const token = randomBytes(16).toString('hex');
    tokens.set(token, { scopes });
    lms.tokensIssued += 1;
    res.json({ access_token: token, token_type: 'Bearer', expires_in: 3600, scope: scopes.join(' ') });
  });

  const authorise = (req: Request, res: Response, scope: string[]): boolean => {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const granted = token ? tokens.get(token) : undefined;
    if (!granted) {
      res.status(401).send('Invalid token');
      return false;
    }
    if (!scope.some((s) => granted.scopes.includes(s))) {
      res.status(403).send('Scope not granted');
      return false;
    }
    if (outage?.() && outageCalls++ % 2 === 0) {
      res.status(503).send('Service Unavailable');
      return false;
    }
    return true;
  };

  app.get('/mod/lti/services.php/:course/lineitems', (req, res) => {
    if (!authorise(req, res, ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly', 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'])) return;
    const prefix = `${base}/mod/lti/services.php/${req.params.course}/`;
    const all = [...lms.lineItems.entries()]
      .filter(([id, item]) => id.startsWith(prefix) && (lms.ignoreLineItemFilters || !req.query.resource_link_id || item.resourceLinkId === req.query.resource_link_id))
      .map(([id, item]) => ({ id, ...item }));
    const from = Number(req.query.from ?? 0);
    const page = all.slice(from, from + lms.pageSize);
    if (from + lms.pageSize < all.length) {
      const next = new URL(`${base}${req.originalUrl}`);
      next.searchParams.set('from', String(from + lms.pageSize));
      const q = lms.linkQuotes === 'typographic' ? ['“', '”'] : ['"', '"'];
      // PHP writes the header's UTF-8 bytes as they are; Node only lets us do that through Latin-1.
      res.setHeader('Link', Buffer.from(`<${next.toString()}>; rel=${q[0]}next${q[1]}`, 'utf8').toString('latin1'));
    }
    res.type('application/vnd.ims.lis.v2.lineitemcontainer+json').send(JSON.stringify(page));
  });

  app.post('/mod/lti/services.php/:course/lineitems', express.json({ type: '*/*' }), (req, res) => {
    if (!authorise(req, res, ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'])) return;
    const body = req.body as { label?: string; scoreMaximum?: number; resourceLinkId?: string; resourceId?: string; tag?: string };
    if (!body.label || !body.scoreMaximum) return void res.status(400).send('Incorrect lineitem');
    const id = lms.addLineItem(String(req.params.course), { label: body.label, scoreMaximum: body.scoreMaximum, resourceLinkId: body.resourceLinkId, resourceId: body.resourceId, tag: body.tag });
    res.status(201).type('application/vnd.ims.lis.v2.lineitem+json').send(JSON.stringify({ id, ...lms.lineItems.get(id) }));
  });

  app.post('/mod/lti/services.php/:course/lineitems/:item/lineitem/scores', express.json({ type: '*/*' }), async (req, res) => {
    if (lms.scoreDelayMs) await new Promise((resolve) => setTimeout(resolve, lms.scoreDelayMs));
    // A client gone while we waited (a killed worker) is not processed, like a PHP script aborted before its work.
    if (req.socket.destroyed) return;
    if (!authorise(req, res, ['https://purl.imsglobal.org/spec/lti-ags/scope/score'])) return;
    if (scoreFailures && scoreFailures.count > 0) {
      scoreFailures.count -= 1;
      return void res.status(scoreFailures.status).send('Simulated failure');
    }
    const lineItemUrl = `${base}/mod/lti/services.php/${req.params.course}/lineitems/${req.params.item}/lineitem?type_id=1`;
    if (!lms.lineItems.has(lineItemUrl)) return void res.status(404).send('No such line item');
    const score = req.body as { userId?: string; timestamp?: string; scoreGiven?: number; gradingProgress?: string; activityProgress?: string };
    if (!score.userId || !score.timestamp || !score.gradingProgress || !score.activityProgress || lms.notGradable.has(score.userId)) {
      lms.refusals.push({ status: 400, userId: score.userId, reason: 'Incorrect score received' });
      res.statusMessage = 'Incorrect score received';
      return void res.status(400).end();
    }
    const second = Math.floor(Date.parse(score.timestamp) / 1000);
    const key = `${lineItemUrl}|${score.userId}`;
    const previous = grades.get(key);
    if (previous !== undefined && second <= previous) {
      lms.refusals.push({ status: 409, userId: score.userId, reason: 'timestamp not newer' });
      return void res.status(409).send(`Refusing score with an earlier timestamp for item and user ${score.userId}`);
    }
    grades.set(key, second);
    lms.scores.push({ lineItemUrl, userId: score.userId, scoreGiven: score.scoreGiven, timestamp: score.timestamp, gradingProgress: score.gradingProgress });
    res.status(200).json({});
  });

  app.get('/mod/lti/services.php/CourseSection/:course/bindings/:tool/memberships', (req, res) => {
    if (!authorise(req, res, ['https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly'])) return;
    if (req.get('accept') !== 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json') return void res.status(406).send('Not acceptable');
    const from = Number(req.query.from ?? 0);
    const page = lms.members.slice(from, from + lms.pageSize);
    if (from + lms.pageSize < lms.members.length) {
      const next = new URL(`${base}${req.originalUrl}`);
      next.searchParams.set('from', String(from + lms.pageSize));
      const q = lms.linkQuotes === 'typographic' ? ['“', '”'] : ['"', '"'];
      // PHP writes the header's UTF-8 bytes as they are; Node only lets us do that through Latin-1.
      res.setHeader('Link', Buffer.from(`<${next.toString()}>; rel=${q[0]}next${q[1]}`, 'utf8').toString('latin1'));
    }
    res
      .type('application/vnd.ims.lti-nrps.v2.membershipcontainer+json')
      .send(JSON.stringify({ id: `${base}${req.originalUrl}`, context: { id: req.params.course, label: 'C', title: 'Course' }, members: page }));
  });

  return lms;
}
