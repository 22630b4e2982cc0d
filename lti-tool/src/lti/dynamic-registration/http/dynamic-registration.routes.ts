import type { Router } from 'express';
import { AppError } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import { sendLtiErrorPage } from '../../launch/http/launch-pages.js';
import type { Registrations } from '../../registrations/application/registrations.js';
import { escapeHtml, scriptJson, sendPage } from '../../shared/html.js';
import type { PlatformHttp } from '../../shared/platform-http.js';
import type { KeyStore } from '../../../keys/application/key-store.js';
import { registerDynamically } from '../application/register-dynamically.js';
import { readRegistrationLink } from '../application/registration-links.js';

export interface DynamicRegistrationRoutesDeps {
  registrations: Registrations;
  http: PlatformHttp;
  toolUrl: string;
  autoApproveIssuers: readonly string[];
  keys: Pick<KeyStore, 'jwks'>;
  log: Logger;
}

const FRENCH: Record<string, string> = {
  DYNREG_CONFIGURATION_MISSING: 'L’adresse de configuration de la plateforme manque : lancez l’inscription depuis l’administration de Moodle.',
  DYNREG_URL_REFUSED: 'L’adresse de la plateforme est refusée (https obligatoire, adresses privées interdites).',
  DYNREG_CONFIGURATION_UNAVAILABLE: 'La configuration de la plateforme est injoignable.',
  DYNREG_CONFIGURATION_INVALID: 'La configuration publiée par la plateforme est incomplète.',
  DYNREG_ISSUER_MISMATCH: 'L’identifiant de la plateforme ne correspond pas à son adresse.',
  DYNREG_REGISTRATION_REFUSED: 'La plateforme a refusé l’inscription de l’outil (jeton d’inscription expiré ?). Recommencez depuis Moodle.',
  DYNREG_RESPONSE_INVALID: 'La plateforme a répondu sans identifiant client.',
  REGISTRATION_EXISTS: 'Cette plateforme est déjà inscrite auprès de Pix avec cet identifiant client.',
  DYNREG_LINK_INVALID: 'Ce lien d’inscription est invalide ou a expiré : demandez-en un nouveau à l’administrateur Pix.',
};

/** `/lti/register?openid_configuration=…&registration_token=…`, opened by Moodle's "Add LTI Advantage" in a frame. */
export function dynamicRegistrationRoutes(router: Router, deps: DynamicRegistrationRoutesDeps): void {
  router.get('/lti/register', async (req, res) => {
    const param = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    try {
      const invitation = param('invitation');
      const terms = invitation ? await readRegistrationLink(invitation, { keys: deps.keys, toolUrl: deps.toolUrl }) : undefined;
      const registration = await registerDynamically({ openidConfigurationUrl: param('openid_configuration'), registrationToken: param('registration_token'), terms }, deps);
      const pending = registration.status === 'pending';
      const origin = new URL(registration.issuer).origin;
      sendPage(
        res,
        200,
        {
          title: 'Pix — inscription enregistrée',
          body: `<main>
<h1>Inscription de Pix enregistrée</h1>
<p>${pending ? 'Un administrateur Pix doit maintenant valider cette plateforme ; les activités s’ouvriront dès sa validation.' : 'La plateforme est validée : les activités Pix peuvent être utilisées.'}</p>
<p>Dans Moodle, activez ensuite l’outil dans <em>Gérer les outils</em>.</p>
<p class="muted">Plateforme : <code>${escapeHtml(registration.issuer)}</code> — identifiant client : <code>${escapeHtml(registration.clientId)}</code></p>
</main>`,
          // Moodle waits for this message to close its registration frame.
          script: `(window.opener||window.parent).postMessage({subject:'org.imsglobal.lti.close'},${scriptJson(origin)});`,
        },
        { frameAncestors: [origin] },
      );
    } catch (err) {
      if (err instanceof AppError) {
        req.log.warn({ code: err.code, details: err.details }, `dynamic registration refused: ${err.message}`);
        sendLtiErrorPage(res, err.status, err.code, FRENCH[err.code] ?? err.message);
        return;
      }
      req.log.error({ err }, 'dynamic registration failed');
      sendLtiErrorPage(res, 500, 'INTERNAL_ERROR', 'Une erreur inattendue s’est produite pendant l’inscription.');
    }
  });
}
