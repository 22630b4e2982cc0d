import { actorOf, OPERATOR, type Acting } from '../../admin/application/acting.js';
import { canRead, canWrite } from '../../admin/domain/admin-principal.js';
import type { AuditLog } from '../../audit/application/audit-log.js';
import { checkPlatformUrl } from '../../lti/registrations/domain/platform-url.js';
import { normaliseUai, uaiProblem } from '../../organizations/domain/uai.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { normaliseOrigin, publicJwksProblem, type EntConnector, type EntConnectorStatus, type PublicJwk } from '../domain/ent-connector.js';
import { DuplicateIssuerError, type EntConnectorChanges, type EntConnectorsRepository } from '../infrastructure/ent-connectors.repository.js';

/** Academies and schools as the connectors need them (the admin module's organizations). */
export interface EntDirectory {
  academyExists(code: string): Promise<boolean>;
  /** Those of `uais` that are schools of `academy`. */
  schoolsOf(academy: string, uais: string[]): Promise<string[]>;
}

/** An admin through the API, or the operator through the CLI (no academy bound). */
export type EntActor = Acting | 'operator';

export interface NewConnectorInput {
  issuer: string;
  name: string;
  jwksUrl?: string;
  jwks?: Record<string, unknown>[];
  /** Defaults to the admin's academy; required from the CLI. */
  academy?: string;
  uais: string[];
  origins: string[];
  status?: EntConnectorStatus;
}

export type ConnectorUpdate = Partial<Pick<NewConnectorInput, 'name' | 'jwksUrl' | 'jwks' | 'uais' | 'origins'>>;

const notFoundFor = (id: string) => notFound('ENT_CONNECTOR_NOT_FOUND', `No ENT connector ${id} in your academy.`, { id });

/**
 * ENT connectors, as academy admins (API) and operators (CLI) manage them. Every input
 * is checked here (issuer and JWKS URL policy, public keys only, schools of the academy,
 * exact origins), every change is audited, and `changed` tells the exchange and the
 * CORS origins to drop what they cached.
 */
