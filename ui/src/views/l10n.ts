// Messages into elements. An element filled by `localize` remembers its message id and
// arguments (`data-l10n-id`), so a change of language re-renders every one of them in place
// (`relocalize`), without rebuilding views or losing what the user typed.

import { attributesOf, hasValue, t, type Args, type Msg } from '../i18n/i18n';

interface Bound {
  id: string;
  args: Args | undefined;
  /** Argument names whose values are wrapped in <strong> (Twilio Console menu names). */
  strong: readonly string[];
}

const bound = new WeakMap<Element, Bound>();

/**
 * Shows message `id` in `el`: its value as the text (unless the message has only attributes)
 * and its attributes (`.aria-label`, `.placeholder`, `.title`) as attributes. `strong` names
 * arguments whose text is shown in bold, e.g. a menu path inside a sentence.
 */
export function localize(el: Element, id: string, args?: Args, strong: readonly string[] = []): void {
  bound.set(el, { id, args, strong });
  el.setAttribute('data-l10n-id', id);
  fill(el);
}

/** `localize` for a stored message. */
export function localizeMsg(el: Element, message: Msg): void {
  localize(el, message.id, message.args);
}

/** Re-renders every localized element under `root` in the current language. */
export function relocalize(root: ParentNode): void {
  for (const el of root.querySelectorAll('[data-l10n-id]')) fill(el);
}

function fill(el: Element): void {
  const b = bound.get(el);
  if (!b) return;
  for (const [name, value] of Object.entries(attributesOf(b.id, b.args))) el.setAttribute(name, value);
  if (!hasValue(b.id)) return;
  const text = t(b.id, b.args);
  if (b.strong.length === 0 || !b.args) {
    if (el.textContent !== text || el.childElementCount > 0) el.textContent = text;
    return;
  }
  el.replaceChildren(...withStrong(text, b.strong.map((name) => String(b.args?.[name] ?? '')).filter(Boolean)));
}

/** Splits `text` around each of `bold` (first occurrence each) and wraps those in <strong>. */
function withStrong(text: string, bold: string[]): Node[] {
  const spans: { at: number; text: string }[] = [];
  for (const part of bold) {
    const at = text.indexOf(part);
    if (at >= 0 && !spans.some((s) => at < s.at + s.text.length && s.at < at + part.length)) spans.push({ at, text: part });
  }
  spans.sort((a, b) => a.at - b.at);
  const nodes: Node[] = [];
  let from = 0;
  for (const span of spans) {
    if (span.at > from) nodes.push(document.createTextNode(text.slice(from, span.at)));
    const strong = document.createElement('strong');
    strong.textContent = span.text;
    nodes.push(strong);
    from = span.at + span.text.length;
  }
  if (from < text.length) nodes.push(document.createTextNode(text.slice(from)));
  return nodes;
}

/** Text that is not a message (a number, a name, a message from Rust): the element forgets any id. */
export function unbind(el: Element): void {
  bound.delete(el);
  el.removeAttribute('data-l10n-id');
}
