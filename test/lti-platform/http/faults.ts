import type { NextFunction, Request, Response } from 'express';

/** Endpoints a fault can target. `services` covers AGS and NRPS. */
export type FaultTarget = 'token' | 'ags' | 'scores' | 'lineitems' | 'results' | 'nrps' | 'services' | 'jwks' | 'auth' | 'registration' | 'deep-link-return';

export interface FaultSpec {
  target: FaultTarget | FaultTarget[];
  /** What happens to an affected call. */
  effect:
    | { status: number; body?: string; retryAfterSeconds?: number }
    | { delayMs: number }
    | { hangMs: number }
    | { reset: true };
  /** Share of matching calls affected, spread evenly (0.5 = every other call). Default 1. */
  ratio?: number;
  /** Affects at most this many calls, then stops. */
  times?: number;
  /** Active only for this long after being added. */
  durationMs?: number;
}

export interface FaultHandle {
  readonly id: number;
  remove(): void;
  /** Calls that matched the target while the fault was active, and how many of them were affected. */
  stats(): { matched: number; affected: number };
}

interface ActiveFault {
  id: number;
  spec: FaultSpec;
  targets: Set<FaultTarget>;
  until?: number;
  matched: number;
  affected: number;
}

/**
 * Fault injection for tests and benchmarks: 503s for a share of calls or a time window,
 * delays, connections left hanging or reset. Deterministic: a ratio of 0.5 fails exactly
 * every other matching call, so "half the calls for a minute" is reproducible.
 */
export class Faults {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): FaultHandle {
    const ratio = spec.ratio ?? 1;
    if (!(ratio > 0 && ratio <= 1)) throw new Error('ratio must be in ]0, 1]');
    const fault: ActiveFault = {
      id: this.nextId++,
      spec,
      targets: new Set(Array.isArray(spec.target) ? spec.target : [spec.target]),
      until: spec.durationMs === undefined ? undefined : Date.now() + spec.durationMs,
      matched: 0,
      affected: 0,
    };
    this.faults.push(fault);
    return {
      id: fault.id,
      remove: () => {
        this.faults = this.faults.filter((f) => f !== fault);
      },
      stats: () => ({ matched: fault.matched, affected: fault.affected }),
    };
  }

  clear(): void {
    this.faults = [];
  }

  /** Express middleware for one endpoint family; `targets` are the names this route answers to. */
  middleware(...targets: FaultTarget[]) {
    return (req: Request, res: Response, next: NextFunction): void => {
      const fault = this.pick(targets);
      if (!fault) return next();
      const effect = fault.spec.effect;
      if ('status' in effect) {
        if (effect.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(effect.retryAfterSeconds));
        res.status(effect.status).type('text/plain').send(effect.body ?? `Simulated failure (${effect.status})`);
      } else if ('delayMs' in effect) {
        setTimeout(next, effect.delayMs);
      } else if ('hangMs' in effect) {
        setTimeout(() => req.socket.destroy(), effect.hangMs);
      } else {
        req.socket.destroy();
      }
    };
  }

  private pick(targets: FaultTarget[]): ActiveFault | undefined {
    const now = Date.now();
    this.faults = this.faults.filter((f) => (f.until === undefined || f.until > now) && (f.spec.times === undefined || f.affected < f.spec.times));
    for (const fault of this.faults) {
      if (!targets.some((t) => fault.targets.has(t))) continue;
      const ratio = fault.spec.ratio ?? 1;
      const before = Math.floor(fault.matched * ratio);
      fault.matched += 1;
      if (Math.floor(fault.matched * ratio) > before) {
        fault.affected += 1;
        return fault;
      }
    }
    return undefined;
  }
}
