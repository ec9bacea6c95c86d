// Inline validation for the settings form: the same shapes the Rust side enforces
// (src-tauri/settings/field.rs), so mistakes show while typing instead of after saving.

import type { FieldName } from '../contract';
import { isE164 } from '../phone/number';

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

const CODE_LIST = /^\s*\+?[1-9][0-9]{0,2}\s*(,\s*\+?[1-9][0-9]{0,2}\s*)*$/;

/** Settings that are on or off: a checkbox, saved as `true` or `false`. */
export const SWITCH_FIELDS: ReadonlySet<FieldName> = new Set(['call_at_once', 'launch_at_login']);

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
 * allowed country codes, public URL).
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
      return isE164(value) ? null : 'Write it in E.164: + then the country code and number, no spaces, e.g. +15551234567.';
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
      return CODE_LIST.test(value) ? null : 'Country calling codes separated by commas, e.g. 1,44.';
    case 'call_at_once':
    case 'launch_at_login':
      return /^(true|false)$/.test(value) ? null : 'Either on or off.';
    case 'shortcut_answer':
    case 'shortcut_hang_up':
    case 'shortcut_mute':
      return shortcut(value);
  }
}

/** The identity used when none is set: `+15551234567` → `dialtone_15551234567`. */
export function defaultIdentity(number: string | null | undefined): string | null {
  return number && isE164(number) ? `dialtone_${number.slice(1)}` : null;
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
  allowed_country_codes: 'Outgoing calls only go to these countries. Default: your number’s own.',
  call_at_once: 'For tel: links and dialtone call. Off: the number waits in the dial pad for you to press Call.',
  launch_at_login: 'Start Dialtone when you log in to this computer.',
  shortcut_answer: 'Answers a ringing call from any program, e.g. Ctrl+Alt+A. Empty: none. X11 only: Wayland does not let apps take global shortcuts.',
  shortcut_hang_up: 'Ends the call, or declines a ringing one, e.g. Ctrl+Alt+H. Empty: none. X11 only.',
  shortcut_mute: 'Mutes or unmutes the call, e.g. Ctrl+Alt+M. Empty: none. X11 only.',
};

/** The form's sections, in order. */
export const SECTIONS: { title: string; fields: FieldName[] }[] = [
  { title: 'Twilio account', fields: ['account_sid', 'auth_token', 'api_key_sid', 'api_key_secret', 'twiml_app_sid'] },
  { title: 'Your phone', fields: ['twilio_number', 'identity', 'allowed_country_codes'] },
  { title: 'Webhook', fields: ['public_url', 'port'] },
  {
    title: 'Desktop',
    fields: ['call_at_once', 'launch_at_login', 'shortcut_answer', 'shortcut_hang_up', 'shortcut_mute'],
  },
];
