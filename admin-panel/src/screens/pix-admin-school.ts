import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, signedInAdmin } from '../api/session.js';
import type { School } from '../api/types.js';
import { href } from '../app/routes.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

/** One school: its details and the LMS platforms it is linked to. */
@customElement('pix-admin-school')
export class PixAdminSchool extends AdminScreen {
  @property({ attribute: false }) uai = '';
  @state() private school?: School;
  @state() private loadError?: string;
  @state() private confirmingRemoval = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.school = (await api.get<{ school: School }>(`/schools/${encodeURIComponent(this.uai)}`)).school;
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private get writable(): boolean {
    const admin = signedInAdmin();
    return admin?.role === 'academy-admin' || (admin?.role === 'school-admin' && admin.uai === this.uai);
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      this.school = (await api.patch<{ school: School }>(`/schools/${this.uai}`, { name: String(data.get('name')).trim(), city: String(data.get('city')).trim() })).school;
      this.announce(this.m.school.saved);
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async link(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const id = String(new FormData(form).get('platformId') ?? '').trim();
    if (!id) return;
    try {
      this.school = (await api.put<{ school: School }>(`/schools/${this.uai}/platforms/${encodeURIComponent(id)}`)).school;
      form.reset();
      this.announce(this.m.school.linked(id));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async unlink(id: string): Promise<void> {
    try {
      this.school = (await api.delete<{ school: School }>(`/schools/${this.uai}/platforms/${encodeURIComponent(id)}`)).school;
      this.announce(this.m.school.unlinked(id));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#platforms-title')?.focus();
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async removeSchool(): Promise<void> {
    if (!this.confirmingRemoval) {
      this.confirmingRemoval = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#confirm-remove')?.focus();
      return;
    }
    try {
      await api.delete(`/schools/${this.uai}`);
      this.announce(this.m.school.removed(this.school?.name ?? this.uai));
      this.navigate(href.schools);
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  override render() {
    const m = this.m.school;
    const s = this.school;
    if (this.loadError) return html`<p><a href=${href.schools}>${m.back}</a></p><h1 tabindex="-1">${this.uai}</h1><p class="notice error" role="alert">${this.loadError}</p>`;
    if (!s) return html`<h1 tabindex="-1">${this.uai}</h1><p role="status">${this.m.loading}</p>`;
    const writable = this.writable;
    return html`<div class="stack">
      <p><a href=${href.schools}>${m.back}</a></p>
      <h1 tabindex="-1">${s.name} <span class="muted mono">${s.uai}</span></h1>
      ${writable ? nothing : html`<p class="notice">${m.readOnly}</p>`}
      <section class="card" aria-labelledby="details-title">
        <h2 id="details-title">${m.details}</h2>
        <form @submit=${this.save}>
          <div class="field"><label for="name">${this.m.schools.name}</label><input id="name" name="name" required .value=${s.name} ?readonly=${!writable} /></div>
          <div class="field"><label for="city">${this.m.schools.city}</label><input id="city" name="city" required .value=${s.city} ?readonly=${!writable} /></div>
          ${writable ? html`<div class="actions"><button type="submit">${this.m.save}</button></div>` : nothing}
        </form>
      </section>
      <section class="card" aria-labelledby="platforms-title">
        <h2 id="platforms-title" tabindex="-1">${m.platforms}</h2>
        ${s.platformIds.length === 0
          ? html`<p>${m.noPlatforms}</p>`
          : html`<ul>
              ${s.platformIds.map((id) => html`<li><span class="mono">${id}</span> ${writable ? html`<button class="link" @click=${() => this.unlink(id)}>${m.unlink(id)}</button>` : nothing}</li>`)}
            </ul>`}
        ${writable
          ? html`<form class="inline" @submit=${this.link}>
              <div class="field"><label for="platformId">${m.platformId}</label><span class="hint" id="platformId-hint">${m.platformIdHint}</span><input id="platformId" name="platformId" required aria-describedby="platformId-hint" /></div>
              <button type="submit" class="secondary">${m.link}</button>
            </form>`
          : nothing}
      </section>
      ${signedInAdmin()?.role === 'academy-admin'
        ? html`<div class="actions">
            <button class="danger" id=${this.confirmingRemoval ? 'confirm-remove' : 'remove'} @click=${this.removeSchool}>${this.confirmingRemoval ? m.confirmRemove(s.name) : m.remove}</button>
            ${this.confirmingRemoval ? html`<button class="secondary" @click=${() => (this.confirmingRemoval = false)}>${this.m.cancel}</button>` : nothing}
          </div>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-school': PixAdminSchool;
  }
}
