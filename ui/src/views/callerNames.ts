// Names for the numbers the call screens show (incoming, in call), from Rust's contacts
// (`callerName`). Each number is asked once per call (the app forgets the answers when a call
// starts); the answer arrives later and the screen re-renders.

import type { JournalBackend } from '../ipc';

export class CallerNames {
  /** A number's name once known (null: no contact). */
  private readonly known = new Map<string, string | null>();
  /** Numbers whose question is out. */
  private readonly asking = new Set<string>();

  constructor(
    private readonly journal: Pick<JournalBackend, 'callerName'>,
    private readonly learned: () => void,
  ) {}

  /** The name for `number` if known now; otherwise asks Rust and calls `learned` when it answers. */
  nameOf(number: string | null): string | null {
    if (!number || !/^\+[1-9][0-9]{6,14}$/.test(number)) return null;
    const found = this.known.get(number);
    if (found !== undefined) return found;
    if (this.asking.has(number)) return null;
    this.asking.add(number);
    this.journal.callerName(number).then(
      (name) => {
        this.asking.delete(number);
        this.known.set(number, name?.trim() ? name.trim() : null);
        if (name?.trim()) this.learned();
      },
      () => {
        // History may be unavailable: the number alone is still right.
        this.asking.delete(number);
        this.known.set(number, null);
      },
    );
    return null;
  }

  /** Contacts changed, or may have where the page cannot see (a new call): ask again next time. */
  forget(): void {
    this.known.clear();
    this.asking.clear();
  }
}
