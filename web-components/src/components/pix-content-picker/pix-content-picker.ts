import { html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiRequestError, type PixApi } from '../../api/client.js';
import type { ActivityRef, DeepLinkingItem } from '../../api/contract.js';
import { base, tokens } from '../../styles/theme.js';
import { teacherMessagesFor } from '../../i18n/teacher.js';
import { PixElement } from '../../util/pix-element.js';
import { styles } from './pix-content-picker.styles.js';

interface Filters {
  text: string;
  type: '' | ActivityRef['type'];
  area: string;
  competence: string;
}

interface PickerCompetence {
  code: string;
  name: string;
  /** "1.1" → "1": Pix competence codes start with their area's. */
  areaCode: string;
}

/** An item of the catalogue with its competences parsed ("1.1 Mener une recherche…" → code and name). */
interface PickerItem {
  key: string;
  ref: ActivityRef;
  title: string;
  text?: string;
  scoreMaximum: number;
  competences: PickerCompetence[];
}

function toPickerItem(item: DeepLinkingItem): PickerItem {
  const competences = (item.competences ?? []).map((label) => {
    const match = /^(\d+(?:\.\d+)?)\s+(.*)$/.exec(label.trim());
    const code = match?.[1] ?? label;
    return { code, name: match?.[2] ?? label, areaCode: code.split('.')[0]! };
  });
  return { key: `${item.ref.type}-${item.ref.id}`, ref: item.ref, title: item.title, text: item.text, scoreMaximum: item.scoreMaximum, competences };
}

/**
 * Deep linking: the teacher browses campaigns and adaptive tests by area and
 * competence, previews them, chooses one (or several when the platform accepts
 * several), and goes back to the course. The tool signs the LtiDeepLinkingResponse;
 * this element posts it to the platform's return URL as a form, as LTI requires.
 *
 * @fires pix-items-chosen - the choice was confirmed (`{ itemIds }`), just before returning to the LMS.
 * @csspart bar - the sticky bar with the selection count and the submit button.
 */
@customElement('pix-content-picker')
export class PixContentPicker extends PixElement {
  static override styles = [tokens, base, styles];

  private get t() {
    return teacherMessagesFor(this.uiLocale);
  }

  @property({ attribute: false }) api?: PixApi;
  /** Initial value; the items response has the final word. */
  @property({ type: Boolean, attribute: 'accept-multiple' }) acceptMultiple = false;

  @state() private items?: PickerItem[];
  @state() private error?: { code: string; requestId?: string };
  @state() private filters: Filters = { text: '', type: '', area: '', competence: '' };
  @state() private selected = new Set<string>();
  @state() private previewed = new Set<string>();
  @state() private phase: 'choosing' | 'submitting' | 'returning' = 'choosing';
  @state() private returnTo?: { returnUrl: string; jwt: string };
  @state() private problem = '';
  @state() private announcement = '';

