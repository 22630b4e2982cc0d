import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, setSignedIn, signedInAdmin } from '../api/session.js';
import type { SessionInfo } from '../api/types.js';
import { locale, setLocale } from '../i18n/i18n.js';
import { AdminElement, type AnnounceDetail } from '../ui/admin-element.js';
import { base, forms, tokens } from '../ui/theme.js';
import { href, parseRoute, type Route } from './routes.js';
import '../screens/pix-admin-sign-in.js';
import '../screens/pix-admin-setup.js';
import '../screens/pix-admin-schools.js';
import '../screens/pix-admin-school.js';
import '../screens/pix-admin-keys.js';
import '../screens/pix-admin-platforms.js';
import '../screens/pix-admin-platform.js';
import '../screens/pix-admin-audit.js';
import '../screens/pix-admin-campaigns.js';
import '../screens/pix-admin-item-bank.js';
import '../screens/pix-admin-operations.js';
import '../screens/pix-admin-registry.js';

/**
 * The admin panel's shell: who is signed in, the hash router, the header and main
 * navigation, the skip link, and one live region where every screen's results are
 * announced. Each screen moves focus to its heading when it opens (RGAA 12.x).
 */
@customElement('pix-admin-app')
export class PixAdminApp extends AdminElement {
  static override styles = [
    tokens,
    base,
    forms,
    css`
      :host {
        min-height: 100vh;
        background: var(--_background);
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -4rem;
        background: var(--_surface);
        padding: 0.5rem 1rem;
        z-index: 10;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        background: var(--_surface);
        border-bottom: 1px solid var(--_divider);
        padding: 0.75rem clamp(1rem, 4vw, 2rem);
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem 1.5rem;
      }
      .brand {
        font-weight: 700;
        font-size: 1.125rem;
        margin: 0;
        flex: 1 1 auto;
      }
      .who {
        color: var(--_muted);
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0;
        padding: 0 clamp(1rem, 4vw, 2rem);
        background: var(--_surface);
        border-bottom: 1px solid var(--_divider);
      }
      nav a {
        display: inline-block;
        padding: 0.75rem 0.25rem;
        text-decoration: none;
        font-weight: 600;
        border-bottom: 4px solid transparent;
      }
      nav a[aria-current='page'] {
        border-bottom-color: var(--_primary);
        color: var(--_text);
      }
      main {
        padding: clamp(1rem, 4vw, 2rem);
        max-width: 72rem;
        margin: 0 auto;
      }
      main:focus {
        outline: none;
      }
      .live:empty {
        display: none;
      }
      .live {
        max-width: 72rem;
        margin: 1rem auto 0;
      }
    `,
  ];

  @state() private route: Route = parseRoute(window.location.hash);
  @state() private ready = false;
  @state() private announcement?: AnnounceDetail;
  @state() private signInNotice?: string;

