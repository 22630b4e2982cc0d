import { LitElement } from 'lit';
import { ensureLocale, isLocaleReady, langOf, messagesFor, uiLocaleOf, type Messages, type UiLocale } from '../i18n/locale.js';

/**
 * Base of every element: resolves its interface language from the nearest `lang`
 * (its own, an ancestor's, or through the shadow hosts above it) when connected.
 */
export class PixElement extends LitElement {
  protected uiLocale: UiLocale = 'fr';
  protected m: Messages = messagesFor('fr');

  override connectedCallback(): void {
    this.refreshLocale();
    super.connectedCallback();
  }

  /** No render in the wrong language: the update waits for the catalogue (loaded once, in milliseconds). */
  protected override async scheduleUpdate(): Promise<void> {
    if (!isLocaleReady(this.uiLocale)) {
      await ensureLocale(this.uiLocale);
      this.refreshLocale();
    }
    super.scheduleUpdate();
  }

  /** Re-reads the language (after the host or an ancestor changed its `lang`). */
  protected refreshLocale(): void {
    this.uiLocale = uiLocaleOf(langOf(this));
    this.m = messagesFor(this.uiLocale);
  }

  /** Dispatches a typed, bubbling, composed event (it crosses shadow roots). */
  protected emit<T>(type: string, detail: T): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable: true }));
  }
}