  @query('form.return') private returnForm?: HTMLFormElement;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = undefined;
    try {
      const response = await this.api!.getDeepLinkingItems();
      this.items = response.items.map(toPickerItem);
      this.acceptMultiple = response.acceptMultiple;
    } catch (err) {
      this.error = err instanceof ApiRequestError ? { code: err.code, requestId: err.requestId } : { code: 'NETWORK' };
    }
  }

  private get areas(): { code: string; name: string }[] {
    const codes = new Set<string>();
    for (const item of this.items ?? []) for (const c of item.competences) codes.add(c.areaCode);
    const names = this.t.picker.areas as Record<string, string>;
    return [...codes].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).map((code) => ({ code, name: names[code] ?? code }));
  }

  private get competences(): PickerCompetence[] {
    const map = new Map<string, PickerCompetence>();
    for (const item of this.items ?? []) for (const c of item.competences) if (!this.filters.area || c.areaCode === this.filters.area) map.set(c.code, c);
    return [...map.values()].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
  }

  private get visible(): PickerItem[] {
    const f = this.filters;
    const text = f.text.trim().toLocaleLowerCase();
    return (this.items ?? []).filter(
      (item) =>
        (!f.type || item.ref.type === f.type) &&
        (!f.area || item.competences.some((c) => c.areaCode === f.area)) &&
        (!f.competence || item.competences.some((c) => c.code === f.competence)) &&
        (!text || `${item.title} ${item.text ?? ''}`.toLocaleLowerCase().includes(text)),
    );
  }

  override render() {
    const m = this.t.picker;
    if (this.error) {
      return html`<div class="card">
        <h1>${m.title}</h1>
        <p class="notice error" role="alert">${(this.m.errors as Record<string, string>)[this.error.code] ?? this.m.errors.unknown}</p>
        ${this.error.requestId ? html`<p class="muted">${this.m.common.requestId(this.error.requestId)}</p>` : nothing}
        <button type="button" @click=${() => void this.load()}>${this.m.common.retry}</button>
      </div>`;
    }
    if (!this.items) return html`<p class="muted" role="status">${this.m.common.loading}</p>`;
    if (this.phase === 'returning' && this.returnTo) return this.renderReturn();
    const visible = this.visible;
    return html`
      <div class="card">
        <h1>${m.title}</h1>
        <p>${m.intro}</p>
        ${this.acceptMultiple ? nothing : html`<p class="muted">${m.singleOnly}</p>`}
        ${this.renderFilters()}
        <p role="status" aria-live="polite">${m.count(visible.length)}</p>
        <ul class="items">
          ${visible.map((item) => this.renderItem(item))}
        </ul>
        <div class="bar" part="bar">
          <p>${m.selected(this.selected.size)}</p>
          <button type="button" aria-disabled=${this.phase === 'submitting' ? 'true' : 'false'} @click=${this.onSubmit}>
            ${this.phase === 'submitting' ? m.submitting : m.submit}
          </button>
        </div>
        ${this.problem ? html`<p class="notice error" role="alert">${this.problem}</p>` : nothing}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  private renderFilters() {
    const m = this.t.picker;
    const set = (patch: Partial<Filters>) => (this.filters = { ...this.filters, ...patch });
    return html`<fieldset class="filters">
      <legend>${m.filters}</legend>
      <div>
        <label for="f-text">${m.search}</label>
        <input id="f-text" type="search" .value=${this.filters.text} @input=${(e: Event) => set({ text: (e.target as HTMLInputElement).value })} />
      </div>
      <div>
        <label for="f-type">${m.type}</label>
        <select id="f-type" @change=${(e: Event) => set({ type: (e.target as HTMLSelectElement).value as Filters['type'] })}>
          <option value="">${m.typeAll}</option>
          <option value="campaign">${m.types.campaign}</option>
          <option value="competence-evaluation">${m.types['competence-evaluation']}</option>
          <option value="certification">${m.types.certification}</option>
        </select>
      </div>
      <div>
        <label for="f-area">${m.area}</label>
        <select id="f-area" @change=${(e: Event) => set({ area: (e.target as HTMLSelectElement).value, competence: '' })}>
          <option value="">${m.areaAll}</option>
          ${this.areas.map((a) => html`<option value=${a.code} ?selected=${a.code === this.filters.area}>${a.code}. ${a.name}</option>`)}
        </select>
      </div>
      <div>
        <label for="f-competence">${m.competence}</label>
        <select id="f-competence" @change=${(e: Event) => set({ competence: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!this.filters.competence}>${m.competenceAll}</option>
          ${this.competences.map((c) => html`<option value=${c.code} ?selected=${c.code === this.filters.competence}>${c.code} ${c.name}</option>`)}
        </select>
      </div>
    </fieldset>`;
  }

  private renderItem(item: PickerItem) {
    const m = this.t.picker;
    const id = `item-${item.key}`;
    const checked = this.selected.has(item.key);
    const open = this.previewed.has(item.key);
    return html`<li class="item ${checked ? 'selected' : ''}">
      <div class="item-head">
        <input
          id=${id}
          type=${this.acceptMultiple ? 'checkbox' : 'radio'}
          name="item"
          .checked=${checked}
          aria-describedby="${id}-meta"
          @change=${(e: Event) => this.toggle(item.key, (e.target as HTMLInputElement).checked)}
        />
        <label for=${id}>${item.title}</label>
      </div>
      <p class="meta" id="${id}-meta">
        <span class="tag">${m.types[item.ref.type]}</span>
        ${item.competences.length ? html`<span>${item.competences.map((c) => c.code).join(', ')}</span>` : nothing}
        <span>${m.gradedOutOf(item.scoreMaximum)}</span>
      </p>
      <div class="preview-toggle">
        <button type="button" class="link" aria-expanded=${open ? 'true' : 'false'} aria-controls="${id}-preview" @click=${() => this.togglePreview(item.key)}>
          ${open ? m.hidePreview : m.preview}<span class="visually-hidden"> : ${item.title}</span>
        </button>
      </div>
      <div class="preview" id="${id}-preview" ?hidden=${!open}>
        ${item.text ? html`<p>${item.text}</p>` : nothing}
        ${item.competences.length
          ? html`<p><strong>${m.competences}</strong></p>
              <ul>
                ${item.competences.map((c) => html`<li>${c.code} ${c.name} <span class="muted">(${(m.areas as Record<string, string>)[c.areaCode] ?? c.areaCode})</span></li>`)}
              </ul>`
          : nothing}
      </div>
    </li>`;
  }

  private renderReturn() {
    const m = this.t.picker;
    return html`<div class="card">
      <h1>${m.title}</h1>
      <p role="status">${m.returning}</p>
      <form class="return" method="post" action=${this.returnTo!.returnUrl}>
        <input type="hidden" name="JWT" .value=${this.returnTo!.jwt} />
        <p class="muted">${m.returnFallback}</p>
        <button type="submit">${m.returnButton}</button>
      </form>
    </div>`;
  }

  private toggle(id: string, checked: boolean): void {
    const next = new Set(this.acceptMultiple ? this.selected : []);
    if (checked) next.add(id);
    else next.delete(id);
    this.selected = next;
    this.problem = '';
    this.announcement = this.t.picker.selected(next.size);
  }

  private togglePreview(id: string): void {
    const next = new Set(this.previewed);
    if (!next.delete(id)) next.add(id);
    this.previewed = next;
  }

  private async onSubmit(): Promise<void> {
    if (this.phase !== 'choosing') return;
    if (this.selected.size === 0) {
      this.problem = this.t.picker.noneChosen;
      return;
    }
    this.phase = 'submitting';
    this.problem = '';
    const chosen = (this.items ?? []).filter((item) => this.selected.has(item.key)).map((item) => item.ref);
    try {
      this.returnTo = await this.api!.createDeepLinkingResponse({ items: chosen });
      this.emit('pix-items-chosen', { items: chosen });
      this.phase = 'returning';
      await this.updateComplete;
      // The LMS expects a top-level form POST of the signed JWT to its return URL.
      this.returnForm?.submit();
    } catch (err) {
      this.phase = 'choosing';
      this.problem = err instanceof ApiRequestError ? ((this.m.errors as Record<string, string>)[err.code] ?? err.message) : this.m.errors.NETWORK;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-content-picker': PixContentPicker;
  }
}
