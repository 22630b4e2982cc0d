import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import { api, signedInAdmin } from '../api/session.js';
import type { School, SchoolPage } from '../api/types.js';
import { href } from '../app/routes.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

const PAGE_SIZE = 25;

/** Schools of the admin's scope: search, pages, and (academy admins) adding one. */
@customElement('pix-admin-schools')
export class PixAdminSchools extends AdminScreen {
  @state() private page?: SchoolPage;
  @state() private search = '';
  @state() private loadError?: string;
  @state() private formErrors: Record<string, string> = {};
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(1);
  }

  private async load(page: number): Promise<void> {
    try {
      this.page = await api.get<SchoolPage>('/schools', { q: this.search, page, pageSize: PAGE_SIZE });
      this.loadError = undefined;
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private onSearch(event: SubmitEvent): void {
    event.preventDefault();
    this.search = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    void this.load(1).then(() => this.announce(this.m.schools.count(this.page?.total ?? 0)));
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { uai: String(data.get('uai') ?? '').trim(), name: String(data.get('name') ?? '').trim(), city: String(data.get('city') ?? '').trim() };
    this.formErrors = {};
    this.busy = true;
    try {
      const { school } = await api.post<{ school: School }>('/schools', body);
      form.reset();
      // The list first, then the announcement: what is announced is already on screen.
      await this.load(this.page?.page ?? 1);
      this.announce(this.m.schools.created(school.name));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      if (code === 'UAI_INVALID' || code === 'SCHOOL_EXISTS') this.formErrors = { uai: errorMessage(this.m, err) };
      else if (code === 'VALIDATION_FAILED' && err instanceof ApiError) this.formErrors = fieldErrors(err, this.m.errors.VALIDATION_FAILED!);
      else this.announce(errorMessage(this.m, err), 'error');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('form.create [aria-invalid=true]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = this.m.schools;
    const admin = signedInAdmin();
    const pages = this.page ? Math.max(1, Math.ceil(this.page.total / this.page.pageSize)) : 1;
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <form role="search" class="inline" @submit=${this.onSearch}>
        <div class="field"><label for="q">${m.search}</label><input id="q" name="q" type="search" .value=${this.search} /></div>
        <button type="submit" class="secondary">${m.searchSubmit}</button>
      </form>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.page ? this.renderTable(this.page, pages) : html`<p role="status">${this.m.loading}</p>`}
      ${admin?.role === 'academy-admin' ? this.renderCreate() : nothing}
    </div>`;
  }

  private renderTable(page: SchoolPage, pages: number) {
    const m = this.m.schools;
    return html`<section aria-labelledby="list-title">
      <h2 id="list-title">${m.count(page.total)}</h2>
      ${page.schools.length === 0
        ? html`<p>${m.empty}</p>`
        : html`<div class="scroll"><table>
            <caption class="visually-hidden">${m.caption}</caption>
            <thead><tr><th scope="col">${m.uai}</th><th scope="col">${m.name}</th><th scope="col">${m.city}</th><th scope="col" class="num">${m.platforms}</th></tr></thead>
            <tbody>
              ${page.schools.map(
                (s) => html`<tr>
                  <td class="mono">${s.uai}</td>
                  <th scope="row"><a href=${href.school(s.uai)}>${s.name}</a></th>
                  <td>${s.city}</td>
                  <td class="num">${s.platformIds.length}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
      ${pages > 1
        ? html`<nav class="actions" aria-label=${m.page(page.page, pages)}>
            <button class="secondary" ?disabled=${page.page <= 1} @click=${() => this.load(page.page - 1)}>${this.m.previous}</button>
            <span>${m.page(page.page, pages)}</span>
            <button class="secondary" ?disabled=${page.page >= pages} @click=${() => this.load(page.page + 1)}>${this.m.next}</button>
          </nav>`
        : nothing}
    </section>`;
  }

  private renderCreate() {
    const m = this.m.schools;
    const field = (name: 'uai' | 'name' | 'city', label: string, hint?: string) => {
      const error = this.formErrors[name];
      const describedBy = [hint ? `new-${name}-hint` : '', error ? `new-${name}-error` : ''].filter(Boolean).join(' ');
      return html`<div class="field">
        <label for="new-${name}">${label} <span class="hint">(${this.m.required})</span></label>
        ${hint ? html`<span class="hint" id="new-${name}-hint">${hint}</span>` : nothing}
        <input id="new-${name}" name=${name} required autocomplete="off" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy || nothing} />
        ${error ? html`<span class="field-error" id="new-${name}-error">${error}</span>` : nothing}
      </div>`;
    };
    return html`<section class="card" aria-labelledby="add-title">
      <h2 id="add-title">${m.add}</h2>
      <form class="create" @submit=${this.create} novalidate>
        ${field('uai', m.uai, m.uaiHint)} ${field('name', m.name)} ${field('city', m.city)}
        <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.add}</button></div>
      </form>
    </section>`;
  }
}

/** `VALIDATION_FAILED` details (`body.<field>`) as one message per field. */
export function fieldErrors(error: ApiError, message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of (Array.isArray(error.details) ? error.details : []) as Array<{ field?: string }>) {
    const name = d.field?.split('.')[1];
    if (name) out[name] = message;
  }
  return out;
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-schools': PixAdminSchools;
  }
}
