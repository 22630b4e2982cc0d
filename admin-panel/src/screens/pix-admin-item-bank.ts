import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ChallengeView } from '../../../web-components/src/api/contract.js';
import '../../../web-components/src/components/pix-challenge/pix-challenge.js';
import { api, signedInAdmin } from '../api/session.js';
import type { ChallengePage, ChallengeRow, ChallengeStatus, ImportIssue, ImportReport, ItemBankSummary } from '../api/types.js';
import { errorMessage } from '../i18n/i18n.js';
import { AdminScreen } from '../ui/screen.js';

const PAGE_SIZE = 25;
const UPLOAD_TYPE = 'application/vnd.pix-lti.item-bank-upload+json';
const TEXT_FILE = /\.(ya?ml|json)$/i;
const TYPES = ['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep'];
const STATUSES: ChallengeStatus[] = ['validated', 'draft', 'archived', 'obsolete'];

/**
 * The item bank: the active version, an import with its validation report (errors by
 * file, item, field and line; a bad bank changes nothing), the challenges with a
 * learner's-eye preview (web-components' pix-challenge) and withdraw / restore.
 */
@customElement('pix-admin-item-bank')
export class PixAdminItemBank extends AdminScreen {
  @state() private summary?: ItemBankSummary;
  @state() private page?: ChallengePage;
  @state() private filter: Record<string, string> = {};
  @state() private loadError?: string;
  @state() private report?: ImportReport;
  @state() private importError?: string;
  @state() private busy = false;
  @state() private preview?: { id: string; challenge: ChallengeView };

  private get writable(): boolean {
    return signedInAdmin()?.role === 'academy-admin';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadAll(1);
  }

  private async loadAll(page: number): Promise<void> {
    try {
      [this.summary, this.page] = await Promise.all([api.get<ItemBankSummary>('/item-bank'), api.get<ChallengePage>('/item-bank/challenges', { ...this.filter, page, pageSize: PAGE_SIZE })]);
      this.loadError = undefined;
    } catch (err) {
      this.loadError = errorMessage(this.m, err);
    }
  }

  private async upload(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const m = this.m.itemBank;
    const form = event.target as HTMLFormElement;
    const input = form.querySelector<HTMLInputElement>('#bank-files')!;
    const folder = form.querySelector<HTMLInputElement>('#bank-folder')!;
    // A folder keeps the bank's layout (images/…, fichiers/…) that challenges refer to; its own name is dropped.
    const chosen = [...(folder.files ?? [])].map((f) => ({ file: f, name: f.webkitRelativePath.split('/').slice(1).join('/') || f.name }));
    chosen.push(...[...(input.files ?? [])].map((f) => ({ file: f, name: f.name })));
    this.report = undefined;
    this.importError = undefined;
    if (chosen.length === 0) {
      this.importError = m.noFiles;
      input.focus();
      return;
    }
    this.busy = true;
    try {
      const files = await Promise.all(
        chosen.map(async ({ file, name }) => (TEXT_FILE.test(name) ? { name, text: await file.text() } : { name, base64: toBase64(await file.arrayBuffer()) })),
      );
      const dryRun = new FormData(form).get('dryRun') === 'on';
      this.report = await api.postAs<ImportReport>('/item-bank/imports', { files, dryRun }, UPLOAD_TYPE, [422]);
      await this.loadAll(1);
      this.announce(`${m.outcomes[this.report.outcome]} ${m.errorCount(this.report.errors.length)}, ${m.warningCount(this.report.warnings.length)}.`, this.report.ok ? 'success' : 'error');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#report-title')?.focus();
    } catch (err) {
      this.importError = errorMessage(this.m, err);
    } finally {
      this.busy = false;
    }
  }

  private onFilter(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const filter: Record<string, string> = {};
    for (const key of ['q', 'status', 'type', 'competenceId']) {
      const value = String(data.get(key) ?? '').trim();
      if (value) filter[key] = value;
    }
    this.filter = filter;
    void this.loadAll(1).then(() => this.announce(this.m.itemBank.challengeCount(this.page?.total ?? 0)));
  }

