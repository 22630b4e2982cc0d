import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PixApi } from '../../api/client.js';
import { base, tokens } from '../../styles/theme.js';
import { defaultApiBase } from '../../util/api-base.js';
import { PixElement } from '../../util/pix-element.js';
import '../pix-player/pix-player.js';
import { styles } from './pix-campaign.styles.js';

/**
 * A campaign on any page (an ENT, a school site): the student player for one campaign
 * code, authenticated by a short-lived token that the page's server obtained for the
 * student (docs/guides/ent-integration.md). No cookie is used.
 *
 * ```html
 * <script type="module" src="https://pix-lti.example.org/static/pix-components.js"></script>
 * <pix-campaign code="BCTERD153" token="…" lang="fr"></pix-campaign>
 * ```
 *
 * @csspart player - the player inside.
 */
@customElement('pix-campaign')
export class PixCampaign extends PixElement {
  static override styles = [tokens, base, styles];

  /** Campaign code (6 letters + 3 digits). */
  @property() code = '';
  /** Bearer token for the student (from the ENT exchange). */
  @property() token = '';
  /** The tool's API (`https://pix-lti.example.org/api`); defaults to `/api` on the origin the script was loaded from. */
  @property({ attribute: 'api-base' }) apiBase = '';

  private cached?: { key: string; api: PixApi };

  override render() {
    if (!this.token) return html`<p class="notice error" role="alert">${this.m.errors.TOKEN_MISSING}</p>`;
    // One client per (API, token): the player keeps its state while the page re-renders us.
    const key = `${this.apiBase}|${this.token}`;
    if (this.cached?.key !== key) this.cached = { key, api: new PixApi({ apiBase: this.apiBase || defaultApiBase(), token: this.token }) };
    return html`<pix-player part="player" .api=${this.cached.api} campaign-code=${this.code}></pix-player>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-campaign': PixCampaign;
  }
}
