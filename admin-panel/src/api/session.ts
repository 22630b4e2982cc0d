import { AdminApi } from './client.js';
import type { Admin } from './types.js';

/** The one API client of the app and who is signed in. */
export const api = new AdminApi();

let current: Admin | undefined;

export function signedInAdmin(): Admin | undefined {
  return current;
}

export function setSignedIn(admin: Admin | undefined, csrfToken?: string): void {
  current = admin;
  api.setCsrfToken(csrfToken);
}

export const canWrite = (admin: Admin | undefined) => admin !== undefined && admin.role !== 'auditor';
