import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';
import { FIELD_NAMES } from '../../src/contract';
import { FIELD_HINTS, SECTIONS, defaultIdentity, validateField } from '../../src/settings/fields';

const HEX = '0123456789abcdef0123456789abcdef';

describe('validateField', () => {
  afterEach(() => setLanguage('en'));

  test.each([
    ['account_sid', `AC${HEX}`],
    ['account_sid', `AC${HEX.toUpperCase()}`],
    ['account_sid', `  AC${HEX}  `],
    ['auth_token', HEX],
    ['auth_token', HEX.toUpperCase()],
    ['api_key_sid', `SK${HEX}`],
    ['api_key_secret', 'anything-without-spaces'],
    ['twiml_app_sid', `AP${HEX}`],
    ['twilio_number', '+15551234567'],
    ['identity', 'dialtone_15551234567'],
    ['identity', 'a'.repeat(121)],
    ['public_url', 'https://abc123.ngrok.app/handle_calls'],
    ['public_url', 'https://x.trycloudflare.com:8443/phone/handle_calls'],
    ['port', '1'],
    ['port', '65535'],
    ['allowed_country_codes', '1'],
    ['allowed_country_codes', '1,44'],
    ['allowed_country_codes', '+44, 1'],
    ['allowed_country_codes', '1,PR,jm'],
    ['twilio_number', '+1 (555) 123-4567'],
    ['allowed_numbers', '+447012345678'],
    ['allowed_numbers', '+44 70 1234 5678, +1 212 976 1234'],
    ['max_call_seconds', '1'],
    ['max_call_seconds', '14400'],
    ['voicemail', 'off'],
    ['do_not_disturb', 'ON'],
    ['voicemail_greeting', 'Leave a message.'],
    ['voicemail_max_secs', '3600'],
    ['ring_secs', '5'],
    ['call_at_once', 'true'],
    ['launch_at_login', 'false'],
    ['shortcut_answer', 'Ctrl+Alt+A'],
    ['shortcut_hang_up', 'control + alt + h'],
    ['shortcut_mute', 'Super+M'],
    ['shortcut_mute', 'F9'],
    ['shortcut_mute', 'shift+F12'],
  ] as const)('%s accepts %j', (name, value) => {
    expect(validateField(name, value)).toBeNull();
  });

  test.each([
    ['account_sid', 'AC123', /32 hex digits/],
    ['account_sid', `SK${HEX}`, /Starts with AC/],
    ['account_sid', `AC${HEX.slice(0, 31)}g`, /some not hex/],
    ['auth_token', 'short', /32 hex digits/],
    ['api_key_sid', `AC${HEX}`, /Starts with SK/],
    ['api_key_secret', 'has space', /no spaces/],
    ['twiml_app_sid', `AP${HEX}0`, /this has 33 characters/],
    ['twilio_number', '+1 555 123', /Too short for a \+1 number/],
    ['twilio_number', '5551234567', /Start with \+ and the country code/],
    ['twilio_number', '+28 1234 5678', /No country uses the calling code/],
    ['identity', '+15551234567', /letters, digits and underscores/],
    ['identity', 'al ice', /letters, digits and underscores/],
    ['identity', 'a'.repeat(122), /At most 121/],
    ['public_url', 'http://abc.ngrok.app/handle_calls', /https/],
    ['public_url', 'https://abc.ngrok.app/', /\/handle_calls/],
    ['public_url', 'https://abc.ngrok.app/handle_calls?x=1', /query/],
    ['public_url', 'https://ABC.ngrok.app/handle_calls', /exactly as https:\/\/abc\.ngrok\.app\/handle_calls/],
    ['public_url', 'https://user:pw@abc.ngrok.app/handle_calls', /user name or password/],
    ['public_url', 'abc.ngrok.app/handle_calls', /full https address/],
    ['port', '0', /1 to 65535/],
    ['port', '65536', /1 to 65535/],
    ['port', '30a', /1 to 65535/],
    ['allowed_country_codes', '1;44', /“1;44” is neither a calling code nor a two-letter country code/],
    ['allowed_country_codes', '0', /No country uses the calling code 0/],
    ['allowed_country_codes', '1,28', /No country uses the calling code 28/],
    ['allowed_country_codes', '1,,44', /single commas/],
    ['allowed_country_codes', '1,XX', /“XX” is neither/],
    ['allowed_numbers', '+44 70 1234', /“\+44 70 1234”: Too short for a \+44 number/],
    ['allowed_numbers', '020 7946 0958', /Start with \+ and the country code/],
    ['allowed_numbers', '+447012345678,', /single commas/],
    ['max_call_seconds', '0', /1 to 14400/],
    ['max_call_seconds', '14401', /1 to 14400/],
    ['max_call_seconds', '1h', /1 to 14400/],
    ['voicemail', 'maybe', /on or off/],
    ['voicemail_greeting', 'x'.repeat(501), /500 characters/],
    ['voicemail_max_secs', '4', /5 to 3600/],
    ['ring_secs', '121', /5 to 120/],
    ['call_at_once', 'maybe', /on or off/],
    ['shortcut_answer', 'a', /Add Ctrl, Alt or Super/],
    ['shortcut_answer', 'Shift+A', /Add Ctrl, Alt or Super/],
    ['shortcut_hang_up', 'Ctrl+Alt', /End with the key/],
    ['shortcut_hang_up', 'Ctrl++H', /joined by \+/],
    ['shortcut_mute', 'Ctrl+M+N', /Only one key/],
  ] as const)('%s refuses %j', (name, value, message) => {
    expect(validateField(name, value)).toMatch(message);
  });

  test.each([
    ['account_sid', `AC${HEX.slice(0, 31)}g`, 'ACの後はちょうど16進数32桁（0-9、a-f）です。入力は32文字で、16進数でない文字を含みます。'],
    ['port', '0', 'ポートは1～65535の整数で入力してください。'],
    ['account_sid', '', '必須：Account SID（Twilio Console › Account Info）。'],
    ['allowed_country_codes', '1,XX', '「XX」は国番号でも2文字の国コード（PR、JM、JEなど）でもありません。'],
    ['allowed_numbers', '+44 70 1234', '「+44 70 1234」：+44の番号としては短すぎます。'],
    ['language', 'fr', 'auto、en、jaのいずれかを選んでください。'],
  ] as const)('in Japanese: %s refuses %j', (name, value, message) => {
    setLanguage('ja');
    expect(validateField(name, value)).toBe(message);
  });

  test('empty: required fields say so, the rest mean keep or default', () => {
    expect(validateField('account_sid', '')).toMatch(/Required/);
    expect(validateField('twilio_number', ' ')).toMatch(/Required/);
    for (const name of ['auth_token', 'api_key_secret', 'identity', 'public_url', 'port', 'allowed_country_codes', 'allowed_numbers', 'max_call_seconds', 'shortcut_answer', 'shortcut_hang_up', 'shortcut_mute'] as const) {
      expect(validateField(name, '')).toBeNull();
    }
  });
});

test('default identity is derived from the number', () => {
  expect(defaultIdentity('+15551234567')).toBe('dialtone_15551234567');
  expect(defaultIdentity('+1 (555) 123-4567')).toBe('dialtone_15551234567');
  expect(defaultIdentity('555')).toBeNull();
  expect(defaultIdentity(null)).toBeNull();
});

test('every field has a hint and a section, once', () => {
  // The language has a section of its own (a menu that applies at once).
  const inSections = [...SECTIONS.flatMap((s) => s.fields), 'language'].sort();
  expect(inSections).toEqual([...FIELD_NAMES].sort());
  for (const name of FIELD_NAMES) expect(FIELD_HINTS[name]).toBeTruthy();
});
