import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, signedInAdmin } from '../api/session.js';
import type { Registration } from '../api/types.js';
import { href } from '../app/routes.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

const BASE = '/lti/registrations';

/**
 * LMS platforms of the academy: pending dynamic registrations first (approve, which
 * claims the platform for the admin's academy, or reject), then every platform, and a
 * form to register one by hand.
 */
@customElement('pix-admin-platforms')
export class PixAdminPlatforms extends AdminScreen {
  @state() private registrations?: Registration[];
  @state() private loadError?: string;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.registrations = (await api.get<{ registrations: Registration[] }>(BASE)).registrations;
      this.loadError = undefined;
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private async approve(r: Registration): Promise<void> {
    try {
      if (!r.academy) await api.patch(`${BASE}/${r.id}`, { academy: signedInAdmin()!.academy });
      await api.post(`${BASE}/${r.id}/approve`);
      await this.load();
      this.announce(this.m.platforms.approved(r.name));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async reject(r: Registration): Promise<void> {
    try {
      await api.post(`${BASE}/${r.id}/reject`);
      await this.load();
      this.announce(this.m.platforms.rejected(r.name));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async register(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    this.busy = true;
    try {
      const created = await api.post<Registration>(BASE, {
        name: value('name'),
        issuer: value('issuer'),
        clientId: value('clientId'),
        authLoginUrl: value('authLoginUrl'),
        tokenUrl: value('tokenUrl'),
        jwksUrl: value('jwksUrl'),
        deploymentIds: value('deploymentIds').split(',').map((d) => d.trim()).filter(Boolean),
      });
      form.reset();
      await this.load();
      this.announce(this.m.platforms.registered(created.name));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = this.m.platforms;
    const writable = signedInAdmin()?.role === 'academy-admin';
    const all = this.registrations ?? [];
    const pending = all.filter((r) => r.status === 'pending');
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <p>${m.intro}</p>
      ${writable ? nothing : html`<p class="notice">${m.readOnly}</p>`}
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${!this.registrations && !this.loadError ? html`<p role="status">${this.m.loading}</p>` : nothing}
      ${this.registrations
        ? html`<section aria-labelledby="pending-title">
              <h2 id="pending-title">${m.pending} (${pending.length})</h2>
              ${pending.length === 0
                ? html`<p>${m.noPending}</p>`
                : html`<ul class="pending">
                    ${pending.map(
                      (r) => html`<li class="card">
                        <p><a href=${href.platform(r.id)}><strong>${r.name}</strong></a> — <span class="mono">${r.issuer}</span> (${m.origins[r.origin] ?? r.origin})</p>
                        ${writable
                          ? html`<div class="actions">
                              <button @click=${() => this.approve(r)}>${m.approve(r.name)}</button>
                              <button class="secondary" @click=${() => this.reject(r)}>${m.reject(r.name)}</button>
                            </div>`
                          : nothing}
                      </li>`,
                    )}
                  </ul>`}
            </section>
            <section aria-labelledby="all-title">
              <h2 id="all-title">${m.all}</h2>
              ${all.length === 0 ? html`<p>${m.none}</p>` : this.renderTable(all)}
            </section>`
        : nothing}
      ${writable ? this.renderRegister() : nothing}
    </div>`;
  }

  private renderTable(all: Registration[]) {
    const m = this.m.platforms;
    return html`<div class="scroll"><table>
      <caption class="visually-hidden">${m.caption}</caption>
      <thead><tr><th scope="col">${m.name}</th><th scope="col">${m.issuer}</th><th scope="col">${m.status}</th><th scope="col" class="num">${m.deployments}</th></tr></thead>
      <tbody>
        ${all.map(
          (r) => html`<tr>
            <th scope="row"><a href=${href.platform(r.id)}>${r.name}</a></th>
            <td class="mono">${r.issuer}</td>
            <td>${m.statuses[r.status] ?? r.status}</td>
            <td class="num">${r.deploymentIds.length}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private renderRegister() {
    const m = this.m.platforms;
    const field = (name: string, label: string, type = 'text', hint?: string) => html`<div class="field">
      <label for="reg-${name}">${label}</label>
      ${hint ? html`<span class="hint" id="reg-${name}-hint">${hint}</span>` : nothing}
      <input id="reg-${name}" name=${name} type=${type} ?required=${name !== 'deploymentIds'} autocomplete="off" spellcheck="false" aria-describedby=${hint ? `reg-${name}-hint` : nothing} />
    </div>`;
    return html`<section class="card" aria-labelledby="register-title">
      <h2 id="register-title">${m.register}</h2>
      <form @submit=${this.register}>
        ${field('name', m.name)} ${field('issuer', m.issuer, 'url')} ${field('clientId', m.clientId)} ${field('authLoginUrl', m.authLoginUrl, 'url')}
        ${field('tokenUrl', m.tokenUrl, 'url')} ${field('jwksUrl', m.jwksUrl, 'url')} ${field('deploymentIds', m.deploymentIds, 'text', m.deploymentIdsHint)}
        <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.register}</button></div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-platforms': PixAdminPlatforms;
  }
}
