import { z } from 'zod';

const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

/** What we need of an openid configuration (LTI Dynamic Registration 1.0 §3.3), as Moodle publishes it. */
export const platformConfigurationSchema = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.string().min(1),
  token_endpoint: z.string().min(1),
  jwks_uri: z.string().min(1),
  registration_endpoint: z.string().min(1),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  authorization_server: z.string().optional(),
  [PLATFORM_CONFIGURATION]: z
    .object({
      product_family_code: z.string().optional(),
      version: z.string().optional(),
    })
    .passthrough()
    .optional(),
});

export type PlatformConfiguration = z.infer<typeof platformConfigurationSchema>;

export const productFamilyOf = (c: PlatformConfiguration) => c[PLATFORM_CONFIGURATION]?.product_family_code;

/**
 * The issuer must live where the configuration was fetched from (same origin), so a
 * configuration cannot claim another platform's identity (Pix's registration checks the same).
 */
export function issuerMatchesConfigurationUrl(issuer: string, configurationUrl: string): boolean {
  try {
    return new URL(issuer).origin === new URL(configurationUrl).origin;
  } catch {
    return false;
  }
}

export const registrationResponseSchema = z.object({
  client_id: z.string().min(1).max(255),
  'https://purl.imsglobal.org/spec/lti-tool-configuration': z.object({ deployment_id: z.union([z.string(), z.number()]).optional() }).passthrough().optional(),
});
