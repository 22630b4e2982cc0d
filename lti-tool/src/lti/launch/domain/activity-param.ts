import type { ActivityRef } from '../../session/launch-session.js';

/**
 * The custom parameter deep linking writes into each resource link to name the Pix
 * activity it opens, e.g. `pix_activity=campaign:ABCDEF123`. It says *what* to open,
 * never *who* may: the activity's owner module checks it belongs to the tenant.
 */
export const ACTIVITY_PARAM = 'pix_activity';

const TYPES: ReadonlyArray<ActivityRef['type']> = ['campaign', 'competence-evaluation', 'certification'];
const PATTERN = /^([a-z-]+):([A-Za-z0-9_-]{1,64})$/;

export function formatActivityParam(ref: ActivityRef): string {
  return `${ref.type}:${ref.id}`;
}

export function parseActivityParam(value: string | undefined): ActivityRef | undefined {
  const match = value ? PATTERN.exec(value.trim()) : null;
  if (!match) return undefined;
  const type = match[1] as ActivityRef['type'];
  return TYPES.includes(type) ? { type, id: match[2]! } : undefined;
}
