import { certificationFr, type CertificationMessages } from './certification.fr.js';
import { loadedEnglish, type UiLocale } from './locale.js';

export type { CertificationMessages };

/** The certification catalogue (candidate and invigilator), English once the English module is loaded. */
export function certificationMessagesFor(locale: UiLocale): CertificationMessages {
  const english = loadedEnglish();
  return locale === 'en' && english ? english.certificationEn : certificationFr;
}
