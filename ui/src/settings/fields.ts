// Inline validation for the settings form: the same shapes the Rust side enforces
// (src-tauri/settings/field.rs), so mistakes show while typing instead of after saving.

import type { FieldName } from '../contract';
import { isCallingCode, isRegion, normalizeNumber } from '../phone/number';

const HEX32 = /^[0-9a-fA-F]{32}$/;

function sid(prefix: string, value: string, where: string): string | null {
  if (!value.startsWith(prefix)) return `Starts with ${prefix}, followed by 32 hex digits (${where}).`;
  const rest = value.slice(prefix.length);
  if (!HEX32.test(rest)) {
    return `${prefix} must be followed by exactly 32 hex digits (0-9, a-f); this has ${rest.length} character${rest.length === 1 ? '' : 's'}${/[^0-9a-fA-F]/.test(rest) ? ', some not hex' : ''}.`;
  }
  return null;
}

function publicUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter the full https address your tunnel gives, ending in /handle_calls, e.g. https://abc123.ngrok.app/handle_calls.';
  }
  if (url.protocol !== 'https:') return 'Must start with https:// (Twilio signs and sends webhooks over https).';
  if (!url.pathname.endsWith('/handle_calls')) return 'Must end in /handle_calls, the path Dialtone answers on.';
  if (url.search || url.hash) return 'Leave out any ?query or #fragment.';
  if (url.username || url.password) return 'Leave out any user name or password.';
  if (url.href !== value) return `Write it exactly as ${url.href} (lowercase host, no extra characters).`;
  return null;
}

/** Twilio's default and longest `<Dial timeLimit>` (4 hours); the Rust side's `MAX_CALL_SECONDS`. */
export const MAX_CALL_SECONDS = 14400;

/** A number with its country code, as the Rust side reads it (`E164::from_typed` without a home). */
function ownNumber(value: string): string | null {
  const result = normalizeNumber(value, null);
  if (result.ok) return null;
  return result.problem === 'needs-country' ? 'Start with + and the country code, e.g. +15551234567.' : result.error;
}

function entries(value: string): string[] {
  return value.split(',').map((entry) => entry.trim());
}

function countries(value: string): string | null {
  for (const entry of entries(value)) {
    if (entry === '') return 'Separate the entries with single commas, e.g. 1,44.';
    if (/^\+?[0-9]+$/.test(entry)) {
      const code = entry.replace('+', '');
      if (!isCallingCode(code)) return `No country uses the calling code ${entry}. Use codes such as 1, 44 or 39.`;
    } else if (!isRegion(entry.toUpperCase())) {
      return `“${entry}” is neither a calling code nor a two-letter country code (such as PR, JM or JE).`;
    }
  }
  return null;
}

function numbers(value: string): string | null {
  for (const entry of entries(value)) {
    if (entry === '') return 'Separate the numbers with single commas.';
    const problem = ownNumber(entry);
    if (problem) return `“${entry}”: ${problem}`;
  }
  return null;
}

/** Settings that are on or off: a checkbox, saved as `true` or `false`. */
export const SWITCH_FIELDS: ReadonlySet<FieldName> = new Set(['call_at_once', 'launch_at_login', 'voicemail', 'do_not_disturb']);

const MODIFIERS = new Set(['ctrl', 'control', 'alt', 'option', 'shift', 'super', 'cmd', 'command', 'cmdorctrl', 'commandorcontrol']);

/**
 * A first check of a global shortcut as typed: modifiers, then one key. Rust checks the key
 * names when saving (global-hotkey's parser) and says what it does not know.
 */
function shortcut(value: string): string | null {
  const parts = value.split('+').map((p) => p.trim().toLowerCase());
  if (parts.some((p) => p === '')) return 'Write it as modifiers and one key joined by +, e.g. Ctrl+Alt+A.';
  const key = parts[parts.length - 1]!;
  const mods = parts.slice(0, -1);
  if (MODIFIERS.has(key)) return 'End with the key itself, e.g. Ctrl+Alt+A.';
  if (mods.some((m) => !MODIFIERS.has(m))) return 'Only one key, after the modifiers (Ctrl, Alt, Shift, Super), e.g. Ctrl+Alt+A.';
  const typing = !mods.some((m) => m !== 'shift');
  if (typing && !/^f([1-9]|1[0-9]|2[0-4])$/.test(key)) {
    return 'Add Ctrl, Alt or Super: a plain key would be taken from every other program (a function key such as F9 may stand alone).';
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
        return 'Required: your Account SID (Twilio Console › Account Info).';
      case 'api_key_sid':
        return 'Required: an API Key SID (Twilio Console › API keys & tokens).';
      case 'twiml_app_sid':
        return 'Required: the TwiML App SID (Twilio Console › Voice › TwiML Apps).';
      case 'twilio_number':
        return 'Required: your Twilio phone number, e.g. +15551234567.';
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
      return HEX32.test(value) ? null : `The Auth Token is 32 hex digits (0-9, a-f); this has ${value.length} character${value.length === 1 ? '' : 's'}.`;
    case 'api_key_secret':
      return /\s/.test(value) ? 'The API Key Secret has no spaces; paste it again.' : null;
    case 'twilio_number':
      return ownNumber(value);
    case 'identity':
      if (value.length > 121) return `At most 121 characters (this has ${value.length}).`;
      return /^[A-Za-z0-9_]+$/.test(value) ? null : 'Only letters, digits and underscores (Twilio rejects anything else, including + and spaces).';
    case 'public_url':
      return publicUrl(value);
    case 'port': {
      if (!/^[0-9]+$/.test(value)) return 'A port is a whole number from 1 to 65535.';
      const port = Number(value);
      return port >= 1 && port <= 65535 ? null : 'A port is a whole number from 1 to 65535.';
    }
    case 'allowed_country_codes':
      return countries(value);
    case 'allowed_numbers':
      return numbers(value);
    case 'max_call_seconds': {
      const seconds = /^[0-9]+$/.test(value) ? Number(value) : NaN;
      return seconds >= 1 && seconds <= MAX_CALL_SECONDS
        ? null
        : `Whole seconds from 1 to ${MAX_CALL_SECONDS} (4 hours, Twilio’s limit), e.g. 3600 for one hour.`;
    }
    case 'voicemail_greeting':
      return value.length <= 500 ? null : `At most 500 characters (this has ${value.length}).`;
    case 'voicemail_max_secs':
      return seconds(value, 5, 3600);
    case 'ring_secs':
      return seconds(value, 5, 120);
    case 'call_at_once':
    case 'launch_at_login':
    case 'voicemail':
    case 'do_not_disturb':
      return SWITCH.test(value) ? null : 'Either on or off.';
    case 'shortcut_answer':
    case 'shortcut_hang_up':
    case 'shortcut_mute':
      return shortcut(value);
  }
}

