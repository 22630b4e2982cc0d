import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import { api, signedInAdmin } from '../api/session.js';
import type { RegistryEndpoint, TestCredentialResult } from '../api/types.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

/**
 * The academy's credential registry: its address and credentials (secrets write-only:
 * an empty secret field keeps the stored one), delivery on or off, and "send a test
 * credential" with what the registry answered.
 */
@customElement('pix-admin-registry')
export class PixAdminRegistry extends AdminScreen {
  @state() private endpoint?: RegistryEndpoint | null;
  @state() private kind: 'bearer' | 'oauth2' = 'bearer';
  @state() private loadError?: string;
  @state() private formError?: string;
  @state() private busy = false;
  @state() private testing = false;
  @state() private test?: TestCredentialResult;

  private get path(): string {
    return `/registry/academies/${encodeURIComponent(signedInAdmin()?.academy ?? '')}/endpoint`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.endpoint = await api.get<RegistryEndpoint>(this.path);
      this.kind = this.endpoint.auth.kind;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'REGISTRY_ENDPOINT_NOT_FOUND') this.endpoint = null;
      else this.loadError = errorMessage(this.m, err);
    }
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const m = this.m.registry;
    // Kept now: once dispatch ends, a shadow-DOM event's target is cleared.
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const secret = this.kind === 'bearer' ? text('token') : text('clientSecret');
    this.formError = undefined;
    // The API takes the whole auth object and never gives a stored secret back: it is typed at each change.
    if (!secret) {
      this.formError = m.secretRequired;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#registry-error')?.focus();
      return;
    }
    const auth =
      this.kind === 'bearer'
        ? { kind: 'bearer', token: secret }
        : { kind: 'oauth2', tokenUrl: text('tokenUrl'), clientId: text('clientId'), clientSecret: secret, ...(text('scope') ? { scope: text('scope') } : {}) };
    this.busy = true;
    try {
      this.endpoint = await api.put<RegistryEndpoint>(this.path, { url: text('url'), auth, enabled: data.get('enabled') === 'on', includeClearIne: data.get('includeClearIne') === 'on' });
      form.querySelectorAll<HTMLInputElement>('input[type=password]').forEach((i) => (i.value = ''));
      this.announce(m.saved);
    } catch (err) {
      this.formError = errorMessage(this.m, err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#registry-error')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private async sendTest(): Promise<void> {
    if (this.testing) return;
    const m = this.m.registry;
    this.testing = true;
    this.test = undefined;
    try {
      this.test = await api.post<TestCredentialResult>(`${this.path}/test`);
      const t = this.test;
      this.announce(
        t.outcome === 'delivered' ? m.testDelivered(t.status ?? 0) : t.outcome === 'refused' ? m.testRefused(String(t.status ?? '?'), t.error ?? '') : m.testUnreachable(t.error ?? ''),
        t.ok ? 'success' : 'error',
      );
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    } finally {
      this.testing = false;
    }
  }

  override render() {
    const m = this.m.registry;
    if (signedInAdmin()?.role !== 'academy-admin') {
      return html`<div class="stack"><h1 tabindex="-1">${m.title}</h1><p class="notice">${m.forbidden}</p></div>`;
    }
    const e = this.endpoint;
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <p>${m.intro}</p>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${e === undefined && !this.loadError ? html`<p role="status">${this.m.loading}</p>` : nothing}
      ${e === null ? html`<p class="notice">${m.none}</p>` : nothing}
      ${e
        ? html`<section class="card" aria-labelledby="current-title">
            <h2 id="current-title">${m.endpoint}</h2>
            <p class="mono">${e.url}</p>
            <p>${m.state} : ${e.enabled ? m.enabledState : m.disabledState} — ${m.auth} : ${e.auth.kind === 'bearer' ? m.bearer : `${m.oauth2} (${e.auth.clientId})`}, ${m.secretSet}. ${m.updatedAt(this.m.dateTime(e.updatedAt))}</p>
            <p class="hint" id="test-hint">${m.testHint}</p>
            <div class="actions">
              <button class="secondary" aria-describedby="test-hint" aria-disabled=${this.testing ? 'true' : 'false'} @click=${this.sendTest}>${m.test}</button>
              ${this.testing ? html`<span role="status">${m.testing}</span>` : nothing}
            </div>
            ${this.test
              ? html`<p class="notice ${this.test.ok ? 'success' : 'error'}" data-test-result>
                  ${this.test.outcome === 'delivered'
                    ? m.testDelivered(this.test.status ?? 0)
                    : this.test.outcome === 'refused'
                      ? m.testRefused(String(this.test.status ?? '?'), this.test.error ?? '')
                      : m.testUnreachable(this.test.error ?? '')}
                </p>`
              : nothing}
          </section>`
        : nothing}
      ${e !== undefined ? this.renderForm(e) : nothing}
    </div>`;
  }

  private renderForm(e: RegistryEndpoint | null) {
    const m = this.m.registry;
    const oauth = e?.auth.kind === 'oauth2' ? e.auth : undefined;
    const input = (id: string, label: string, options: { type?: string; value?: string; hint?: string; required?: boolean } = {}) => html`<div class="field">
      <label for="r-${id}">${label}${options.required ? html` <span class="hint">(${this.m.required})</span>` : nothing}</label>
      ${options.hint ? html`<span class="hint" id="r-${id}-hint">${options.hint}</span>` : nothing}
      <input id="r-${id}" name=${id} type=${options.type ?? 'text'} .value=${options.value ?? ''} autocomplete="off" aria-describedby=${options.hint ? `r-${id}-hint` : nothing} ?required=${options.required ?? false} />
    </div>`;
    return html`<section class="card" aria-labelledby="form-title">
      <h2 id="form-title">${e ? m.save : m.endpoint}</h2>
      <form @submit=${this.save} novalidate>
        ${input('url', m.url, { type: 'url', value: e?.url, hint: m.urlHint, required: true })}
        <fieldset>
          <legend>${m.auth}</legend>
          <label><input type="radio" name="kind" value="bearer" .checked=${this.kind === 'bearer'} @change=${() => (this.kind = 'bearer')} /> ${m.bearer}</label>
          <label><input type="radio" name="kind" value="oauth2" .checked=${this.kind === 'oauth2'} @change=${() => (this.kind = 'oauth2')} /> ${m.oauth2}</label>
          ${this.kind === 'bearer'
            ? input('token', m.token, { type: 'password', hint: m.tokenHint, required: true })
            : html`${input('tokenUrl', m.tokenUrl, { type: 'url', value: oauth?.tokenUrl, required: true })} ${input('clientId', m.clientId, { value: oauth?.clientId, required: true })}
              ${input('clientSecret', m.clientSecret, { type: 'password', hint: m.secretHint, required: true })} ${input('scope', m.scope, { value: oauth?.scope })}`}
        </fieldset>
        <div class="field"><label><input type="checkbox" name="enabled" .checked=${e?.enabled ?? true} /> ${m.enabled}</label></div>
        <div class="field">
          <label><input type="checkbox" name="includeClearIne" .checked=${e?.includeClearIne ?? false} aria-describedby="ine-hint" /> ${m.includeClearIne}</label>
          <span class="hint" id="ine-hint">${m.includeClearIneHint}</span>
        </div>
        ${this.formError ? html`<p class="notice error" id="registry-error" tabindex="-1" role="alert">${this.formError}</p>` : nothing}
        <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.save}</button></div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-registry': PixAdminRegistry;
  }
}
