// The settings panel, for operators: every field with inline validation (fieldRow.ts), secrets
// shown only as set or not set, .env import (envImport.ts), and the webhook setup with the
// listener card (webhookCard.ts). This file loads, keeps unsaved edits, and saves.

import type { FieldName, WebhookStatus, SettingsChanges, SettingsStatus } from '../../contract';
import { resolveLanguage, setLanguage, type LanguageChoice } from '../../i18n/i18n';
import { toBackendError, type AppBackend } from '../../ipc';
import { SECTIONS, defaultIdentity } from '../../settings/fields';
import { h, hm, setChildren } from '../dom';
import { icon } from '../icons';
import { localize } from '../l10n';
import { ConnectionCard, SETUP_FIELDS } from '../setup/connectionCard';
import { EnvImport } from './envImport';
import { FieldRow } from './fieldRow';
import { WebhookCard } from './webhookCard';

export interface SettingsActions {
  /** Settings changed on the Rust side (saved or imported). */
  changed(status: SettingsStatus, fields: FieldName[]): void;
  close(): void;
  /** A card shown after the form (Settings › Sound), owned by whoever passes it. */
  extra?: HTMLElement;
}

export class SettingsView {
  readonly el: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly banner: HTMLElement;
  private readonly formMessage: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly heading: HTMLElement;
  private readonly webhookCard: WebhookCard;
  /** The set-up wizard and what it connected, above the form. */
  private readonly connection: ConnectionCard;
  private rows = new Map<FieldName, FieldRow>();
  private loaded: SettingsStatus | null = null;

  constructor(
    private readonly backend: AppBackend,
    private readonly actions: SettingsActions,
  ) {
    this.heading = hm('h2', { class: 'panel-title', id: 'settings-title', tabindex: '-1' }, 'settings-title');
    const back = h('button', { type: 'button', class: 'icon-button back' }, icon('back'));
    localize(back, 'settings-back');
    back.addEventListener('click', () => actions.close());

    this.banner = h('div', { class: 'banner', hidden: true, role: 'note' });
    this.formMessage = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
    this.saveButton = hm('button', { type: 'submit', class: 'primary-button' }, 'settings-save');
    this.form = h('form', { class: 'settings-form', novalidate: true, 'aria-labelledby': 'settings-title' });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    const setupChanged = (status: SettingsStatus, fields: FieldName[]): void => {
      this.load(status);
      void this.backend.webhookStatus().then((l) => this.webhookCard.changed(l), () => undefined);
      actions.changed(status, fields);
    };
    this.webhookCard = new WebhookCard(backend, () => this.loaded, () => {
      void this.backend.settingsStatus().then((status) => setupChanged(status, SETUP_FIELDS), () => undefined);
    });
    this.connection = new ConnectionCard(backend, () => this.webhookCard.status, () => this.loaded, { settingsChanged: setupChanged });
    const envImport = backend.canEditSettings
      ? new EnvImport(backend, { show: (status) => this.load(status), changed: (status, fields) => actions.changed(status, fields) })
      : null;

    this.el = h(
      'section',
      { class: 'settings', 'aria-labelledby': 'settings-title' },
      h('div', { class: 'panel-head' }, back, this.heading),
      h(
        'div',
        { class: 'panel-body' },
        this.banner,
        backend.canEditSettings ? this.connection.el : null,
        backend.canEditSettings ? hm('h3', { class: 'manual-title' }, 'setup-manual-title') : null,
        this.form,
        actions.extra,
        envImport?.el,
      ),
      h('div', { class: 'panel-foot' }, this.formMessage, backend.canEditSettings ? this.saveButton : null),
    );
    this.saveButton.setAttribute('form', 'settings-form');
    this.form.id = 'settings-form';
  }

  focus(): void {
    this.heading.focus({ preventScroll: true });
  }

  /** Whether the form holds edits that were not saved yet. */
  hasUnsavedEdits(): boolean {
    return Object.keys(this.changes()).length > 0;
  }

  /**
   * Loads the current settings and listener state from the Rust side. Unsaved edits are kept:
   * leaving the panel (or a call taking the screen) must not throw away a half-typed secret.
   */
  async refresh(): Promise<void> {
    const [status, listener] = await Promise.allSettled([this.backend.settingsStatus(), this.backend.webhookStatus()]);
    this.webhookCard.take(listener.status === 'fulfilled' ? listener.value : null);
    if (status.status === 'fulfilled' && this.hasUnsavedEdits()) {
      this.webhookCard.render(null);
      this.setFormMessage('settings-unsaved', 'info');
    } else if (status.status === 'fulfilled') {
      this.load(status.value);
    } else {
      this.setFormMessage('settings-unreadable', 'error', { message: toBackendError(status.reason).message });
    }
    if (listener.status === 'rejected') this.webhookCard.render(toBackendError(listener.reason).message);
    if (this.backend.canEditSettings) await this.connection.refresh(true);
    // The remote checks, once per visit, when there is something to check.
    if (status.status === 'fulfilled' && status.value.complete) void this.webhookCard.wiring.run();
  }

