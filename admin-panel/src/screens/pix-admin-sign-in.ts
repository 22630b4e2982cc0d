import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api/session.js';
import type { SessionInfo } from '../api/types.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

/**
 * Sign-in. The error is in an alert region tied to the form; the fields keep what was
 * typed (but the password) so a typo costs one field, not two.
 * @fires admin-signed-in - with the session (admin and CSRF token)
 */
@customElement('pix-admin-sign-in')
export class PixAdminSignIn extends AdminScreen {
  /** A message from the shell (signed out, session expired). */
  @property({ attribute: false }) notice?: string;
  @state() private error?: string;
  @state() private busy = false;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = undefined;
    try {
      const info = await api.post<SessionInfo>('/session', { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') });
      this.dispatchEvent(new CustomEvent('admin-signed-in', { detail: info, bubbles: true, composed: true }));
    } catch (err) {
      this.error = errorMessage(this.m, err);
      (form.elements.namedItem('password') as HTMLInputElement).value = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#password')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = this.m.signIn;
    return html`
      <section class="card">
        <h1 tabindex="-1">${m.title}</h1>
        ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
        <div role="alert" id="sign-in-error">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
        <form @submit=${this.submit} novalidate aria-describedby="sign-in-error">
          <div class="field">
            <label for="email">${m.email}</label>
            <input id="email" name="email" type="email" autocomplete="username" required spellcheck="false" />
          </div>
          <div class="field">
            <label for="password">${m.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required aria-invalid=${this.error ? 'true' : 'false'} />
          </div>
          <div class="actions">
            <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.submit}</button>
          </div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-sign-in': PixAdminSignIn;
  }
}
