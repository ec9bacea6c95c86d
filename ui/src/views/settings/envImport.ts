// The .env import: choose a file or paste its text, and the Rust side saves what it recognises
// (the tutorial's variable names too) like the form does. Only where settings can be edited.

import type { FieldName, SettingsStatus } from '../../contract';
import { formatList, t } from '../../i18n/i18n';
import { toBackendError, type Backend } from '../../ipc';
import { FIELD_LABELS } from '../../settings/fields';
import { h, hm } from '../dom';
import { localize } from '../l10n';

export interface EnvImportHooks {
  /** Show the settings as they are after the import. */
  show(status: SettingsStatus): void;
  /** These settings changed on the Rust side. */
  changed(status: SettingsStatus, fields: FieldName[]): void;
}

export class EnvImport {
  readonly el: HTMLElement;
  private readonly message = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });

  constructor(
    private readonly backend: Backend,
    private readonly hooks: EnvImportHooks,
  ) {
    const file = h('input', { type: 'file', id: 'env-file', class: 'file-input', accept: '.env,text/plain' });
    const paste = h('textarea', {
      id: 'env-text',
      class: 'text-input env-text',
      rows: '4',
      spellcheck: 'false',
      placeholder: 'TWILIO_ACCOUNT_SID=AC…\nTWILIO_API_KEY_SID=SK…',
    });
    const importButton = hm('button', { type: 'button', class: 'secondary-button' }, 'import-pasted');
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      void chosen.text().then((text) => this.importEnv(text)).finally(() => {
        file.value = '';
      });
    });
    importButton.addEventListener('click', () => {
      void this.importEnv(paste.value).then((ok) => {
        if (ok) paste.value = '';
      });
    });
    this.el = h(
      'details',
      { class: 'card import' },
      hm('summary', {}, 'import-title'),
      hm('p', { class: 'field-hint' }, 'import-hint'),
      h('div', { class: 'field' }, hm('label', { for: 'env-file' }, 'import-choose-file'), file),
      h('div', { class: 'field' }, hm('label', { for: 'env-text' }, 'import-paste'), paste),
      importButton,
      this.message,
    );
  }

  /** Imports `contents`; resolves true when at least one setting was imported. */
  private async importEnv(contents: string): Promise<boolean> {
    if (!this.backend.canEditSettings) return false;
    if (contents.trim() === '') {
      this.say('import-empty', 'error');
      return false;
    }
    try {
      const { status, imported } = await this.backend.importEnv(contents);
      this.hooks.show(status);
      const labels = imported.map((name) => t(FIELD_LABELS[name]));
      if (imported.length) this.say('import-done', 'ok', { count: labels.length, names: formatList(labels) });
      else this.say('import-nothing', 'error');
      if (imported.length) this.hooks.changed(status, imported);
      return imported.length > 0;
    } catch (error) {
      this.say('import-failed', 'error', { message: toBackendError(error).message });
      return false;
    }
  }

  private say(id: string, kind: 'ok' | 'error', args?: Record<string, string | number>): void {
    this.message.className = `form-message ${kind}`;
    localize(this.message, id, args);
  }
}
