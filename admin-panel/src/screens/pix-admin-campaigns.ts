import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api/client.js';
import { api, canWrite, signedInAdmin } from '../api/session.js';
import type { Campaign, CampaignPage, CampaignType, FrameworkTree } from '../api/types.js';
import { errorMessage, locale, type Messages } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

const PAGE_SIZE = 25;

/**
 * Campaigns of the admin's scope: search, archive or reopen, draw a new code, and create
 * one with a target-profile builder (a level cap per competence, refined per tube).
 */
@customElement('pix-admin-campaigns')
export class PixAdminCampaigns extends AdminScreen {
  @state() private page?: CampaignPage;
  @state() private search = '';
  @state() private includeArchived = false;
  @state() private loadError?: string;
  @state() private framework?: FrameworkTree;
  @state() private type: CampaignType = 'ASSESSMENT';
  @state() private method: 'SMART_RANDOM' | 'FLASH' = 'SMART_RANDOM';
  @state() private competenceLevels: Record<string, number> = {};
  @state() private tubeLevels: Record<string, number> = {};
  @state() private formError?: string;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(1);
    if (canWrite(signedInAdmin())) void this.loadFramework();
  }

  private async load(page: number): Promise<void> {
    try {
      this.page = await api.get<CampaignPage>('/campaigns', { q: this.search, includeArchived: String(this.includeArchived), page, pageSize: PAGE_SIZE });
      this.loadError = undefined;
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private async loadFramework(): Promise<void> {
    try {
      const response = await fetch('/api/content/framework', { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new ApiError(response.status, 'INTERNAL_ERROR', response.statusText);
      this.framework = (await response.json()) as FrameworkTree;
    } catch (err) {
      this.formError = errorMessage(this.m, err);
    }
  }

  private onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.search = String(data.get('q') ?? '').trim();
    this.includeArchived = data.get('archived') === 'on';
    void this.load(1).then(() => this.announce(this.m.campaigns.count(this.page?.total ?? 0)));
  }

  private async act(campaign: Campaign, action: 'archive' | 'unarchive' | 'code'): Promise<void> {
    const m = this.m.campaigns;
    try {
      const { campaign: updated } = await api.post<{ campaign: Campaign }>(`/campaigns/${encodeURIComponent(campaign.id)}/${action}`);
      await this.load(this.page?.page ?? 1);
      this.announce(action === 'archive' ? m.archivedDone(updated.title) : action === 'unarchive' ? m.unarchivedDone(updated.title) : m.newCodeDone(updated.title, updated.code));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body: Record<string, unknown> = { title: text('title'), type: this.type, multipleSendings: data.get('multipleSendings') === 'on' };
    if (text('description')) body.description = text('description');
    if (this.type !== 'PROFILES_COLLECTION') {
      body.method = this.method;
      if (this.method === 'FLASH') body.flashLength = Number(text('flashLength'));
      body.targetProfile = {
        competences: Object.entries(this.competenceLevels).map(([code, maxLevel]) => ({ code, maxLevel })),
        tubes: Object.entries(this.tubeLevels).map(([id, maxLevel]) => ({ id, maxLevel })),
      };
    }
    if (text('uai')) body.uai = text('uai').toUpperCase();
    this.formError = undefined;
    this.busy = true;
    try {
      const { campaign } = await api.post<{ campaign: Campaign }>('/campaigns', body);
      form.reset();
      this.competenceLevels = {};
      this.tubeLevels = {};
      this.search = '';
      await this.load(1);
      this.announce(this.m.campaigns.created(campaign.title, campaign.code));
    } catch (err) {
      this.formError = describeCampaignError(this.m, err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#create-error')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = this.m.campaigns;
    const admin = signedInAdmin();
    const pages = this.page ? Math.max(1, Math.ceil(this.page.total / this.page.pageSize)) : 1;
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <p>${m.intro}</p>
      <form role="search" class="inline" @submit=${this.onSearch}>
        <div class="field"><label for="q">${m.search}</label><input id="q" name="q" type="search" .value=${this.search} /></div>
        <div class="field"><label><input type="checkbox" name="archived" .checked=${this.includeArchived} /> ${m.includeArchived}</label></div>
        <button type="submit" class="secondary">${m.searchSubmit}</button>
      </form>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.page ? this.renderTable(this.page, pages) : this.loadError ? nothing : html`<p role="status">${this.m.loading}</p>`}
      ${canWrite(admin) ? this.renderCreate() : html`<p class="notice">${m.readOnly}</p>`}
    </div>`;
  }

  private renderTable(page: CampaignPage, pages: number) {
    const m = this.m.campaigns;
    const writable = canWrite(signedInAdmin());
    return html`<section aria-labelledby="list-title">
      <h2 id="list-title">${m.count(page.total)}</h2>
      ${page.campaigns.length === 0
        ? html`<p>${m.empty}</p>`
        : html`<div class="scroll"><table>
            <caption class="visually-hidden">${m.caption}</caption>
            <thead><tr>
              <th scope="col">${m.name}</th><th scope="col">${m.code}</th><th scope="col">${m.type}</th>
              <th scope="col" class="num">${m.skills}</th><th scope="col">${m.school}</th><th scope="col">${m.state}</th>
              ${writable ? html`<th scope="col">${this.m.itemBank.actions}</th>` : nothing}
            </tr></thead>
            <tbody>
              ${page.campaigns.map(
                (c) => html`<tr>
                  <th scope="row">${c.title}</th>
                  <td class="mono" data-code>${c.code}</td>
                  <td>${m.types[c.type] ?? c.type}${c.type !== 'PROFILES_COLLECTION' ? html`<br /><span class="hint">${m.methods[c.method] ?? c.method}</span>` : nothing}</td>
                  <td class="num">${c.skillCount}</td>
                  <td class="mono">${c.uai ?? '—'}</td>
                  <td>${c.archivedAt ? m.archived : m.open}</td>
                  ${writable
                    ? html`<td><div class="actions">
                        ${c.archivedAt
                          ? html`<button class="secondary" @click=${() => this.act(c, 'unarchive')}>${m.unarchive(c.title)}</button>`
                          : html`<button class="secondary" @click=${() => this.act(c, 'archive')}>${m.archive(c.title)}</button>
                              <button class="secondary" @click=${() => this.act(c, 'code')}>${m.newCode(c.title)}</button>`}
                      </div></td>`
                    : nothing}
                </tr>`,
              )}
            </tbody>
          </table></div>`}
      ${pages > 1
        ? html`<nav class="actions" aria-label=${this.m.schools.page(page.page, pages)}>
            <button class="secondary" ?disabled=${page.page <= 1} @click=${() => this.load(page.page - 1)}>${this.m.previous}</button>
            <span>${this.m.schools.page(page.page, pages)}</span>
            <button class="secondary" ?disabled=${page.page >= pages} @click=${() => this.load(page.page + 1)}>${this.m.next}</button>
          </nav>`
        : nothing}
    </section>`;
  }

  private renderCreate() {
    const m = this.m.campaigns;
    const admin = signedInAdmin();
    const assessed = this.type !== 'PROFILES_COLLECTION';
    return html`<section class="card" aria-labelledby="create-title">
      <h2 id="create-title">${m.create}</h2>
      <form class="create" @submit=${this.create}>
        <div class="field">
          <label for="c-title">${m.titleLabel} <span class="hint">(${this.m.required})</span></label>
          <input id="c-title" name="title" required maxlength="200" autocomplete="off" />
        </div>
        <div class="field"><label for="c-description">${m.description}</label><input id="c-description" name="description" maxlength="2000" autocomplete="off" /></div>
        <div class="field">
          <label for="c-type">${m.typeLabel}</label>
          <select id="c-type" name="type" @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value as CampaignType)}>
            ${(['ASSESSMENT', 'EXAM', 'PROFILES_COLLECTION'] as const).map((t) => html`<option value=${t} ?selected=${this.type === t}>${m.types[t]}</option>`)}
          </select>
        </div>
        ${assessed
          ? html`<div class="field">
                <label for="c-method">${m.methodLabel}</label>
                <select id="c-method" name="method" @change=${(e: Event) => (this.method = (e.target as HTMLSelectElement).value as 'SMART_RANDOM' | 'FLASH')}>
                  ${(['SMART_RANDOM', 'FLASH'] as const).map((t) => html`<option value=${t} ?selected=${this.method === t}>${m.methods[t]}</option>`)}
                </select>
              </div>
              ${this.method === 'FLASH'
                ? html`<div class="field"><label for="c-flash">${m.flashLength}</label><input id="c-flash" name="flashLength" type="number" min="5" max="64" value="20" required /></div>`
                : nothing}`
          : nothing}
        <div class="field"><label><input type="checkbox" name="multipleSendings" /> ${m.multipleSendings}</label></div>
        ${admin?.uai
          ? html`<p class="hint">${m.uaiForced(admin.uai)}</p>`
          : html`<div class="field">
              <label for="c-uai">${m.uai}</label>
              <span class="hint" id="c-uai-hint">${m.uaiHint}</span>
              <input id="c-uai" name="uai" autocomplete="off" maxlength="16" aria-describedby="c-uai-hint" />
            </div>`}
        ${assessed ? this.renderProfileBuilder() : nothing}
        ${this.formError ? html`<p class="notice error" id="create-error" tabindex="-1" role="alert">${this.formError}</p>` : nothing}
        <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.create}</button></div>
      </form>
    </section>`;
  }

  private renderProfileBuilder() {
    const m = this.m.campaigns;
    const fw = this.framework;
    if (!fw) return html`<p role="status">${m.profileLoading}</p>`;
    const levels = Array.from({ length: fw.maxReachableLevel }, (_, i) => i + 1);
    const name = (text: { fr: string; en?: string }) => (locale() === 'en' && text.en ? text.en : text.fr);
    const setLevel = (target: 'competenceLevels' | 'tubeLevels', key: string, value: string) => {
      const next = { ...this[target] };
      if (value) next[key] = Number(value);
      else delete next[key];
      this[target] = next;
    };
    return html`<fieldset aria-describedby="profile-hint">
      <legend>${m.profile}</legend>
      <p class="hint" id="profile-hint">${m.profileHint}</p>
      ${fw.areas.map(
        (area) => html`<fieldset>
          <legend>${area.code}. ${name(area.name)}</legend>
          ${area.competences.map(
            (competence) => html`<div class="field">
                <label for="lvl-${competence.code}">${m.competenceLevel(competence.code, name(competence.name))}</label>
                <select id="lvl-${competence.code}" data-competence=${competence.code} @change=${(e: Event) => setLevel('competenceLevels', competence.code, (e.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${!this.competenceLevels[competence.code]}>${m.notIncluded}</option>
                  ${levels.map((l) => html`<option value=${l} ?selected=${this.competenceLevels[competence.code] === l}>${m.levelN(l)}</option>`)}
                </select>
              </div>
              <details>
                <summary>${m.tubesOf(competence.code)}</summary>
                ${competence.tubes.map(
                  (tube) => html`<div class="field">
                    <label for="tube-${tube.id}">${m.tubeLevel(name(tube.title))}</label>
                    <select id="tube-${tube.id}" data-tube=${tube.id} @change=${(e: Event) => setLevel('tubeLevels', tube.id, (e.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${!this.tubeLevels[tube.id]}>${this.competenceLevels[competence.code] ? m.inherit : m.notIncluded}</option>
                      ${levels.map((l) => html`<option value=${l} ?disabled=${!tube.levels.includes(l)} ?selected=${this.tubeLevels[tube.id] === l}>${m.levelN(l)}</option>`)}
                    </select>
                  </div>`,
                )}
              </details>`,
          )}
        </fieldset>`,
      )}
      <p role="status">${m.selected(Object.keys(this.competenceLevels).length, Object.keys(this.tubeLevels).length)}</p>
    </fieldset>`;
  }
}

/** A refused creation: the problems the API lists (target profile, definition), else the code's sentence. */
function describeCampaignError(m: Messages, err: unknown): string {
  const base = errorMessage(m, err);
  if (!(err instanceof ApiError)) return base;
  const details = err.details as { problems?: Array<{ code?: string; message?: string }> } | Array<{ code?: string; message?: string; field?: string }> | undefined;
  const problems = Array.isArray(details) ? details : (details?.problems ?? []);
  const listed = problems.map((p) => p.message ?? p.code).filter(Boolean);
  return listed.length > 0 ? `${base} (${listed.join(' ; ')})` : base;
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-campaigns': PixAdminCampaigns;
  }
}