  private async showPreview(row: ChallengeRow): Promise<void> {
    try {
      const { challenge } = await api.get<{ challenge: ChallengeView }>(`/item-bank/challenges/${encodeURIComponent(row.id)}/preview`);
      this.preview = { id: row.id, challenge };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#preview-title')?.focus();
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  private async closePreview(): Promise<void> {
    const id = this.preview?.id;
    this.preview = undefined;
    await this.updateComplete;
    if (id) this.renderRoot.querySelector<HTMLElement>(`[data-preview="${CSS.escape(id)}"]`)?.focus();
  }

  private async setStatus(row: ChallengeRow, status: ChallengeStatus): Promise<void> {
    const m = this.m.itemBank;
    try {
      await api.post(`/item-bank/challenges/${encodeURIComponent(row.id)}/status`, { status });
      await this.loadAll(this.page?.page ?? 1);
      this.announce(status === 'obsolete' ? m.deactivated(row.id) : m.restored(row.id));
    } catch (err) {
      this.announce(errorMessage(this.m, err), 'error');
    }
  }

  override render() {
    const m = this.m.itemBank;
    return html`<div class="stack">
      <h1 tabindex="-1">${m.title}</h1>
      <p>${m.intro}</p>
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      ${this.summary ? this.renderSummary(this.summary) : this.loadError ? nothing : html`<p role="status">${this.m.loading}</p>`}
      ${this.writable ? this.renderImport() : html`<p class="notice">${m.readOnly}</p>`}
      ${this.report ? this.renderReport(this.report) : nothing}
      ${this.preview ? this.renderPreview(this.preview) : nothing}
      ${this.page ? this.renderChallenges(this.page) : nothing}
    </div>`;
  }

  private renderSummary(s: ItemBankSummary) {
    const m = this.m.itemBank;
    const active = s.versions.find((v) => v.id === s.activeVersionId);
    return html`<section class="card" aria-labelledby="active-title">
      <h2 id="active-title">${m.active}</h2>
      ${active
        ? html`<p><span class="mono">${active.id}</span> — ${active.label}, ${this.m.dateTime(active.importedAt)}</p>
            <p>${m.counts(s.counts.challenges, s.counts.skills, s.counts.tubes)}</p>
            <p>${m.byStatus} : ${STATUSES.map((st) => `${m.statuses[st]} ${s.counts.byStatus[st] ?? 0}`).join(', ')}</p>`
        : html`<p>${m.none}</p>`}
    </section>`;
  }

  private renderImport() {
    const m = this.m.itemBank;
    return html`<section class="card" aria-labelledby="import-title">
      <h2 id="import-title">${m.importTitle}</h2>
      <form @submit=${this.upload} novalidate>
        <div class="field">
          <label for="bank-files">${m.files}</label>
          <span class="hint" id="bank-files-hint">${m.filesHint}</span>
          <input id="bank-files" name="files" type="file" multiple accept=".yaml,.yml,.json,.svg,.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.csv,.odt,.ods,.odp,.docx,.xlsx,.pptx,.mp3,.ogg" aria-describedby="bank-files-hint${this.importError ? ' import-error' : ''}" aria-invalid=${this.importError ? 'true' : 'false'} />
          ${this.importError ? html`<span class="field-error" id="import-error">${this.importError}</span>` : nothing}
        </div>
        <div class="field">
          <label for="bank-folder">${m.folder}</label>
          <span class="hint" id="bank-folder-hint">${m.folderHint}</span>
          <input id="bank-folder" name="folder" type="file" webkitdirectory aria-describedby="bank-folder-hint" />
        </div>
        <div class="field"><label><input type="checkbox" name="dryRun" /> ${m.dryRun}</label></div>
        <div class="actions">
          <button type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${m.submitImport}</button>
          ${this.busy ? html`<span role="status">${m.reading}</span>` : nothing}
        </div>
      </form>
    </section>`;
  }

  private renderReport(report: ImportReport) {
    const m = this.m.itemBank;
    const table = (issues: ImportIssue[], caption: string, kind: string) => html`<div class="scroll"><table data-report=${kind}>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">${m.file}</th><th scope="col">${m.item}</th><th scope="col">${m.field}</th><th scope="col" class="num">${m.line}</th><th scope="col">${m.problem}</th></tr></thead>
      <tbody>
        ${issues.map(
          (i) => html`<tr>
            <td class="mono">${i.file}</td>
            <th scope="row" class="mono">${i.item ?? '—'}</th>
            <td class="mono">${i.field ?? '—'}</td>
            <td class="num">${i.line ?? '—'}</td>
            <td><span class="mono">${i.code}</span> — ${i.message}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
    return html`<section class="card" aria-labelledby="report-title">
      <h2 id="report-title" tabindex="-1">${m.report}</h2>
      <p class="notice ${report.ok ? 'success' : 'error'}">${m.outcomes[report.outcome]} ${m.errorCount(report.errors.length)}, ${m.warningCount(report.warnings.length)}.</p>
      ${report.versionId ? html`<p class="mono">${report.versionId}</p>` : nothing}
      ${report.errors.length > 0 ? table(report.errors, m.errorsCaption, 'errors') : nothing}
      ${report.warnings.length > 0 ? table(report.warnings, m.warningsCaption, 'warnings') : nothing}
    </section>`;
  }

  private renderPreview(preview: { id: string; challenge: ChallengeView }) {
    const m = this.m.itemBank;
    return html`<section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title" tabindex="-1">${m.previewTitle(preview.id)}</h2>
      <p class="hint">${m.previewNote}</p>
      <pix-challenge .challenge=${preview.challenge} .state=${{ number: 1, focusedOut: false }}></pix-challenge>
      <div class="actions"><button class="secondary" @click=${this.closePreview}>${m.closePreview}</button></div>
    </section>`;
  }

  private renderChallenges(page: ChallengePage) {
    const m = this.m.itemBank;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const select = (name: string, label: string, options: Array<[string, string]>) => html`<div class="field">
      <label for="f-${name}">${label}</label>
      <select id="f-${name}" name=${name}>
        <option value="">${m.any}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filter[name] === value}>${text}</option>`)}
      </select>
    </div>`;
    return html`<section aria-labelledby="challenges-title">
      <h2 id="challenges-title">${m.challenges} — ${m.challengeCount(page.total)}</h2>
      <form role="search" class="inline" @submit=${this.onFilter}>
        <div class="field"><label for="f-q">${m.q}</label><input id="f-q" name="q" type="search" .value=${this.filter.q ?? ''} /></div>
        ${select('status', m.status, STATUSES.map((s) => [s, m.statuses[s] ?? s]))}
        ${select('type', m.type, TYPES.map((t) => [t, t]))}
        ${select('competenceId', m.competence, (this.summary?.competences ?? []).map((c) => [c.id, `${c.code} ${c.name.fr}`]))}
        <button type="submit" class="secondary">${m.filter}</button>
      </form>
      <div class="scroll"><table>
        <caption class="visually-hidden">${m.challenges}</caption>
        <thead><tr><th scope="col">${m.id}</th><th scope="col">${m.type}</th><th scope="col">${m.skill}</th><th scope="col">${m.instruction}</th><th scope="col">${m.status}</th><th scope="col">${m.actions}</th></tr></thead>
        <tbody>
          ${page.challenges.map(
            (c) => html`<tr>
              <th scope="row" class="mono">${c.id}</th>
              <td>${c.type}</td>
              <td class="mono">${c.skill.name ?? c.skill.id}</td>
              <td>${c.instruction}</td>
              <td>${m.statuses[c.status] ?? c.status}</td>
              <td><div class="actions">
                <button class="secondary" data-preview=${c.id} @click=${() => this.showPreview(c)}>${m.preview(c.id)}</button>
                ${this.writable
                  ? c.status === 'obsolete'
                    ? html`<button class="secondary" @click=${() => this.setStatus(c, 'validated')}>${m.restore(c.id)}</button>`
                    : html`<button class="danger" @click=${() => this.setStatus(c, 'obsolete')}>${m.deactivate(c.id)}</button>`
                  : nothing}
              </div></td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${pages > 1
        ? html`<nav class="actions" aria-label=${this.m.schools.page(page.page, pages)}>
            <button class="secondary" ?disabled=${page.page <= 1} @click=${() => this.loadAll(page.page - 1)}>${this.m.previous}</button>
            <span>${this.m.schools.page(page.page, pages)}</span>
            <button class="secondary" ?disabled=${page.page >= pages} @click=${() => this.loadAll(page.page + 1)}>${this.m.next}</button>
          </nav>`
        : nothing}
    </section>`;
  }
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

declare global {
  interface HTMLElementTagNameMap {
    'pix-admin-item-bank': PixAdminItemBank;
  }
}
