// Inline validation for the settings form: the same shapes the Rust side enforces
// (src-tauri/settings/field.rs), so mistakes show while typing instead of after saving.

import type { FieldName } from '../contract';
import { t } from '../i18n/i18n';
import { isCallingCode, isRegion, normalizeNumber } from '../phone/number';

const HEX32 = /^[0-9a-fA-F]{32}$/;

/** `where`: the Twilio Console page that shows the SID (a menu path, in English as the Console is). */
function sid(prefix: string, value: string, where: string): string | null {
  if (!value.startsWith(prefix)) return t('valid-sid-prefix', { prefix, where });
  const rest = value.slice(prefix.length);
  if (!HEX32.test(rest)) {
    return t('valid-sid-hex', { prefix, count: rest.length, nonhex: /[^0-9a-fA-F]/.test(rest) ? 'yes' : 'no' });
  }
  return null;
}

function publicUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return t('valid-url-parse');
  }
  if (url.protocol !== 'https:') return t('valid-url-https');
  if (!url.pathname.endsWith('/handle_calls')) return t('valid-url-path');
  if (url.search || url.hash) return t('valid-url-query');
  if (url.username || url.password) return t('valid-url-user');
  if (url.href !== value) return t('valid-url-exact', { url: url.href });
  return null;
}

/** Twilio's default and longest `<Dial timeLimit>` (4 hours); the Rust side's `MAX_CALL_SECONDS`. */
export const MAX_CALL_SECONDS = 14400;

/** A number with its country code, as the Rust side reads it (`E164::from_typed` without a home). */
function ownNumber(value: string): string | null {
  const result = normalizeNumber(value, null);
  if (result.ok) return null;
  return result.problem === 'needs-country' ? t('valid-number-country') : result.error;
}

function entries(value: string): string[] {
  return value.split(',').map((entry) => entry.trim());
}

function countries(value: string): string | null {
  for (const entry of entries(value)) {
    if (entry === '') return t('valid-countries-comma');
    if (/^\+?[0-9]+$/.test(entry)) {
      const code = entry.replace('+', '');
      if (!isCallingCode(code)) return t('valid-countries-code', { entry });
    } else if (!isRegion(entry.toUpperCase())) {
      return t('valid-countries-region', { entry });
    }
  }
  return null;
}

function numbers(value: string): string | null {
  for (const entry of entries(value)) {
    if (entry === '') return t('valid-numbers-comma');
    const problem = ownNumber(entry);
    if (problem) return t('valid-numbers-entry', { entry, problem });
  }
  return null;
}

/** Settings that are on or off: a checkbox, saved as `true` or `false`. */
export const SWITCH_FIELDS: ReadonlySet<FieldName> = new Set(['call_at_once', 'launch_at_login', 'close_to_tray', 'voicemail', 'do_not_disturb']);

const MODIFIERS = new Set(['ctrl', 'control', 'alt', 'option', 'shift', 'super', 'cmd', 'command', 'cmdorctrl', 'commandorcontrol']);

/**
 * A first check of a global shortcut as typed: modifiers, then one key. Rust checks the key
 * names when saving (global-hotkey's parser) and says what it does not know.
 */
function shortcut(value: string): string | null {
  const parts = value.split('+').map((p) => p.trim().toLowerCase());
  if (parts.some((p) => p === '')) return t('valid-shortcut-shape');
  const key = parts[parts.length - 1]!;
  const mods = parts.slice(0, -1);
  if (MODIFIERS.has(key)) return t('valid-shortcut-key-last');
  if (mods.some((m) => !MODIFIERS.has(m))) return t('valid-shortcut-one-key');
  const typing = !mods.some((m) => m !== 'shift');
  if (typing && !/^f([1-9]|1[0-9]|2[0-4])$/.test(key)) {
    return t('valid-shortcut-modifier');
  }
  return null;
}

/**
 * Checks one field's value as typed. Returns a message saying what is wrong, or null.
 * An empty value is valid where it means "keep" or "default" (secrets, identity, port,
 * allowed countries and numbers, call length, public URL).
 */
export function validateField(name: FieldName, raw: string): string | null {
  const value = raw.trim();
  if (value === '') {
    switch (name) {
      case 'account_sid':
        return t('valid-required-account-sid');
      case 'api_key_sid':
        return t('valid-required-api-key-sid');
      case 'twiml_app_sid':
        return t('valid-required-twiml-app-sid');
      case 'twilio_number':
        return t('valid-required-number');
      default:
        return null;
    }
  }
  switch (name) {
    case 'account_sid':
      return sid('AC', value, 'Console › Account Info');
    case 'api_key_sid':
      return sid('SK', value, 'Console › API keys & tokens');
    case 'twiml_app_sid':
      return sid('AP', value, 'Console › Voice › TwiML Apps');
    case 'auth_token':
      return HEX32.test(value) ? null : t('valid-auth-token', { count: value.length });
    case 'api_key_secret':
      return /\s/.test(value) ? t('valid-api-key-secret') : null;
    case 'twilio_number':
      return ownNumber(value);
    case 'identity':
      if (value.length > 121) return t('valid-identity-length', { count: value.length });
      return /^[A-Za-z0-9_]+$/.test(value) ? null : t('valid-identity-characters');
    case 'public_url':
      return publicUrl(value);
    case 'port': {
      if (!/^[0-9]+$/.test(value)) return t('valid-port');
      const port = Number(value);
      return port >= 1 && port <= 65535 ? null : t('valid-port');
    }
    case 'allowed_country_codes':
      return countries(value);
    case 'allowed_numbers':
      return numbers(value);
    case 'language':
      return value === 'auto' || value === 'en' || value === 'ja' ? null : t('valid-language');
    case 'max_call_seconds': {
      const seconds = /^[0-9]+$/.test(value) ? Number(value) : NaN;
      return seconds >= 1 && seconds <= MAX_CALL_SECONDS
        ? null
        : t('valid-call-seconds', { max: String(MAX_CALL_SECONDS) });
    }
    case 'voicemail_greeting':
      return value.length <= 500 ? null : t('valid-greeting-length', { count: value.length });
    case 'voicemail_max_secs':
      return seconds(value, 5, 3600);
    case 'ring_secs':
      return seconds(value, 5, 120);
    case 'call_at_once':
    case 'launch_at_login':
    case 'close_to_tray':
    case 'voicemail':
    case 'do_not_disturb':
      return SWITCH.test(value) ? null : t('valid-switch');
    case 'shortcut_answer':
    case 'shortcut_hang_up':
    case 'shortcut_mute':
      return shortcut(value);
  }
}

