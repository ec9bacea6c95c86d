// Contacts: the list Rust keeps (its names are what Recents, Voicemail and the call screens
// show), search by name or number (Rust matches), add, edit, delete (asks first), and import
// a vCard file with its report.

import type { Contact, ContactDraft, HistoryStatus, ImportReport } from '../contract';
import { formatList, language, t } from '../i18n/i18n';
import { toBackendError, type JournalBackend } from '../ipc';
import type { Region } from '../phone/number';
import { ContactForm } from './contactForm';
import { h, hm, setChildren } from './dom';
import { icon } from './icons';
import { isCallable, partyLabel } from './journal';
import { localize } from './l10n';
import { LiveList } from './liveList';

export interface ContactsActions {
  homeRegion(): Region | null;
  callBack: ((number: string) => void) | null;
  /** Names changed: Recents and Voicemail show them, the call screens look them up again. */
  changed(): void;
}

export class ContactsView {
  readonly el: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly notice: HTMLElement;
  private readonly message: HTMLElement;
  private readonly form: ContactForm;
  private contacts: Contact[] = [];
  /** The rows on screen, kept where they did not change (focus and place stay). */
  private readonly rows: LiveList;
  private confirming: number | null = null;
  private loads = 0;

  constructor(
    private readonly journal: JournalBackend,
    private readonly actions: ContactsActions,
  ) {
    this.search = h('input', { type: 'search', id: 'contact-search', class: 'text-input', autocomplete: 'off' });
    localize(this.search, 'contacts-search');
    this.search.addEventListener('input', () => void this.refresh(null));
    const add = hm('button', { type: 'button', class: 'secondary-button add' }, 'contacts-add');
    add.addEventListener('click', () => this.form.open(null));
    this.form = new ContactForm({
      save: (id, draft) => this.save(id, draft),
      cancel: () => this.form.close(),
    });
    const file = h('input', { type: 'file', id: 'vcard-file', class: 'file-input', accept: '.vcf,text/vcard,text/x-vcard' });
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      file.value = '';
      if (chosen) void this.importFile(chosen);
    });
    this.notice = h('p', { class: 'banner warning journal-notice', role: 'status', hidden: true });
    this.message = h('div', { class: 'form-message journal-message', role: 'status', 'aria-live': 'polite' });
    this.list = h('ul', { class: 'journal-list contacts-list', 'aria-labelledby': 'contacts-title' });
    this.rows = new LiveList(this.list);
    this.el = h(
      'section',
      { class: 'journal contacts' },
      h('div', { class: 'journal-head' }, hm('h2', { class: 'journal-title', id: 'contacts-title' }, 'contacts-title'), add),
      h('div', { class: 'field' }, hm('label', { for: 'contact-search', class: 'visually-hidden' }, 'contacts-search-label'), this.search),
      this.notice,
      this.form.el,
      this.message,
      this.list,
      h(
        'details',
        { class: 'vcard-import' },
        hm('summary', {}, 'contacts-import-title'),
        hm('p', { class: 'field-hint' }, 'contacts-import-hint'),
        h('div', { class: 'field' }, hm('label', { for: 'vcard-file' }, 'contacts-import-choose'), file),
      ),
    );
  }

  async refresh(status: HistoryStatus | null): Promise<Contact[]> {
    const load = ++this.loads;
    if (status && !status.available) {
      localize(this.notice, 'journal-unavailable', { reason: status.problem ?? t('journal-unavailable-unknown') });
      this.notice.hidden = false;
      this.contacts = [];
      this.draw();
      return [];
    }
    try {
      const query = this.search.value.trim();
      const contacts = await this.journal.contacts(query || undefined);
      if (load !== this.loads) return contacts;
      this.notice.hidden = true;
      this.contacts = contacts;
      this.draw();
      return contacts;
    } catch (error) {
      if (load === this.loads) {
        localize(this.notice, 'journal-unavailable', { reason: toBackendError(error).message });
        this.notice.hidden = false;
      }
      return [];
    }
  }

  /** "Add to contacts" from Recents: the form, with the number filled in. */
  addNumber(number: string): void {
    this.form.open(null, number);
  }

  languageChanged(): void {
    this.draw();
  }

  private async save(id: number | null, draft: ContactDraft): Promise<void> {
    const saved = id === null ? await this.journal.addContact(draft) : await this.journal.editContact(id, draft);
    localize(this.message, id === null ? 'contacts-added' : 'contacts-edited', { name: saved.name });
    this.actions.changed();
    await this.refresh(null);
  }

  private async remove(contact: Contact): Promise<void> {
    this.confirming = null;
    try {
      await this.journal.deleteContact(contact.id);
      localize(this.message, 'contacts-deleted', { name: contact.name });
      this.actions.changed();
      await this.refresh(null);
    } catch (error) {
      localize(this.message, 'contacts-delete-failed', { reason: toBackendError(error).message });
      this.draw();
    }
  }

  private async importFile(file: File): Promise<void> {
    try {
      const report = await this.journal.importContacts(new Uint8Array(await file.arrayBuffer()));
      this.showReport(report);
      this.actions.changed();
      await this.refresh(null);
    } catch (error) {
      localize(this.message, 'contacts-import-failed', { reason: toBackendError(error).message });
    }
  }

  private showReport(report: ImportReport): void {
    const lines = [
      hm('p', {}, 'contacts-import-done', { imported: report.imported }),
      report.duplicates > 0 ? hm('p', {}, 'contacts-import-duplicates', { count: report.duplicates }) : null,
      report.withoutNumbers > 0 ? hm('p', {}, 'contacts-import-without-numbers', { count: report.withoutNumbers }) : null,
      report.nameless > 0 ? hm('p', {}, 'contacts-import-nameless', { count: report.nameless }) : null,
      report.unreadableNumbers.length > 0
        ? hm('p', {}, 'contacts-import-unreadable', { count: report.unreadableNumbers.length, numbers: formatList(report.unreadableNumbers) })
        : null,
    ];
    setChildren(this.message, ...lines);
  }

  private draw(): void {
    if (this.contacts.length === 0) {
      const id = this.search.value.trim() ? 'contacts-none-found' : 'contacts-empty';
      this.rows.show([{ key: '', signature: id, render: () => hm('li', { class: 'journal-empty' }, id) }]);
      return;
    }
    const home = this.actions.homeRegion();
    const lang = language();
    this.rows.show(
      this.contacts.map((contact) => ({
        key: String(contact.id),
        signature: JSON.stringify([contact, lang, home, this.confirming === contact.id]),
        render: () => this.row(contact, home),
      })),
    );
  }

  private row(contact: Contact, home: Region | null): HTMLLIElement {
    const numbers = h(
      'ul',
      { class: 'contact-numbers' },
      ...contact.numbers.map((n) => {
        const item = h('li', {}, partyLabel(null, n.number, home), n.label ? h('span', { class: 'journal-tag' }, n.label) : null);
        const callBack = this.actions.callBack;
        if (callBack && isCallable(n.number)) {
          const button = h('button', { type: 'button', class: 'icon-button call-contact' }, icon('call'));
          localize(button, 'contacts-call', { party: `${contact.name} ${partyLabel(null, n.number, home)}` });
          button.addEventListener('click', () => callBack(n.number));
          item.append(button);
        }
        return item;
      }),
    );
    const edit = hm('button', { type: 'button', class: 'secondary-button edit' }, 'contacts-edit');
    edit.addEventListener('click', () => this.form.open(contact));
    const actions = h('div', { class: 'journal-actions' }, edit);
    if (this.confirming === contact.id) {
      const yes = hm('button', { type: 'button', class: 'secondary-button danger confirm-delete' }, 'contacts-delete-confirm');
      const no = hm('button', { type: 'button', class: 'secondary-button cancel-delete' }, 'contacts-delete-cancel');
      yes.addEventListener('click', () => void this.remove(contact));
      no.addEventListener('click', () => {
        this.confirming = null;
        this.draw();
      });
      actions.append(yes, no);
    } else {
      const remove = hm('button', { type: 'button', class: 'secondary-button delete' }, 'contacts-delete');
      remove.addEventListener('click', () => {
        this.confirming = contact.id;
        this.draw();
        this.list.querySelector<HTMLButtonElement>('.confirm-delete')?.focus();
      });
      actions.append(remove);
    }
    return h(
      'li',
      { class: 'journal-entry contact-entry', 'data-contact-id': String(contact.id) },
      h('div', { class: 'journal-main' }, h('p', { class: 'journal-party' }, contact.name), numbers),
      actions,
    );
  }
}
