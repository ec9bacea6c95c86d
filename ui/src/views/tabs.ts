// The phone screen's tabs (Keypad, Recents, Voicemail, Contacts) as pure choices: which tab a
// key moves to, which tab a stored name means, which tab a notification opens, what each badge
// says. The DOM is in tabBar.ts.

import type { OpenAt } from '../contract';

export const TABS = ['keypad', 'recents', 'voicemail', 'contacts'] as const;
export type Tab = (typeof TABS)[number];

/** The WAI-ARIA tabs pattern: arrows wrap around, Home and End jump; other keys are not ours. */
export function tabAfterKey(current: Tab, key: string): Tab | null {
  const at = TABS.indexOf(current);
  switch (key) {
    case 'ArrowRight':
      return TABS[(at + 1) % TABS.length] ?? null;
    case 'ArrowLeft':
      return TABS[(at - 1 + TABS.length) % TABS.length] ?? null;
    case 'Home':
      return TABS[0];
    case 'End':
      return TABS[TABS.length - 1] ?? null;
    default:
      return null;
  }
}

/** A tab name read back from session storage; anything else (old, edited, absent) is the keypad. */
export function storedTab(value: string | null): Tab {
  return (TABS as readonly string[]).includes(value ?? '') ? (value as Tab) : 'keypad';
}

/** What a badge shows: nothing for zero, the count up to 99, then "99+". */
export function badgeText(count: number): string | null {
  if (!Number.isFinite(count) || count <= 0) return null;
  return count > 99 ? '99+' : String(Math.floor(count));
}

/** The tab a clicked notification opens: null for the phone itself (a ringing call takes the screen). */
export function tabForOpenAt(at: OpenAt): Tab | null {
  switch (at.view) {
    case 'call':
      return 'recents';
    case 'voicemail':
      return 'voicemail';
    case 'phone':
      return null;
  }
}
