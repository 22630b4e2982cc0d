import { AppError, badRequest, conflict, notFound } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { checkPlatformUrl, type PlatformUrlPolicy } from '../domain/platform-url.js';
import {
  DEFAULT_PRIVACY,
  endpointsOf,
  isValidDeploymentId,
  nextStatus,
  normaliseIssuer,
  type PlatformEndpoints,
  type PrivacySettings,
  type Registration,
  type RegistrationOrigin,
  type RegistrationStatus,
  type StatusAction,
} from '../domain/registration.js';
import { DuplicateRegistrationError, type RegistrationsRepository } from '../infrastructure/registrations.repository.js';

export interface RegisterPlatformInput {
  issuer: string;
  clientId: string;
  name: string;
  authLoginUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  authServer?: string;
  productFamily?: string;
  academy?: string;
  privacy?: Partial<PrivacySettings>;
  deploymentIds?: string[];
  status: RegistrationStatus;
  origin: RegistrationOrigin;
  by?: string;
}

export type RegistrationUpdate = Partial<Pick<Registration, 'name' | 'academy' | 'authLoginUrl' | 'tokenUrl' | 'jwksUrl' | 'authServer' | 'productFamily'>> & {
  privacy?: Partial<PrivacySettings>;
};

type Listener = (registration: Registration) => void;

/**
 * Launch lookups are served from memory for this long. A change made through this
 * instance applies at once; one made on another instance within this delay (e.g. a
 * disabled platform still launching for up to 5 s there).
 */
const LOOKUP_CACHE_MS = 5000;

/**
 * Platform registrations and their tenants: the use cases behind the admin API and
 * dynamic registration, and the lookups the launch and LTI services rely on.
 */
export class Registrations {
  private readonly listeners: Listener[] = [];
  private readonly byId = new Map<string, { registration: Registration | undefined; at: number }>();
  private readonly byClient = new Map<string, { registration: Registration | undefined; at: number }>();

