// A tiny DOM builder. Text always goes in as text nodes, never as HTML.

import type { Args } from '../i18n/i18n';
import { localize, unbind } from './l10n';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children. */
export function setChildren(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/** Text that is not one of our messages (a number, a timer, words from Rust). */
export function setText(el: Element, text: string): void {
  unbind(el);
  if (el.textContent !== text) el.textContent = text;
}

/** `h` for an element that shows message `id` (its text and attributes; see l10n.ts). */
export function hm<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs,
  id: string,
  args?: Args,
): HTMLElementTagNameMap[K] {
  const el = h(tag, attrs);
  localize(el, id, args);
  return el;
}
