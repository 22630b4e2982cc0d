import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, signedInAdmin } from '../api/session.js';
import type { Keyring } from '../api/types.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

const DAY = 86_400;

/** The tool's signing keys, and their rotation with an overlap (academy admins). */
@customElement('pix-admin-keys')
export class PixAdminKeys extends AdminScreen {
  @state() private ring?: Keyring;
  @state() private loadError?: string;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.ring = await api.get<Keyring>('/keys');
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private async rotate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const days = Number(new FormData(event.target as HTMLFormElement).get('overlapDays'));
    this.busy = true;
    try {
      const result = await api.post<{ activeKid: string; previousRetireAt: string }>('/keys/rotate', { overlapSeconds: Math.round(days * DAY) });
      await this.load();
      this.announce(this.m.keys.rotated(result.activeKid, this.m.dateTime(result.previousRetireAt)));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const m = this.m.keys;
    const ring = this.ring;
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <p>${m.intro}</p>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${ring
        ? html`<div class="scroll"><table>
            <caption>${m.caption}</caption>
            <thead><tr><th scope="col">${m.kid}</th><th scope="col">${m.created}</th><th scope="col">${m.state}</th><th scope="col">${m.retireAt}</th></tr></thead>
            <tbody>
              ${[...ring.keys].reverse().map(
                (k) => html`<tr>
                  <th scope="row" class="mono">${k.kid}</th>
                  <td>${this.m.dateTime(k.createdAt)}</td>
                  <td>${k.active ? m.active : k.published ? m.published : m.retired}</td>
                  <td>${k.retireAt ? this.m.dateTime(k.retireAt) : '—'}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>
          ${signedInAdmin()?.role === 'academy-admin' ? this.renderRotate(ring) : html`<p class="notice">${m.readOnly}</p>`}`
        : this.loadError
          ? nothing
          : html`<p role="status">${this.m.loading}</p>`}
    </div>`;
  }

  private renderRotate(ring: Keyring) {
    const m = this.m.keys;
    const min = Math.max(1, Math.ceil(ring.overlap.minSeconds / DAY));
    const max = Math.floor(ring.overlap.maxSeconds / DAY);
    return html`<section class="card" aria-labelledby="rotate-title">
      <h2 id="rotate-title">${m.rotate}</h2>
      <form @submit=${this.rotate}>
        <div class="field">
          <label for="overlapDays">${m.overlapDays}</label>
          <span class="hint" id="overlap-hint">${m.overlapHint(String(min), String(max))}</span>
          <input id="overlapDays" name="overlapDays" type="number" inputmode="numeric" min=${min} max=${max} step="1" required .value=${String(Math.round(ring.overlap.defaultSeconds / DAY))} aria-describedby="overlap-hint" />
        </div>
        <div class="actions"><button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.rotate}</button></div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-keys': PixAdminKeys;
  }
}
