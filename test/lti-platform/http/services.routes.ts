import express, { Router, type Request, type Response } from 'express';
import { MEDIA_TYPE } from '../lti/claims.js';
import type { Platform } from '../platform.js';
import { createLineItem, lineItemResource, listLineItems, listResults, postScore, type AgsRequest } from './ags.js';
import type { FaultTarget } from './faults.js';
import { listMembers } from './nrps.js';
import { sendServiceError, ServiceError } from './service-response.js';

interface Resource {
  pattern: RegExp;
  formats: string[];
  methods: string[];
  faults: FaultTarget[];
  run(platform: Platform, req: Request, res: Response, match: RegExpMatchArray, body: string): void;
}

const ags = (fn: (ctx: AgsRequest) => void) => (platform: Platform, req: Request, res: Response, m: RegExpMatchArray, body: string) =>
  fn({ platform, req, res, courseId: m[1]!, itemId: m[2], body });

/** Resource templates in Moodle's order (a line item before the container). */
const RESOURCES: Resource[] = [
  { pattern: /^\/([^/]+)\/lineitems\/([^/]+)\/lineitem$/, formats: [MEDIA_TYPE.lineItem], methods: ['GET', 'PUT', 'DELETE'], faults: ['ags', 'lineitems', 'services'], run: ags(lineItemResource) },
  {
    pattern: /^\/([^/]+)\/lineitems$/,
    formats: [MEDIA_TYPE.lineItemContainer, MEDIA_TYPE.lineItem],
    methods: ['GET', 'POST'],
    faults: ['ags', 'lineitems', 'services'],
    run: (platform, req, res, m, body) => {
      const ctx: AgsRequest = { platform, req, res, courseId: m[1]!, body };
      // A container GET needs the container format (or none); a POST a single line item.
      const format = req.method === 'GET' ? (req.headers.accept ?? '').trim() : contentType(req);
      const container = format === '' || format === MEDIA_TYPE.lineItemContainer;
      if (container === (req.method === 'POST')) throw new ServiceError(400, 'No context or unsupported content type');
      if (req.method === 'GET') listLineItems(ctx);
      else createLineItem(ctx);
    },
  },
  { pattern: /^\/([^/]+)\/lineitems\/([^/]+)\/lineitem\/results$/, formats: [MEDIA_TYPE.resultContainer], methods: ['GET'], faults: ['ags', 'results', 'services'], run: ags(listResults) },
  { pattern: /^\/([^/]+)\/lineitems\/([^/]+)\/lineitem\/scores$/, formats: [MEDIA_TYPE.scoreContainer, MEDIA_TYPE.score], methods: ['POST', 'GET'], faults: ['ags', 'scores', 'services'], run: ags(postScore) },
  {
    pattern: /^\/(CourseSection|Group)\/([^/]+)\/bindings\/([^/]+)\/memberships$/,
    formats: [MEDIA_TYPE.membershipContainerV1, MEDIA_TYPE.membershipContainerV2],
    methods: ['GET'],
    faults: ['nrps', 'services'],
    run: (platform, req, res, m) => listMembers(platform, req, res, { courseId: m[2]!, toolId: m[3]! }),
  },
];

function contentType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim();
}

/**
 * mod/lti/services.php: finds the resource whose template matches the path and whose formats
 * accept the request (GET: the Accept header exactly, or none, or `*\/*`; other methods: the
 * Content-Type), else 400 "No handler found"; a method the resource lacks gets 405.
 */
export function servicesRoutes(platform: Platform): Router {
  const router = Router();
  router.use('/mod/lti/services.php', express.text({ type: () => true, limit: '1mb' }), (req, res) => {
    const path = req.path;
    const isGet = req.method === 'GET';
    const accept = (req.headers.accept ?? '').trim();
    const type = contentType(req);
    const resource = RESOURCES.find((r) => {
      if (isGet && accept && !accept.includes('*/*') && !r.formats.includes(accept)) return false;
      if (!isGet && req.method !== 'DELETE' && !r.formats.includes(type)) return false;
      return r.pattern.test(path);
    });
    const body = typeof req.body === 'string' ? req.body : '';
    const handle = () => {
      try {
        if (!resource) throw new ServiceError(400, `No handler found for ${path} ${isGet ? accept : ''} ${isGet ? '' : type}`.replace(/\s+/g, ' ').trim());
        if (!resource.methods.includes(req.method)) throw new ServiceError(405);
        resource.run(platform, req, res, path.match(resource.pattern)!, body);
      } catch (err) {
        if (err instanceof ServiceError) sendServiceError(platform, req, res, err);
        else sendServiceError(platform, req, res, new ServiceError(500, (err as Error).message));
      }
    };
    if (!resource) return handle();
    platform.faults.middleware(...resource.faults)(req, res, handle);
  });
  return router;
}