  private readonly onHashChange = () => {
    this.route = parseRoute(window.location.hash);
    this.announcement = undefined;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = locale();
    window.addEventListener('hashchange', this.onHashChange);
    this.addEventListener('admin-announce', (e) => {
      this.announcement = (e as CustomEvent<AnnounceDetail>).detail;
    });
    this.addEventListener('admin-signed-in', (e) => {
      const info = (e as CustomEvent<SessionInfo>).detail;
      setSignedIn(info.admin, info.csrfToken);
      this.signInNotice = undefined;
      if (!window.location.hash || this.route.name === 'sign-in' || this.route.name === 'setup') window.location.hash = href.schools;
      this.requestUpdate();
    });
    api.onSessionLost = () => {
      if (!signedInAdmin()) return;
      setSignedIn(undefined);
      this.signInNotice = this.m.signIn.sessionLost;
      this.requestUpdate();
    };
    void this.loadSession();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private async loadSession(): Promise<void> {
    try {
      const info = await api.get<SessionInfo>('/session');
      setSignedIn(info.admin, info.csrfToken);
    } catch {
      setSignedIn(undefined);
    }
    this.ready = true;
  }

  private async signOut(): Promise<void> {
    try {
      await api.delete('/session');
    } finally {
      setSignedIn(undefined);
      this.signInNotice = this.m.signIn.signedOut;
      window.location.hash = href.signIn;
      this.requestUpdate();
    }
  }

  private toggleLanguage(): void {
    setLocale(locale() === 'fr' ? 'en' : 'fr');
  }

  private focusMain(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  protected override updated(): void {
    const m = this.m;
    const titles: Record<Route['name'], string> = {
      'sign-in': m.signIn.title,
      setup: m.setup.title,
      schools: m.schools.title,
      school: m.schools.title,
      platforms: m.platforms.title,
      platform: m.platforms.title,
      keys: m.keys.title,
      audit: m.audit.title,
      campaigns: m.campaigns.title,
      'item-bank': m.itemBank.title,
      operations: m.operations.title,
      registry: m.registry.title,
    };
    const admin = signedInAdmin();
    const name = admin || this.route.name === 'setup' ? this.route.name : 'sign-in';
    document.title = m.pageTitle(titles[name]);
  }

  override render() {
    const m = this.m;
    if (!this.ready) return html`<main><p role="status">${m.loading}</p></main>`;
    const language = html`<button class="secondary" lang=${locale() === 'fr' ? 'en' : 'fr'} aria-label=${m.switchLanguageLabel} @click=${this.toggleLanguage}>${m.switchLanguage}</button>`;
    const live = html`<div class="live" role=${this.announcement?.tone === 'error' ? 'alert' : 'status'}>${this.announcement
      ? html`<p class="notice ${this.announcement.tone}">${this.announcement.message}</p>`
      : nothing}</div>`;
    const admin = signedInAdmin();
    if (this.route.name === 'setup' || !admin) {
      return html`
        <header><p class="brand">${m.appName}</p>${language}</header>
        <main id="main" tabindex="-1">
          ${this.route.name === 'setup'
            ? html`<pix-admin-setup .token=${this.route.token}></pix-admin-setup>`
            : html`<pix-admin-sign-in .notice=${this.signInNotice}></pix-admin-sign-in>`}
        </main>
      `;
    }
    const scope = admin.uai ? m.schoolScope(admin.uai) : m.academyScope(admin.academy);
    const current = this.route.name === 'school' ? 'schools' : this.route.name === 'platform' ? 'platforms' : this.route.name;
    const links: Array<[string, string, string]> = [['schools', href.schools, m.nav.schools]];
    if (admin.role !== 'school-admin') links.push(['platforms', href.platforms, m.nav.platforms]);
    links.push(['campaigns', href.campaigns, m.nav.campaigns], ['item-bank', href.itemBank, m.nav.itemBank]);
    if (admin.role !== 'school-admin') links.push(['operations', href.operations, m.nav.operations], ['keys', href.keys, m.nav.keys]);
    if (admin.role === 'academy-admin') links.push(['registry', href.registry, m.nav.registry]);
    links.push(['audit', href.audit, m.nav.audit]);
    return html`
      <a class="skip" href="#main" @click=${this.focusMain}>${m.skipToContent}</a>
      <header>
        <p class="brand">${m.appName}</p>
        <span class="who">${m.signedInAs(admin.displayName, m.roles[admin.role] ?? admin.role, scope)}</span>
        ${language}
        <button class="secondary" @click=${this.signOut}>${m.signOut}</button>
      </header>
      <nav aria-label=${m.mainNav}>
        <ul>
          ${links.map(([name, link, label]) => html`<li><a href=${link} aria-current=${current === name ? 'page' : 'false'}>${label}</a></li>`)}
        </ul>
      </nav>
      ${live}
      <main id="main" tabindex="-1">${this.renderScreen()}</main>
    `;
  }

  private renderScreen() {
    switch (this.route.name) {
      case 'school':
        return html`<pix-admin-school .uai=${this.route.uai}></pix-admin-school>`;
      case 'platforms':
        return html`<pix-admin-platforms></pix-admin-platforms>`;
      case 'platform':
        return html`<pix-admin-platform .registrationId=${this.route.id}></pix-admin-platform>`;
      case 'keys':
        return html`<pix-admin-keys></pix-admin-keys>`;
      case 'audit':
        return html`<pix-admin-audit></pix-admin-audit>`;
      case 'campaigns':
        return html`<pix-admin-campaigns></pix-admin-campaigns>`;
      case 'item-bank':
        return html`<pix-admin-item-bank></pix-admin-item-bank>`;
      case 'operations':
        return html`<pix-admin-operations></pix-admin-operations>`;
      case 'registry':
        return html`<pix-admin-registry></pix-admin-registry>`;
      default:
        return html`<pix-admin-schools></pix-admin-schools>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-app': PixAdminApp;
  }
}
