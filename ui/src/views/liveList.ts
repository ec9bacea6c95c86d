// Drawing a journal list (Recents, Voicemail, Contacts) again when its data may have changed,
// without moving the reader. The journal now changes under an open page (a voicemail lands, a
// contact is imported from the command line), so a redraw must not throw away where the user
// is: rows whose entry did not change stay the very same elements (focus inside them stays,
// and so does the mark of an entry a notification opened), only new or changed rows are built,
// focus that was in a rebuilt row goes to the same control of its new row, and the entry the
// reader was at keeps its place on screen. A draw that finds nothing new touches nothing.
//
// Scroll anchoring is done here rather than left to the engine: WebKit has none, and
// Chromium's would fight this one (`overflow-anchor: none` on the tab panels).

/** One row to show: `key` names its entry, `signature` everything its drawing depends on. */
export interface Row {
  key: string;
  signature: string;
  render(): HTMLElement;
}

/** What a rebuilt row takes over from the one it replaces: how it was marked as opened. */
const CARRIED_ATTRIBUTES = ['aria-current', 'tabindex'] as const;
const CARRIED_CLASSES = ['is-opened'] as const;

interface Shown {
  key: string;
  signature: string;
  el: HTMLElement;
}

/** Where focus was inside a row: the control's tag and classes, and which of its kind it was. */
interface FocusPlace {
  key: string;
  /** Null when the row itself had focus (an entry a notification opened). */
  control: { selector: string; index: number } | null;
  /** The row's position, for a neighbour when the row itself is gone. */
  index: number;
}

export class LiveList {
  private shown: Shown[] = [];

  constructor(private readonly list: HTMLElement) {}

  /** Shows `rows` in this order. */
  show(rows: readonly Row[]): void {
    const before = new Map(this.shown.map((s) => [s.key, s]));
    const next: Shown[] = rows.map((row) => {
      const old = before.get(row.key);
      if (old && old.signature === row.signature) return old;
      const el = row.render();
      if (old) carryMarks(old.el, el);
      return { key: row.key, signature: row.signature, el };
    });
    const unchanged = next.length === this.list.children.length && next.every((s, i) => this.list.children[i] === s.el);
    if (unchanged) {
      this.shown = next;
      return;
    }
    const focus = this.focusPlace();
    const scroller = scrollParent(this.list);
    const anchor = scroller && scroller.scrollTop > 0 ? this.anchor(scroller, focus) : null;

    // Stale rows go first, then new ones are put in place: a row that stays is never moved
    // (moving an element blurs it) while the order is the journal's (newest first).
    const keep = new Set(next.map((s) => s.el));
    for (const child of Array.from(this.list.children)) if (!keep.has(child as HTMLElement)) child.remove();
    next.forEach((s, i) => {
      const at = this.list.children[i] ?? null;
      if (at !== s.el) this.list.insertBefore(s.el, at);
    });
    this.shown = next;

    if (focus) this.restoreFocus(focus);
    if (scroller && anchor) {
      const row = this.shown.find((s) => s.key === anchor.key)?.el;
      if (row) scroller.scrollTop += row.getBoundingClientRect().top - anchor.top;
    }
  }

  /** Where focus is in the list, if it is. */
  private focusPlace(): FocusPlace | null {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !this.list.contains(active)) return null;
    const index = this.shown.findIndex((s) => s.el.contains(active));
    const row = this.shown[index];
    if (!row) return null;
    if (active === row.el) return { key: row.key, control: null, index };
    const selector = selectorOf(active);
    const nth = Array.from(row.el.querySelectorAll(selector)).indexOf(active);
    return { key: row.key, control: { selector, index: nth }, index };
  }

  /** The row the reader is at (the focused one, else the first in view) and its place on screen. */
  private anchor(scroller: Element, focus: FocusPlace | null): { key: string; top: number } | null {
    const focused = focus ? this.shown.find((s) => s.key === focus.key) : undefined;
    const top = scroller.getBoundingClientRect().top;
    const row = focused ?? this.shown.find((s) => s.el.isConnected && s.el.getBoundingClientRect().bottom > top);
    return row ? { key: row.key, top: row.el.getBoundingClientRect().top } : null;
  }

  private restoreFocus(place: FocusPlace): void {
    if (document.activeElement instanceof HTMLElement && this.list.contains(document.activeElement)) return;
    const row = this.shown.find((s) => s.key === place.key)?.el;
    if (row) {
      const control = place.control ? row.querySelectorAll<HTMLElement>(place.control.selector)[place.control.index] : undefined;
      focusOn(control ?? row);
      return;
    }
    // The entry itself is gone (deleted elsewhere): its neighbour takes the focus, not the page.
    const neighbour = this.shown[Math.min(place.index, this.shown.length - 1)]?.el;
    if (neighbour) focusOn(neighbour.querySelector<HTMLElement>('button, a[href], input') ?? neighbour);
  }
}

function focusOn(el: HTMLElement): void {
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus({ preventScroll: true });
}

function carryMarks(from: HTMLElement, to: HTMLElement): void {
  for (const name of CARRIED_ATTRIBUTES) {
    const value = from.getAttribute(name);
    if (value !== null && !to.hasAttribute(name)) to.setAttribute(name, value);
  }
  for (const name of CARRIED_CLASSES) if (from.classList.contains(name)) to.classList.add(name);
}

/** `button.secondary-button.play`: what finds the same control in a rebuilt row. */
function selectorOf(el: HTMLElement): string {
  return [el.tagName.toLowerCase(), ...Array.from(el.classList).map((c) => `.${CSS.escape(c)}`)].join('');
}

/** The element that scrolls the list: the nearest ancestor that scrolls, else the page. */
function scrollParent(el: HTMLElement): Element | null {
  for (let at = el.parentElement; at; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return at;
  }
  return document.scrollingElement;
}
