import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, signedInAdmin } from '../api/session.js';
import type { ConnectionTest, Registration } from '../api/types.js';
import { href } from '../app/routes.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

const BASE = '/lti/registrations';

/** One platform: its addresses, deployments, status, and "test the connection". */
@customElement('pix-admin-platform')
export class PixAdminPlatform extends AdminScreen {
  @property({ attribute: false }) registrationId = '';
  @state() private registration?: Registration;
  @state() private loadError?: string;
  @state() private test?: ConnectionTest;
  @state() private testing = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get path(): string {
    return `${BASE}/${encodeURIComponent(this.registrationId)}`;
  }

  private async load(): Promise<void> {
    try {
      this.registration = await api.get<Registration>(this.path);
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private async act(run: () => Promise<Registration>, message: string): Promise<void> {
    try {
      this.registration = await run();
      this.announce(message);
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async addDeployment(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const id = String(new FormData(form).get('deploymentId') ?? '').trim();
    if (!id) return;
    await this.act(() => api.post<Registration>(`${this.path}/deployments`, { deploymentId: id }), this.m.platforms.deploymentAdded(id));
    form.reset();
  }

  private async runTest(): Promise<void> {
    if (this.testing) return;
    this.testing = true;
    this.test = undefined;
    try {
      this.test = await api.post<ConnectionTest>(`${this.path}/test-connection`);
      this.announce(this.test.ok ? this.m.platforms.testOk : this.m.platforms.testFailed, this.test.ok ? 'success' : 'error');
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    } finally {
      this.testing = false;
    }
  }

  override render() {
    const m = this.m.platforms;
    const r = this.registration;
    if (this.loadError) return html`<p><a href=${href.platforms}>${m.back}</a></p><h1 tabindex="-1">${this.registrationId}</h1><p class="notice error" role="alert">${this.loadError}</p>`;
    if (!r) return html`<h1 tabindex="-1">${m.title}</h1><p role="status">${this.m.loading}</p>`;
    const writable = signedInAdmin()?.role === 'academy-admin';
    const row = (label: string, value: string) => html`<tr><th scope="row">${label}</th><td class="mono">${value}</td></tr>`;
    return html`<div class="stack">
      <p><a href=${href.platforms}>${m.back}</a></p>
      <h1 tabindex="-1">${r.name} <span class="muted">(${m.statuses[r.status] ?? r.status})</span></h1>
      <section class="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">${m.endpoints}</h2>
        <div class="scroll"><table>
          <tbody>
            ${row(m.issuer, r.issuer)} ${row(m.clientId, r.clientId)} ${row(m.authLoginUrl, r.authLoginUrl)} ${row(m.tokenUrl, r.tokenUrl)} ${row(m.jwksUrl, r.jwksUrl)}
            ${row(m.origin, m.origins[r.origin] ?? r.origin)}
          </tbody>
        </table></div>
        <div class="actions">
          <button class="secondary" @click=${this.runTest} aria-disabled=${this.testing ? 'true' : 'false'}>${this.testing ? m.testing : m.test}</button>
        </div>
        ${this.test
          ? html`<ul aria-label=${m.test}>
              ${this.test.checks.map(
                (c) => html`<li>
                  <strong>${m.steps[c.step] ?? c.step} : ${c.ok ? m.stepOk : m.stepFailed}</strong>
                  ${c.code ? html`— ${m.checkCodes[c.code] ?? c.code}` : nothing}
                  <br /><span class="muted mono">${c.detail}</span>
                </li>`,
              )}
            </ul>`
          : nothing}
      </section>
      <section class="card" aria-labelledby="deployments-title">
        <h2 id="deployments-title">${m.deployments}</h2>
        <ul>
          ${r.deploymentIds.map(
            (id) => html`<li><span class="mono">${id}</span>
              ${writable
                ? html`<button class="link" @click=${() => this.act(() => api.delete<Registration>(`${this.path}/deployments/${encodeURIComponent(id)}`), m.deploymentRemoved(id))}>${m.removeDeployment(id)}</button>`
                : nothing}</li>`,
          )}
        </ul>
        ${writable
          ? html`<form class="inline" @submit=${this.addDeployment}>
              <div class="field"><label for="deploymentId">${m.deploymentId}</label><input id="deploymentId" name="deploymentId" required autocomplete="off" /></div>
              <button type="submit" class="secondary">${m.addDeployment}</button>
            </form>`
          : nothing}
      </section>
      ${writable ? this.renderStatusActions(r) : nothing}
    </div>`;
  }

  private renderStatusActions(r: Registration) {
    const m = this.m.platforms;
    const claim = async () => {
      if (!r.academy) await api.patch(this.path, { academy: signedInAdmin()!.academy });
      return api.post<Registration>(`${this.path}/approve`);
    };
    return html`<div class="actions">
      ${r.status === 'pending' || r.status === 'disabled' || r.status === 'rejected'
        ? html`<button @click=${() => this.act(claim, m.approved(r.name))}>${r.status === 'pending' ? m.approve(r.name) : m.enable}</button>`
        : nothing}
      ${r.status === 'pending' ? html`<button class="secondary" @click=${() => this.act(() => api.post<Registration>(`${this.path}/reject`), m.rejected(r.name))}>${m.reject(r.name)}</button>` : nothing}
      ${r.status === 'active' || r.status === 'pending'
        ? html`<button class="danger" @click=${() => this.act(() => api.post<Registration>(`${this.path}/disable`), m.disabled(r.name))}>${m.disable}</button>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-platform': PixAdminPlatform;
  }
}
