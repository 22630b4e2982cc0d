/** OAuth2 scopes of the LTI Advantage services the tool uses (AGS 2.0, NRPS 2.0). */
export const AGS_SCOPE = {
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadOnly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
} as const;

export const NRPS_SCOPE = {
  membershipReadOnly: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

/**
 * What one access token asks for: everything the tool may need from a platform, so a
 * single token per registration serves grades and rosters. Platforms grant the subset
 * their settings allow (Moodle intersects with what the tool type permits); a call then
 * checks that the scope it needs was granted.
 */
export const ALL_SERVICE_SCOPES: readonly string[] = [AGS_SCOPE.score, AGS_SCOPE.lineItem, AGS_SCOPE.lineItemReadOnly, NRPS_SCOPE.membershipReadOnly];

/** Scopes granted, from a token response's space-separated `scope` (absent: what was asked). */
export function grantedScopes(scopeField: unknown, requested: readonly string[]): string[] {
  if (typeof scopeField !== 'string' || scopeField.trim() === '') return [...requested];
  return [...new Set(scopeField.split(/\s+/).filter(Boolean))];
}

/** Whether `granted` covers one of `acceptable` (e.g. lineitem covers lineitem.readonly). */
export function covers(granted: readonly string[], acceptable: readonly string[]): boolean {
  return acceptable.some((scope) => granted.includes(scope));
}
