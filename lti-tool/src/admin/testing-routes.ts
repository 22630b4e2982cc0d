import type { Express, RequestHandler } from 'express';
import { ADMIN_RULE, type GuardedHandler, type RequireAdminOptions } from './http/require-admin.js';

export interface RouteInfo {
  method: string;
  path: string;
  /** The rule of the route's admin guard, if its first handler is one. */
  rule?: RequireAdminOptions;
  guarded: boolean;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: Array<{ handle: RequestHandler }> };
  handle: RequestHandler & { stack?: Layer[] };
}

/** Every route of an Express 5 app (routers mounted at the root), with its admin rule. */
export function routesOf(app: Express): RouteInfo[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  const out: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const first = layer.route.stack[0]?.handle as GuardedHandler | undefined;
        const rule = first?.[ADMIN_RULE];
        for (const path of Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]) {
          for (const method of Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m])) {
            out.push({ method: method.toUpperCase(), path, guarded: rule !== undefined, ...(rule ? { rule } : {}) });
          }
        }
      } else if (layer.handle.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(root.stack);
  return out;
}
