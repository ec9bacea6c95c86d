// Every word the UI shows comes from here: the Fluent catalogs `en.ftl` and `ja.ftl` (the
// Rust side `include_str!`s the same files), the language in use, and dates and numbers in
// that language through `Intl`. Pure: no DOM (views/l10n.ts puts messages into elements).
//
// Call sites name their message with a literal id, `t('log-calling', { number })` or
// `msg('status-ready')`, so tests/i18n_catalog.rs can find every id in the sources.

import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import { negotiateLanguages } from '@fluent/langneg';
import enSource from './en.ftl?raw';
import jaSource from './ja.ftl?raw';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The `language` setting: follow the system, or one language. */
export type LanguageChoice = 'auto' | Language;

export type Args = Record<string, string | number | Date>;

/** A message not yet put into words: rendered in whatever language is current when shown. */
export interface Msg {
  readonly id: string;
  readonly args?: Args;
}

const SOURCES: Record<Language, string> = { en: enSource, ja: jaSource };

function makeBundle(language: Language): FluentBundle {
  // No bidi isolation marks: both languages are left to right, and the marks would end up in
  // copied text and in test assertions.
  const bundle = new FluentBundle(language, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(SOURCES[language]));
  if (errors.length > 0) throw new Error(`${language}.ftl: ${errors.map(String).join('; ')}`);
  return bundle;
}

const bundles = new Map<Language, FluentBundle>();
function bundleFor(language: Language): FluentBundle {
  let bundle = bundles.get(language);
  if (!bundle) {
    bundle = makeBundle(language);
    bundles.set(language, bundle);
  }
  return bundle;
}

let current: Language = 'en';
const listeners = new Set<(language: Language) => void>();

/** The language the UI speaks now. */
export function language(): Language {
  return current;
}

/**
 * The language for a choice: the chosen one, or for `auto` the first of the system's
 * languages (`navigator.languages`) we have, else English.
 */
export function resolveLanguage(choice: string | null | undefined, preferred: readonly string[]): Language {
  if (choice === 'en' || choice === 'ja') return choice;
  const [best] = negotiateLanguages([...preferred], [...LANGUAGES], { strategy: 'lookup', defaultLocale: 'en' });
  return best === 'ja' ? 'ja' : 'en';
}

/** Switches the language; listeners (the views) re-render at once. */
export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener(next);
}

export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function toFluent(args: Args | undefined): Record<string, FluentVariable> | undefined {
  if (!args) return undefined;
  const out: Record<string, FluentVariable> = {};
  for (const [key, value] of Object.entries(args)) out[key] = value instanceof Date ? value.getTime() : value;
  return out;
}

/** The message `id` (or its attribute `id.attr`) in the current language, or in `lang`. */
export function t(id: string, args?: Args, lang: Language = current): string {
  const bundle = bundleFor(lang);
  const [messageId, attribute] = id.split('.', 2) as [string, string | undefined];
  const message = bundle.getMessage(messageId);
  const pattern = attribute ? message?.attributes[attribute] : message?.value;
  if (!pattern) {
    // A missing message is a bug the catalog test catches; show the id rather than nothing.
    if (lang !== 'en') return t(id, args, 'en');
    return id;
  }
  // Errors (an argument left out) are collected, not thrown: the catalog test checks that the
  // languages agree, and a half-formatted sentence beats a broken window.
  const errors: Error[] = [];
  return bundle.formatPattern(pattern, toFluent(args), errors);
}

/** A message for later: stored in state, put into words by the view that shows it. */
export function msg(id: string, args?: Args): Msg {
  return args ? { id, args } : { id };
}

/** Renders a `Msg` in the current language. */
export function render(message: Msg): string {
  return t(message.id, message.args);
}

/** The attributes of message `id` (e.g. `aria-label`, `placeholder`), in the current language. */
export function attributesOf(id: string, args?: Args): Record<string, string> {
  const out: Record<string, string> = {};
  const owner = bundleFor(current).hasMessage(id) ? bundleFor(current) : bundleFor('en');
  const message = owner.getMessage(id);
  if (!message) return out;
  for (const [name, pattern] of Object.entries(message.attributes)) out[name] = owner.formatPattern(pattern, toFluent(args), []);
  return out;
}

/** Whether message `id` has a value (some messages carry only attributes). */
export function hasValue(id: string): boolean {
  return (bundleFor(current).getMessage(id) ?? bundleFor('en').getMessage(id))?.value != null;
}

/** A date and time in the current language, e.g. the last webhook's time. */
export function formatDateTime(at: number | Date): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** A clock time (hours, minutes, seconds; 24 h) in the current language, for the device log. */
export function formatClock(at: number | Date): string {
  return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(at);
}

/** A list in the current language: `A, B, and C` or `A、B、C`. */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(current, { style: 'long', type: 'conjunction' }).format(items);
}

/** A time of day (hours and minutes) in the current language, e.g. when a check ran. */
export function formatTime(at: number | Date): string {
  return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit' }).format(at);
}
