// The .env import: choose a file or paste its text, and the Rust side saves what it recognises
// (the tutorial's variable names too) like the form does. Only where settings can be edited.

import type { FieldName, SettingsStatus } from '../../contract';
import { toBackendError, type Backend } from '../../ipc';
import { h, setText } from '../dom';

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
    const importButton = h('button', { type: 'button', class: 'secondary-button' }, 'Import pasted text');
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
      h('summary', {}, 'Import a .env file'),
      h('p', { class: 'field-hint' }, 'Reads the tutorial’s variables (TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWIML_APP_SID, TWILIO_NUMBER …) and saves them like the form does.'),
      h('div', { class: 'field' }, h('label', { for: 'env-file' }, 'Choose a file'), file),
      h('div', { class: 'field' }, h('label', { for: 'env-text' }, 'Or paste its contents'), paste),
      importButton,
      this.message,
    );
  }

  /** Imports `contents`; resolves true when at least one setting was imported. */
  private async importEnv(contents: string): Promise<boolean> {
    if (!this.backend.canEditSettings) return false;
    if (contents.trim() === '') {
      this.say('The .env text is empty.', 'error');
      return false;
    }
    try {
      const { status, imported } = await this.backend.importEnv(contents);
      this.hooks.show(status);
      const labels = imported.map((name) => status.fields.find((f) => f.name === name)?.label ?? name);
      this.say(
        imported.length ? `Imported ${labels.length} setting${labels.length === 1 ? '' : 's'}: ${labels.join(', ')}.` : 'No Dialtone settings found in that text.',
        imported.length ? 'ok' : 'error',
      );
      if (imported.length) this.hooks.changed(status, imported);
      return imported.length > 0;
    } catch (error) {
      this.say(`Not imported: ${toBackendError(error).message}`, 'error');
      return false;
    }
  }

  private say(text: string, kind: 'ok' | 'error'): void {
    this.message.className = `form-message ${kind}`;
    setText(this.message, text);
  }
}
