import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api/session.js';
import type { AuditEntry, AuditPage } from '../api/types.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

type Filters = { action?: string; targetType?: string; from?: string; to?: string };

/** The audit log of the admin's scope, newest first, filtered, with older pages on demand. */
@customElement('pix-admin-audit')
export class PixAdminAudit extends AdminScreen {
  @state() private entries: AuditEntry[] = [];
  @state() private next?: string;
  @state() private loaded = false;
  @state() private loadError?: string;
  private filters: Filters = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(false);
  }

  private async load(more: boolean): Promise<void> {
    try {
      const to = this.filters.to ? new Date(new Date(this.filters.to).getTime() + 86_400_000).toISOString() : undefined;
      const page = await api.get<AuditPage>('/audit', { ...this.filters, to, cursor: more ? this.next : undefined, limit: 50 });
      this.entries = more ? [...this.entries, ...page.entries] : page.entries;
      this.next = page.next;
      this.loaded = true;
      this.loadError = undefined;
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private async applyFilters(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    this.filters = { action: value('action'), targetType: value('targetType'), from: value('from'), to: value('to') };
    await this.load(false);
    this.announce(this.entries.length ? this.m.audit.loaded(this.entries.length) : this.m.audit.none);
  }

  private async more(): Promise<void> {
    const before = this.entries.length;
    await this.load(true);
    this.announce(this.m.audit.loaded(this.entries.length));
    await this.updateComplete;
    // Focus the first new row so keyboard users continue where the new entries start.
    this.renderRoot.querySelectorAll<HTMLElement>('tbody tr')[before]?.querySelector<HTMLElement>('th')?.focus();
  }

  override render() {
    const m = this.m.audit;
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <form class="card" @submit=${this.applyFilters}>
        <fieldset>
          <legend>${m.filters}</legend>
          <div class="inline">
            <div class="field"><label for="action">${m.action}</label><input id="action" name="action" placeholder=${m.actionHint} aria-describedby="action-hint" /><span class="visually-hidden" id="action-hint">${m.actionHint}</span></div>
            <div class="field"><label for="targetType">${m.targetType}</label><input id="targetType" name="targetType" /></div>
            <div class="field"><label for="from">${m.from}</label><input id="from" name="from" type="date" /></div>
            <div class="field"><label for="to">${m.to}</label><input id="to" name="to" type="date" /></div>
            <button type="submit" class="secondary">${m.apply}</button>
          </div>
        </fieldset>
      </form>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${!this.loaded ? html`<p role="status">${this.m.loading}</p>` : this.entries.length === 0 ? html`<p>${m.none}</p>` : this.renderTable()}
      ${this.next ? html`<div class="actions"><button class="secondary" @click=${this.more}>${m.more}</button></div>` : nothing}
    </div>`;
  }

  private renderTable() {
    const m = this.m.audit;
    return html`<div class="scroll"><table>
      <caption>${m.caption}</caption>
      <thead><tr><th scope="col">${m.at}</th><th scope="col">${m.actor}</th><th scope="col">${m.action}</th><th scope="col">${m.target}</th><th scope="col">${m.changes}</th></tr></thead>
      <tbody>
        ${this.entries.map(
          (e) => html`<tr>
            <th scope="row" tabindex="-1"><time datetime=${e.at}>${this.m.dateTime(e.at)}</time></th>
            <td>${e.actor.type === 'operator' ? m.operator : (e.actor.email ?? e.actor.type)}</td>
            <td><code>${e.action}</code>${e.outcome === 'failure' ? html` <strong>(${m.failure})</strong>` : nothing}</td>
            <td>${e.target.label ?? e.target.id} <span class="muted">(${e.target.type})</span></td>
            <td>${e.before !== undefined || e.after !== undefined
              ? html`<details>
                  <summary>${e.changed?.length ? e.changed.join(', ') : m.changes}</summary>
                  ${e.before !== undefined ? html`<p><strong>${m.before}</strong></p><pre class="mono">${JSON.stringify(e.before, null, 2)}</pre>` : nothing}
                  ${e.after !== undefined ? html`<p><strong>${m.after}</strong></p><pre class="mono">${JSON.stringify(e.after, null, 2)}</pre>` : nothing}
                </details>`
              : '—'}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-audit': PixAdminAudit;
  }
}
