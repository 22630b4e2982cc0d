import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import { api } from '../api/session.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

/** First-admin setup from the one-time link `npm start` prints (`#/setup/<token>`). */
@customElement('pix-admin-setup')
export class PixAdminSetup extends AdminScreen {
  @property({ attribute: false }) token = '';
  @state() private status: 'checking' | 'form' | 'invalid' | 'done' = 'checking';
  @state() private error?: string;
  @state() private fieldErrors: Record<string, string> = {};
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.check();
  }

  private async check(): Promise<void> {
    try {
      await api.post('/setup/check', { token: this.token });
      this.status = 'form';
    } catch (err) {
      this.status = 'invalid';
      this.error = errorMessage(this.m, err);
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    this.error = undefined;
    this.fieldErrors = {};
    if (String(data.get('password')) !== String(data.get('confirm'))) {
      this.fieldErrors = { confirm: this.m.setup.mismatch };
      await this.focusFirstError();
      return;
    }
    this.busy = true;
    try {
      await api.post('/setup', {
        token: this.token,
        email: value('email'),
        displayName: value('displayName'),
        password: String(data.get('password') ?? ''),
        academy: { code: value('academyCode'), name: value('academyName') },
      });
      this.status = 'done';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role=status]')?.focus();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const field = { ADMIN_PASSWORD_WEAK: 'password', ADMIN_EMAIL_INVALID: 'email', ACADEMY_CODE_INVALID: 'academyCode' }[code];
      if (field) this.fieldErrors = { [field]: errorMessage(this.m, err) };
      else this.error = errorMessage(this.m, err);
      await this.focusFirstError();
    } finally {
      this.busy = false;
    }
  }

  private async focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
  }

  private field(name: string, label: string, type: string, autocomplete: string, hint?: string) {
    const error = this.fieldErrors[name];
    const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${name}>${label} <span class="hint">(${this.m.required})</span></label>
      ${hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : nothing}
      <input id=${name} name=${name} type=${type} autocomplete=${autocomplete} required aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy || nothing} />
      ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}
    </div>`;
  }

  override render() {
    const m = this.m.setup;
    return html`<section class="card">
      <h1 tabindex="-1">${m.title}</h1>
      ${this.status === 'checking' ? html`<p role="status">${m.checking}</p>` : nothing}
      ${this.status === 'invalid' ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      ${this.status === 'done' ? html`<p class="notice success" role="status" tabindex="-1">${m.done}</p><p><a href="#/sign-in">${this.m.signIn.submit}</a></p>` : nothing}
      ${this.status === 'form'
        ? html`<p>${m.intro}</p>
            <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
            <form @submit=${this.submit} novalidate>
              <fieldset>
                <legend>${m.academyLegend}</legend>
                ${this.field('academyCode', m.academyCode, 'text', 'off', m.academyCodeHint)} ${this.field('academyName', m.academyName, 'text', 'organization')}
              </fieldset>
              ${this.field('displayName', m.displayName, 'text', 'name')} ${this.field('email', m.email, 'email', 'username')}
              ${this.field('password', m.password, 'password', 'new-password', m.passwordHint)} ${this.field('confirm', m.confirm, 'password', 'new-password')}
              <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.submit}</button></div>
            </form>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-setup': PixAdminSetup;
  }
}
