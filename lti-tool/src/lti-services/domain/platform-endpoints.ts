/**
 * What the LTI services need to know about a registration, as the LTI module gives it
 * (`registrations.platformEndpoints(id)`).
 */
export interface PlatformEndpoints {
  issuer: string;
  clientId: string;
  tokenUrl: string;
  jwksUrl: string;
  authLoginUrl: string;
  /** Lifecycle of the registration; only an active one may be called. */
  status: string;
  /** `aud` of our client assertions when the platform names one (default: the token URL). */
  authServer?: string;
  /** The tenants (one per deployment) of the registration, when known: a grade must belong to one. */
  tenantIds?: string[];
}

/** The port through which this context reads registrations (implemented by the LTI module). */
export interface RegistrationDirectory {
  platformEndpoints(registrationId: string): Promise<PlatformEndpoints | undefined> | PlatformEndpoints | undefined;
}

export const isActiveRegistration = (endpoints: PlatformEndpoints): boolean => endpoints.status === 'active';