const SWITCH = /^(on|off|true|false|yes|no|1|0)$/i;

function seconds(value: string, min: number, max: number): string | null {
  const n = Number(value);
  return /^[0-9]+$/.test(value) && n >= min && n <= max ? null : `A whole number of seconds from ${min} to ${max}.`;
}

/** The identity used when none is set: `+15551234567` → `dialtone_15551234567`. */
export function defaultIdentity(number: string | null | undefined): string | null {
  const result = number ? normalizeNumber(number, null) : null;
  return result?.ok ? `dialtone_${result.e164.slice(1)}` : null;
}

/** One-line help under each field. */
export const FIELD_HINTS: Record<FieldName, string> = {
  account_sid: 'Twilio Console › Account Info. Starts with AC.',
  auth_token: 'Twilio Console › Account Info. Used to check that webhooks really come from Twilio.',
  api_key_sid: 'Twilio Console › API keys & tokens. Starts with SK.',
  api_key_secret: 'Shown once when the API key was created.',
  twiml_app_sid: 'Twilio Console › Voice › TwiML Apps. Starts with AP.',
  twilio_number: 'The number calls come from and ring to, e.g. +15551234567.',
  identity: 'The name this phone registers as. Leave empty for the default.',
  public_url: 'Your tunnel’s https address plus /handle_calls (ngrok, cloudflared…).',
  port: 'The local port the tunnel forwards to. Default 3000.',
  allowed_country_codes:
    'Outgoing calls only go to these countries: calling codes, or two-letter codes for places that share one (1 means the US and Canada; add PR, JM… for other +1 countries). Default: your number’s own.',
  allowed_numbers:
    'Exact numbers called even where their country or kind is refused (premium rate, shared cost, personal numbers), e.g. +447012345678. Separate with commas.',
  max_call_seconds: 'Calls are cut off after this many seconds, both ways. Default 14400 (4 hours).',
  voicemail: 'Unanswered calls go to voicemail. Default: on.',
  voicemail_greeting: 'Spoken to callers before the tone (unless you set a recorded greeting).',
  voicemail_max_secs: 'The longest message a caller may leave. Default: 120.',
  ring_secs: 'How long a call rings before voicemail. Default: 30.',
  do_not_disturb: 'Calls go straight to voicemail without ringing.',
  call_at_once: 'For tel: links and dialtone call. Off: the number waits in the dial pad for you to press Call.',
  launch_at_login: 'Start Dialtone when you log in to this computer.',
  shortcut_answer: 'Answers a ringing call from any program, e.g. Ctrl+Alt+A. Empty: none. X11 only: Wayland does not let apps take global shortcuts.',
  shortcut_hang_up: 'Ends the call, or declines a ringing one, e.g. Ctrl+Alt+H. Empty: none. X11 only.',
  shortcut_mute: 'Mutes or unmutes the call, e.g. Ctrl+Alt+M. Empty: none. X11 only.',
};

/** The form's sections, in order. */
export const SECTIONS: { title: string; fields: FieldName[] }[] = [
  { title: 'Twilio account', fields: ['account_sid', 'auth_token', 'api_key_sid', 'api_key_secret', 'twiml_app_sid'] },
  { title: 'Your phone', fields: ['twilio_number', 'identity', 'allowed_country_codes', 'allowed_numbers', 'max_call_seconds'] },
  { title: 'Webhook', fields: ['public_url', 'port'] },
  { title: 'Voicemail', fields: ['voicemail', 'voicemail_greeting', 'voicemail_max_secs', 'ring_secs', 'do_not_disturb'] },
  {
    title: 'Desktop',
    fields: ['call_at_once', 'launch_at_login', 'shortcut_answer', 'shortcut_hang_up', 'shortcut_mute'],
  },
];
