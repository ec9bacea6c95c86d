// Showing one entry of a journal list because a notification pointed at it: marked (the
// `is-opened` class and `aria-current`), scrolled to, and focused, so keyboard and
// screen-reader users land on it too.

/**
 * Marks the entry of `list` whose `data-<key>` is `value`, and no other. Returns whether
 * the list has it (a call older than the list's limit, or deleted since, is not there).
 */
export function revealEntry(list: HTMLElement, key: 'callSid' | 'recordingSid', value: string): boolean {
  let found: HTMLElement | null = null;
  for (const entry of Array.from(list.children)) {
    if (!(entry instanceof HTMLElement)) continue;
    const match = entry.dataset[key] === value;
    entry.classList.toggle('is-opened', match);
    if (match) {
      entry.setAttribute('aria-current', 'true');
      entry.tabIndex = -1;
      found = entry;
    } else {
      entry.removeAttribute('aria-current');
    }
  }
  if (!found) return false;
  found.scrollIntoView({ block: 'nearest' });
  found.focus({ preventScroll: true });
  return true;
}
