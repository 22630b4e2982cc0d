import { AppError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { Registrations } from '../registrations/application/registrations.js';
import type { LtijsPlatformSource } from './ltijs-platform-source.js';

export interface LtijsImportReport {
  imported: Array<{ registrationId: string; issuer: string; clientId: string; status: string; deploymentIds: string[] }>;
  skipped: Array<{ issuer: string; clientId: string; reason: string }>;
}

/**
 * Moves the platforms of an existing ltijs deployment into our registrations. What
 * ltijs never kept is not invented: deployments come from its recent launches only, and
 * platforms it verified with a pasted key (RSA_KEY/JWK_KEY) are skipped — register
 * them with their JWKS URL. Registrations arrive `pending` (the platform must first be
 * pointed at our login, launch and keyset URLs), unless `keepActive` and ltijs had
 * them active and a deployment is known.
 */
export async function importLtijsPlatforms(
  source: LtijsPlatformSource,
  registrations: Registrations,
  options: { keepActive?: boolean; academy?: string; log: Logger },
): Promise<LtijsImportReport> {
  const report: LtijsImportReport = { imported: [], skipped: [] };
  for (const platform of await source.platforms()) {
    const who = { issuer: platform.issuer, clientId: platform.clientId };
    if (platform.authConfig.method !== 'JWK_SET') {
      report.skipped.push({ ...who, reason: `ltijs verified it with a pasted key (${platform.authConfig.method}); register it by hand with its JWKS URL` });
      continue;
    }
    const deploymentIds = await source.deploymentIds(platform.issuer, platform.clientId);
    const status = options.keepActive && platform.active && deploymentIds.length > 0 ? 'active' : 'pending';
    try {
      const registration = await registrations.register({
        ...who,
        name: platform.name,
        authLoginUrl: platform.authLoginUrl,
        tokenUrl: platform.tokenUrl,
        jwksUrl: platform.authConfig.key,
        authServer: platform.authServer,
        academy: options.academy,
        deploymentIds,
        status,
        origin: 'ltijs-import',
        by: `ltijs:${platform.ltijsId}`,
      });
      report.imported.push({ registrationId: registration.id, ...who, status, deploymentIds });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        report.skipped.push({ ...who, reason: `${err.code}: ${err.message}` });
        continue;
      }
      throw err;
    }
  }
  options.log.info({ imported: report.imported.length, skipped: report.skipped.length }, 'ltijs platforms imported');
  return report;
}
