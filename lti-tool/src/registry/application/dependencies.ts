import type { JSONWebKeySet, JWTPayload } from 'jose';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Logger } from '../../platform/logger.js';
import type { DeliveryPolicy } from '../domain/delivery.js';
import type { AcademyGates } from './academy-gates.js';
import type { ClientsRepository } from '../infrastructure/clients.repository.js';
import type { EndpointsRepository } from '../infrastructure/endpoints.repository.js';
import type { IdentitySaltsRepository } from '../infrastructure/identity-salts.repository.js';
import type { OutboxRepository } from '../infrastructure/outbox.repository.js';
import type { RegistryHttpClient } from '../infrastructure/registry-http-client.js';

/** The part of the tool's KeyStore the registry uses. */
export interface Signer {
  sign(claims: JWTPayload, options: { typ: string; expiresInSeconds?: number }): Promise<string>;
  jwks(): Promise<JSONWebKeySet>;
}

export interface RegistryDeps {
  endpoints: EndpointsRepository;
  salts: IdentitySaltsRepository;
  outbox: OutboxRepository;
  clients: ClientsRepository;
  http: RegistryHttpClient;
  /** Seals endpoint secrets (`registry-endpoints`). */
  box: SecretBox;
  signer: Signer;
  publicUrl: string;
  issuerName: string;
  /** Keys the credential subject pseudonym; derived from ENCRYPTION_KEY. */
  pseudonymSecret: string;
  policy: DeliveryPolicy;
  /** This instance's circuit breakers, one per academy endpoint. */
  gates: AcademyGates;
  /** Allow plain http registry URLs on any host (tests, local stacks); otherwise only on loopback. */
  allowInsecureHttp: boolean;
  log: Logger;
  clock: () => Date;
  random: () => number;
}
