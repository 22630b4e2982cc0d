import { LitElement } from 'lit';
import { messages, onLocaleChange, type Messages } from '../i18n/i18n.js';

/** Base of the panel's elements: the current catalogue as `m`, re-rendered when the language changes. */
export class AdminElement extends LitElement {
  private unsubscribe?: () => void;

  protected get m(): Messages {
    return messages();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = onLocaleChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    super.disconnectedCallback();
  }

  /** Asks the shell to announce a result in its live region (RGAA 7.5). */
  protected announce(message: string, tone: 'success' | 'error' = 'success'): void {
    this.dispatchEvent(new CustomEvent('admin-announce', { detail: { message, tone }, bubbles: true, composed: true }));
  }

  /** Asks the shell to navigate (hash routes). */
  protected navigate(route: string): void {
    window.location.hash = route;
  }
}

export interface AnnounceDetail {
  message: string;
  tone: 'success' | 'error';
}