const SWITCH = /^(on|off|true|false|yes|no|1|0)$/i;

function seconds(value: string, min: number, max: number): string | null {
  const n = Number(value);
  return /^[0-9]+$/.test(value) && n >= min && n <= max ? null : t('valid-seconds-range', { min: String(min), max: String(max) });
}

/** The identity used when none is set: `+15551234567` → `dialtone_15551234567`. */
export function defaultIdentity(number: string | null | undefined): string | null {
  const result = number ? normalizeNumber(number, null) : null;
  return result?.ok ? `dialtone_${result.e164.slice(1)}` : null;
}

/** Message ids: each field's label (Rust uses the same ids for its messages) and its hint. */
export const FIELD_LABELS: Record<FieldName, string> = {
  account_sid: 'field-account-sid',
  auth_token: 'field-auth-token',
  api_key_sid: 'field-api-key-sid',
  api_key_secret: 'field-api-key-secret',
  twiml_app_sid: 'field-twiml-app-sid',
  twilio_number: 'field-twilio-number',
  identity: 'field-identity',
  public_url: 'field-public-url',
  port: 'field-port',
  allowed_country_codes: 'field-allowed-country-codes',
  allowed_numbers: 'field-allowed-numbers',
  max_call_seconds: 'field-max-call-seconds',
  voicemail: 'field-voicemail',
  voicemail_greeting: 'field-voicemail-greeting',
  voicemail_max_secs: 'field-voicemail-max-secs',
  ring_secs: 'field-ring-secs',
  do_not_disturb: 'field-do-not-disturb',
  call_at_once: 'field-call-at-once',
  launch_at_login: 'field-launch-at-login',
  close_to_tray: 'field-close-to-tray',
  shortcut_answer: 'field-shortcut-answer',
  shortcut_hang_up: 'field-shortcut-hang-up',
  shortcut_mute: 'field-shortcut-mute',
  language: 'field-language',
};

/** One-line help under each field (message ids). */
export const FIELD_HINTS: Record<FieldName, string> = {
  account_sid: 'hint-account-sid',
  auth_token: 'hint-auth-token',
  api_key_sid: 'hint-api-key-sid',
  api_key_secret: 'hint-api-key-secret',
  twiml_app_sid: 'hint-twiml-app-sid',
  twilio_number: 'hint-twilio-number',
  identity: 'hint-identity',
  public_url: 'hint-public-url',
  port: 'hint-port',
  allowed_country_codes: 'hint-allowed-country-codes',
  allowed_numbers: 'hint-allowed-numbers',
  max_call_seconds: 'hint-max-call-seconds',
  voicemail: 'hint-voicemail',
  voicemail_greeting: 'hint-voicemail-greeting',
  voicemail_max_secs: 'hint-voicemail-max-secs',
  ring_secs: 'hint-ring-secs',
  do_not_disturb: 'hint-do-not-disturb',
  call_at_once: 'hint-call-at-once',
  launch_at_login: 'hint-launch-at-login',
  close_to_tray: 'hint-close-to-tray',
  shortcut_answer: 'hint-shortcut-answer',
  shortcut_hang_up: 'hint-shortcut-hang-up',
  shortcut_mute: 'hint-shortcut-mute',
  language: 'hint-language',
};

/** The form's sections, in order: a message id for the title, the fields. */
export const SECTIONS: { title: string; fields: FieldName[] }[] = [
  { title: 'section-twilio-account', fields: ['account_sid', 'auth_token', 'api_key_sid', 'api_key_secret', 'twiml_app_sid'] },
  { title: 'section-your-phone', fields: ['twilio_number', 'identity', 'allowed_country_codes', 'allowed_numbers', 'max_call_seconds'] },
  { title: 'section-webhook', fields: ['public_url', 'port'] },
  { title: 'section-voicemail', fields: ['voicemail', 'voicemail_greeting', 'voicemail_max_secs', 'ring_secs', 'do_not_disturb'] },
  { title: 'section-desktop', fields: ['call_at_once', 'launch_at_login', 'close_to_tray', 'shortcut_answer', 'shortcut_hang_up', 'shortcut_mute'] },
];