  constructor(
    private readonly repository: RegistrationsRepository,
    private readonly policy: PlatformUrlPolicy,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Called after any change (status, endpoints…): caches keyed by registration drop their entry. */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  async register(input: RegisterPlatformInput): Promise<Registration> {
    const issuer = normaliseIssuer(input.issuer);
    for (const [field, url] of Object.entries({ authLoginUrl: input.authLoginUrl, tokenUrl: input.tokenUrl, jwksUrl: input.jwksUrl })) {
      this.assertUrl(field, url);
    }
    const deploymentIds = [...new Set(input.deploymentIds ?? [])];
    for (const id of deploymentIds) this.assertDeploymentId(id);
    try {
      const registration = await this.repository.insert(
        {
          issuer,
          clientId: input.clientId,
          name: input.name,
          productFamily: input.productFamily,
          authLoginUrl: input.authLoginUrl,
          tokenUrl: input.tokenUrl,
          jwksUrl: input.jwksUrl,
          authServer: input.authServer,
          privacy: { ...DEFAULT_PRIVACY, ...input.privacy },
          status: input.status,
          origin: input.origin,
          academy: input.academy,
          deploymentIds,
        },
        this.clock(),
        input.by,
      );
      this.log.info({ registrationId: registration.id, issuer, clientId: input.clientId, status: input.status, origin: input.origin }, 'platform registered');
      this.notify(registration);
      return registration;
    } catch (err) {
      if (err instanceof DuplicateRegistrationError) {
        throw conflict('REGISTRATION_EXISTS', `The platform ${issuer} is already registered with client id ${input.clientId}.`, { issuer, clientId: input.clientId });
      }
      throw err;
    }
  }

  async get(id: string): Promise<Registration> {
    const registration = await this.repository.findById(id);
    if (!registration) throw notFound('REGISTRATION_NOT_FOUND', `No platform registration ${id}.`);
    return registration;
  }

  /** A registration by id, for launches (briefly cached, see LOOKUP_CACHE_MS). */
  async find(id: string): Promise<Registration | undefined> {
    const hit = this.byId.get(id);
    if (hit && Date.now() - hit.at < LOOKUP_CACHE_MS) return hit.registration;
    const registration = await this.repository.findById(id);
    this.cacheLookup(this.byId, id, registration);
    return registration;
  }

  list(filter: { status?: RegistrationStatus; academy?: string } = {}): Promise<Registration[]> {
    return this.repository.list(filter);
  }

  /** Used by lti-services to get access tokens and reach AGS/NRPS: `status` tells whether it may. */
  async platformEndpoints(registrationId: string): Promise<PlatformEndpoints> {
    return endpointsOf(await this.get(registrationId));
  }

  /**
   * The registration a login names: by (issuer, client_id), or by issuer alone when the
   * platform sent no client_id and exactly one registration has that issuer.
   */
  async findForLogin(issuer: string, clientId?: string): Promise<Registration | undefined> {
    const iss = normaliseIssuer(issuer);
    if (clientId) {
      const key = `${iss}\n${clientId}`;
      const hit = this.byClient.get(key);
      if (hit && Date.now() - hit.at < LOOKUP_CACHE_MS) return hit.registration;
      const registration = await this.repository.findByClient(iss, clientId);
      this.cacheLookup(this.byClient, key, registration);
      return registration;
    }
    const candidates = await this.repository.findByIssuer(iss);
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  async changeStatus(id: string, action: StatusAction, by?: string, reason?: string): Promise<Registration> {
    const current = await this.get(id);
    const to = nextStatus(current.status, action);
    if (!to) {
      throw conflict('REGISTRATION_STATUS_CONFLICT', `Cannot ${action} a registration that is ${current.status}.`, { status: current.status, action });
    }
    const changed = await this.repository.changeStatus(id, current.status, { status: to, at: this.clock(), ...(by ? { by } : {}), ...(reason ? { reason } : {}) });
    if (!changed) throw conflict('REGISTRATION_STATUS_CONFLICT', 'The registration changed at the same time; reload and try again.');
    this.log.info({ registrationId: id, from: current.status, to, by, reason }, 'registration status changed');
    this.notify(changed);
    return changed;
  }

  async update(id: string, update: RegistrationUpdate): Promise<Registration> {
    const current = await this.get(id);
    for (const field of ['authLoginUrl', 'tokenUrl', 'jwksUrl'] as const) {
      const url = update[field];
      if (url !== undefined) this.assertUrl(field, url);
    }
    const { privacy, ...rest } = update;
    const set = { ...rest, ...(privacy ? { privacy: { ...current.privacy, ...privacy } } : {}) };
    const updated = await this.repository.update(id, set, this.clock());
    if (!updated) throw notFound('REGISTRATION_NOT_FOUND', `No platform registration ${id}.`);
    this.notify(updated);
    return updated;
  }

  async addDeployment(id: string, deploymentId: string): Promise<Registration> {
    this.assertDeploymentId(deploymentId);
    const updated = await this.repository.addDeployment(id, deploymentId, this.clock());
    if (!updated) throw notFound('REGISTRATION_NOT_FOUND', `No platform registration ${id}.`);
    this.log.info({ registrationId: id, deploymentId }, 'deployment added');
    this.notify(updated);
    return updated;
  }

  async removeDeployment(id: string, deploymentId: string): Promise<Registration> {
    const current = await this.get(id);
    if (!current.deploymentIds.includes(deploymentId)) {
      throw notFound('DEPLOYMENT_NOT_FOUND', `The registration has no deployment ${deploymentId}.`);
    }
    const updated = await this.repository.removeDeployment(id, deploymentId, this.clock());
    if (!updated) throw notFound('REGISTRATION_NOT_FOUND', `No platform registration ${id}.`);
    this.log.info({ registrationId: id, deploymentId }, 'deployment removed');
    this.notify(updated);
    return updated;
  }

  private notify(registration: Registration): void {
    this.byId.clear();
    this.byClient.clear();
    for (const listener of this.listeners) listener(registration);
  }

  private cacheLookup(cache: Map<string, { registration: Registration | undefined; at: number }>, key: string, registration: Registration | undefined): void {
    if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
    cache.set(key, { registration, at: Date.now() });
  }

  private assertUrl(field: string, url: string): void {
    const check = checkPlatformUrl(url, this.policy);
    if (!check.ok) throw badRequest('PLATFORM_URL_REFUSED', `${field} ${check.reason}.`, { field, reason: check.reason });
  }

  private assertDeploymentId(id: string): void {
    if (!isValidDeploymentId(id)) throw new AppError('DEPLOYMENT_ID_INVALID', 'A deployment id is 1 to 255 printable characters.', { status: 400 });
  }
}