export class EntConnectors {
  constructor(
    private readonly deps: {
      repository: EntConnectorsRepository;
      directory: () => EntDirectory;
      audit: AuditLog;
      /** Development: http on loopback hosts for issuer, JWKS and origins. */
      allowHttp: boolean;
      changed: (connector: EntConnector) => void;
      clock?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  async list(actor: EntActor, filter: { status?: EntConnectorStatus; academy?: string } = {}): Promise<EntConnector[]> {
    if (actor === 'operator') return this.deps.repository.list(filter);
    const academy = actor.principal.academy;
    if (filter.academy && filter.academy !== academy) return [];
    return (await this.deps.repository.list({ ...filter, academy })).filter((c) => canRead(actor.principal, { academy: c.academy }));
  }

  async get(actor: EntActor, id: string): Promise<EntConnector> {
    const connector = await this.deps.repository.find(id);
    if (!connector || (actor !== 'operator' && !canRead(actor.principal, { academy: connector.academy }))) throw notFoundFor(id);
    return connector;
  }

  async create(actor: EntActor, input: NewConnectorInput): Promise<EntConnector> {
    const academy = input.academy ?? (actor === 'operator' ? undefined : actor.principal.academy);
    if (!academy) throw badRequest('VALIDATION_FAILED', 'Say which academy the connector belongs to.');
    if (actor !== 'operator' && (academy !== actor.principal.academy || !canWrite(actor.principal, { academy }))) {
      throw badRequest('ENT_CONNECTOR_ACADEMY_FORBIDDEN', `An ENT connector can only be registered for your own academy (${actor.principal.academy}).`);
    }
    if (!(await this.deps.directory().academyExists(academy))) throw notFound('ACADEMY_NOT_FOUND', `No academy ${academy}.`, { academy });
    const checked = {
      issuer: this.checkUrl(input.issuer, 'issuer'),
      name: input.name.trim(),
      ...this.checkKeys(input),
      uais: await this.checkSchools(academy, input.uais),
      origins: this.checkOrigins(input.origins),
    };
    let connector: EntConnector;
    try {
      connector = await this.deps.repository.insert({ ...checked, academy, status: input.status ?? 'active', createdBy: byOf(actor) }, this.now());
    } catch (err) {
      if (err instanceof DuplicateIssuerError) throw conflict('ENT_CONNECTOR_EXISTS', `An ENT connector with issuer ${checked.issuer} is already registered.`, { issuer: checked.issuer });
      throw err;
    }
    await this.record(actor, 'create', connector, undefined);
    this.deps.changed(connector);
    return connector;
  }

  async update(actor: EntActor, id: string, input: ConnectorUpdate): Promise<EntConnector> {
    const before = await this.writable(actor, id);
    const changes: EntConnectorChanges = {};
    if (input.name !== undefined) changes.name = input.name.trim();
    if (input.jwksUrl !== undefined || input.jwks !== undefined) Object.assign(changes, this.checkKeys(input));
    if (input.uais !== undefined) changes.uais = await this.checkSchools(before.academy, input.uais);
    if (input.origins !== undefined) changes.origins = this.checkOrigins(input.origins);
    return this.apply(actor, before, changes, 'update');
  }

  async setStatus(actor: EntActor, id: string, status: EntConnectorStatus): Promise<EntConnector> {
    const before = await this.writable(actor, id);
    if (before.status === status) return before;
    return this.apply(actor, before, { status }, status === 'active' ? 'enable' : 'disable');
  }

  private async apply(actor: EntActor, before: EntConnector, changes: EntConnectorChanges, verb: string): Promise<EntConnector> {
    const after = await this.deps.repository.update(before.id, changes, byOf(actor), this.now());
    if (!after) throw notFoundFor(before.id);
    await this.record(actor, verb, after, before);
    this.deps.changed(after);
    return after;
  }

  private async writable(actor: EntActor, id: string): Promise<EntConnector> {
    const connector = await this.get(actor, id);
    if (actor !== 'operator' && !canWrite(actor.principal, { academy: connector.academy })) throw forbidden('ADMIN_ROLE_FORBIDDEN', 'Your role can read this connector but not change it.');
    return connector;
  }

  private checkUrl(value: string, field: 'issuer' | 'jwksUrl'): string {
    const trimmed = value.trim();
    const check = checkPlatformUrl(trimmed, { allowPrivate: this.deps.allowHttp });
    if (!check.ok || check.url.hash) throw badRequest('VALIDATION_FAILED', `${field} ${check.ok ? 'must not have a fragment' : check.reason}.`, [{ field: `body.${field}`, message: check.ok ? 'has a fragment' : check.reason }]);
    return trimmed;
  }

  private checkKeys(input: Pick<NewConnectorInput, 'jwksUrl' | 'jwks'>): { jwksUrl: string } | { jwks: PublicJwk[] } {
    if ((input.jwksUrl === undefined) === (input.jwks === undefined)) {
      throw badRequest('ENT_CONNECTOR_KEYS_INVALID', 'Give the ENT’s keys either as a JWKS URL (jwksUrl) or as public keys (jwks), not both.');
    }
    if (input.jwksUrl !== undefined) return { jwksUrl: this.checkUrl(input.jwksUrl, 'jwksUrl') };
    const problem = publicJwksProblem(input.jwks!);
    if (problem) throw badRequest('ENT_CONNECTOR_KEYS_INVALID', `The public keys are not usable: ${problem}.`, { problem });
    return { jwks: input.jwks as PublicJwk[] };
  }

  private async checkSchools(academy: string, typed: string[]): Promise<string[]> {
    const uais = [...new Set(typed.map(normaliseUai))];
    const invalid = uais.filter((u) => uaiProblem(u));
    if (invalid.length) throw badRequest('UAI_INVALID', `Not UAIs: ${invalid.join(', ')} (7 digits then a letter, e.g. 0750654D).`, { uais: invalid });
    const known = new Set(await this.deps.directory().schoolsOf(academy, uais));
    const foreign = uais.filter((u) => !known.has(u));
    if (foreign.length) {
      throw badRequest('ENT_CONNECTOR_SCHOOL_UNKNOWN', `Not schools of academy ${academy}: ${foreign.join(', ')}. Register the schools first.`, { uais: foreign });
    }
    return uais.sort();
  }

  private checkOrigins(typed: string[]): string[] {
    const origins = new Set<string>();
    for (const value of typed) {
      const check = normaliseOrigin(value, { allowHttp: this.deps.allowHttp });
      if (!check.ok) throw badRequest('ENT_CONNECTOR_ORIGIN_INVALID', `${value} is not a page origin: ${check.reason} (e.g. https://ent.example.org).`, { origin: value, reason: check.reason });
      origins.add(check.origin);
    }
    return [...origins].sort();
  }

  private async record(actor: EntActor, verb: string, after: EntConnector, before: EntConnector | undefined): Promise<void> {
    const context = actor === 'operator' ? { actor: OPERATOR } : { actor: actorOf(actor.principal), ...(actor.requestId ? { requestId: actor.requestId } : {}), ...(actor.ip ? { ip: actor.ip } : {}) };
    await this.deps.audit.record({
      ...context,
      action: `ent-connector.${verb}`,
      target: { type: 'ent-connector', id: after.id, label: after.name },
      scope: { academy: after.academy },
      ...(before ? { before: connectorView(before) } : {}),
      after: connectorView(after),
    });
  }
}

const byOf = (actor: EntActor) => (actor === 'operator' ? 'operator' : actor.principal.id);

/** The JSON an admin sees (and the audit log keeps). */
export function connectorView(c: EntConnector) {
  return {
    id: c.id,
    issuer: c.issuer,
    name: c.name,
    jwksUrl: c.jwksUrl ?? null,
    jwks: c.jwks ?? null,
    academy: c.academy,
    uais: c.uais,
    origins: c.origins,
    status: c.status,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    createdBy: c.createdBy,
    updatedBy: c.updatedBy,
  };
}
