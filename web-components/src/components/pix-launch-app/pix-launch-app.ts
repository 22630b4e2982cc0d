import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PixApi } from '../../api/client.js';
import { parseLaunchConfig, type LaunchPageConfig } from '../../api/launch-config.js';
import { base, tokens } from '../../styles/theme.js';
import { PixElement } from '../../util/pix-element.js';
import '../pix-player/pix-player.js';
import { styles } from './pix-launch-app.styles.js';

/**
 * The root of the LTI launch page. It reads the launch configuration the tool wrote
 * into `<script type="application/json" id="pix-launch-config">` (bearer token, API
 * base, view, locale…) and shows the learner's player, the teacher's dashboard or the
 * deep-linking content picker. The teacher and picker code is loaded only for them.
 *
 * @csspart view - the element of the current view.
 */
@customElement('pix-launch-app')
export class PixLaunchApp extends PixElement {
  static override styles = [tokens, base, styles];

  /** Id of the JSON script element holding the launch configuration. */
  @property({ attribute: 'config-id' }) configId = 'pix-launch-config';

  @state() private config?: LaunchPageConfig;
  @state() private failed = false;
  @state() private ready = false;
  private api?: PixApi;

  override connectedCallback(): void {
    this.config = parseLaunchConfig(document.getElementById(this.configId)?.textContent);
    // The launch's language applies to everything inside, and is marked for assistive technologies.
    if (this.config && !this.hasAttribute('lang')) this.setAttribute('lang', this.config.locale.slice(0, 2).toLowerCase() === 'en' ? 'en' : 'fr');
    super.connectedCallback();
    if (!this.config) {
      this.failed = true;
      return;
    }
    this.api = new PixApi({ apiBase: this.config.apiBase, token: this.config.token });
    void this.loadView(this.config.view);
  }

  private async loadView(view: LaunchPageConfig['view']): Promise<void> {
    if (view === 'instructor') await import('../pix-teacher-dashboard/pix-teacher-dashboard.js');
    if (view === 'deep-linking') await import('../pix-content-picker/pix-content-picker.js');
    if (view === 'learner' && this.config?.activity?.type === 'certification') await import('../pix-certification-candidate/pix-certification-candidate.js');
    this.ready = true;
  }

  /** The page's main landmark is ours: the tool's server-rendered fallback inside us is replaced, not slotted. */
  override render() {
    return html`<main>${this.renderView()}</main>`;
  }

  private renderView() {
    if (this.failed || !this.config) return html`<h1>${this.m.common.errorTitle}</h1><p class="notice error" role="alert">${this.m.errors.CONFIG_MISSING}</p>`;
    if (!this.ready) return html`<p class="center muted" role="status">${this.m.common.loading}</p>`;
    const c = this.config;
    switch (c.view) {
      case 'learner':
        // A certification link leads to the candidate's screens (session number, access code, the test).
        if (c.activity?.type === 'certification') return html`<pix-certification-candidate part="view" .api=${this.api}></pix-certification-candidate>`;
        return html`<pix-player part="view" .api=${this.api}></pix-player>`;
      case 'instructor':
        return html`<pix-teacher-dashboard part="view" .api=${this.api} resource-link-id=${c.resourceLink?.id ?? nothing}></pix-teacher-dashboard>`;
      case 'deep-linking':
        return html`<pix-content-picker part="view" .api=${this.api} ?accept-multiple=${c.deepLinking?.acceptMultiple ?? false}></pix-content-picker>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-launch-app': PixLaunchApp;
  }
}