  load(status: SettingsStatus): void {
    this.loaded = status;
    const editable = this.backend.canEditSettings;
    const notes: HTMLElement[] = [];
    if (!editable) notes.push(hm('p', {}, 'settings-read-only'));
    if (!status.keychain.available) {
      notes.push(
        status.keychain.message
          ? hm('p', {}, 'settings-no-keychain-because', { message: status.keychain.message })
          : hm('p', {}, 'settings-no-keychain'),
      );
    }
    if (!status.complete && editable) notes.push(hm('p', {}, 'settings-fill-in'));
    this.banner.hidden = notes.length === 0;
    setChildren(this.banner, ...notes);
    this.banner.classList.toggle('warning', !status.keychain.available || !editable);

    const byName = new Map(status.fields.map((f) => [f.name, f]));
    this.rows = new Map();
    const sections = SECTIONS.map(({ title, fields }) => {
      const rows = fields.flatMap((name) => {
        const field = byName.get(name);
        return field ? [this.addRow(new FieldRow(field, editable)).el] : [];
      });
      const fieldset = h('fieldset', { class: 'card' }, hm('legend', {}, title), ...rows);
      if (title === 'section-webhook') fieldset.appendChild(this.webhookCard.el);
      return fieldset;
    });
    setChildren(this.form, this.languageSection(status, editable), ...sections);
    this.saveButton.disabled = !editable;
    this.webhookCard.render(null);
  }

  /** A pushed listener status (see `WebhookCard.changed`). */
  webhookChanged(status: WebhookStatus): void {
    this.webhookCard.changed(status);
  }

  private addRow(row: FieldRow): FieldRow {
    this.rows.set(row.name, row);
    if (row.name === 'twilio_number') row.input.addEventListener('input', () => this.updateIdentityPlaceholder());
    return row;
  }

  private updateIdentityPlaceholder(): void {
    const identity = this.rows.get('identity');
    const number = this.rows.get('twilio_number');
    if (!identity || !number) return;
    const derived = defaultIdentity(number.input.value.trim());
    if (derived) localize(identity.input, 'placeholder-identity-default', { identity: derived });
    else localize(identity.input, 'placeholder-identity');
  }

  /** What to send: only fields the user changed (absent key = unchanged). */
  private changes(): SettingsChanges {
    const changes: SettingsChanges = {};
    for (const [name, row] of this.rows) {
      const change = row.change();
      if (change !== undefined) changes[name] = change;
    }
    return changes;
  }

  private async save(): Promise<void> {
    if (!this.backend.canEditSettings) return;
    const changes = this.changes();
    const names = Object.keys(changes) as FieldName[];
    let firstBad: FieldRow | null = null;
    for (const name of names) {
      const row = this.rows.get(name)!;
      row.markTouched();
      if (!row.check()) firstBad ??= row;
    }
    if (firstBad) {
      this.setFormMessage('settings-fix-marked', 'error');
      firstBad.input.focus();
      return;
    }
    if (names.length === 0) {
      this.setFormMessage('settings-nothing-changed', 'info');
      return;
    }
    this.saveButton.disabled = true;
    this.setFormMessage('settings-saving', 'info');
    try {
      const status = await this.backend.saveSettings(changes);
      this.webhookCard.take(await this.backend.webhookStatus().catch(() => this.webhookCard.status));
      this.load(status);
      const keychain = status.keychain.available ? 'yes' : 'no';
      this.setFormMessage(status.complete ? 'settings-saved-complete' : 'settings-saved-incomplete', 'ok', { keychain });
      this.actions.changed(status, names);
    } catch (error) {
      const e = toBackendError(error);
      const row = e.field ? this.rows.get(e.field) : undefined;
      if (row) {
        row.showError(e.message);
        row.input.focus();
      }
      this.setFormMessage('settings-not-saved', 'error', { message: e.message });
    } finally {
      this.saveButton.disabled = !this.backend.canEditSettings;
    }
  }

  private setFormMessage(id: string, kind: 'info' | 'ok' | 'error', args?: Record<string, string>): void {
    this.formMessage.className = `form-message ${kind}`;
    localize(this.formMessage, id, args);
  }

  /**
   * The language choice: applies at once (the whole window re-renders in place), then is saved
   * on its own, so it never waits for the rest of the form or drags unsaved edits along.
   */
  private languageSection(status: SettingsStatus, editable: boolean): HTMLElement {
    const field = status.fields.find((f) => f.name === 'language');
    const choice = (field?.value ?? 'auto') as LanguageChoice;
    const select = h('select', { id: 'field-language', name: 'language', class: 'text-input', 'aria-describedby': 'field-language-hint', disabled: !editable || field?.source === 'environment' });
    for (const [value, id] of [['auto', 'language-auto'], ['en', 'language-en'], ['ja', 'language-ja']] as const) {
      const option = hm('option', { value }, id);
      option.selected = value === choice;
      select.appendChild(option);
    }
    select.addEventListener('change', () => void this.chooseLanguage(select.value as LanguageChoice));
    return h(
      'fieldset',
      { class: 'card language' },
      hm('legend', {}, 'section-language'),
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'field-label' }, hm('label', { for: 'field-language' }, 'field-language')),
        select,
        hm('p', { class: 'field-hint', id: 'field-language-hint' }, field?.source === 'environment' ? 'hint-language-environment' : 'hint-language'),
      ),
    );
  }

  private async chooseLanguage(choice: LanguageChoice): Promise<void> {
    setLanguage(resolveLanguage(choice, navigator.languages));
    if (!this.backend.canEditSettings) return;
    try {
      const status = await this.backend.saveSettings({ language: choice });
      this.setFormMessage('settings-language-saved', 'ok');
      // Rust's words (a stored value's problem) come back in the new language too.
      if (!this.hasUnsavedEdits()) this.load(status);
      this.actions.changed(status, ['language']);
    } catch (error) {
      this.setFormMessage('settings-not-saved', 'error', { message: toBackendError(error).message });
    }
  }

  /** The window now speaks another language: redraw what holds words of the moment. */
  languageChanged(): void {
    this.webhookCard.render(null);
  }
}
