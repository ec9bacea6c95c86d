// Numbers as people type, paste and read them, judged by libphonenumber-js's metadata (the
// 9.0.33 release, the same as the Rust core's; tests/fixtures/phone-numbers.json holds the
// cases both sides must agree on).

import {
  AsYouType,
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import { t } from '../i18n/i18n';

/** A region libphonenumber knows, by its two-letter code (`IT`, `GB`, `PR`). */
export type Region = CountryCode;

/** Why a number cannot be dialled. `incomplete` may still become valid as the user types. */
export type NumberProblem = 'incomplete' | 'too-long' | 'invalid' | 'needs-country';

/** The error kinds of the shared table (the Rust core's `NumberError::kind`). */
export type NumberErrorKind =
  | 'too_short'
  | 'too_long'
  | 'invalid_length'
  | 'unknown_country_code'
  | 'needs_country_code'
  | 'letters'
  | 'tone_digits'
  | 'not_a_number';

export type NumberResult =
  | { ok: true; e164: string }
  | { ok: false; error: string; problem: NumberProblem; kind: NumberErrorKind };

function fail(kind: NumberErrorKind, problem: NumberProblem, error: string): NumberResult {
  return { ok: false, error, problem, kind };
}

const E164 = /^\+[1-9][0-9]{6,14}$/;

// Separators people paste from contact cards, web pages and spreadsheets.
const SEPARATORS = /[\s\-.()/\u00a0\u2010-\u2015\u2212]/g;

/** Calling codes in use, geographic or not, from the metadata (`1`, `44`, `800`…). */
const CALLING_CODES: ReadonlySet<string> = new Set(Object.keys(metadata.country_calling_codes));

export function isCallingCode(code: string): boolean {
  return CALLING_CODES.has(code);
}

export function isRegion(code: string): code is Region {
  return (getCountries() as string[]).includes(code);
}

/** Exact E.164 (no separators) with a calling code in use. The number need not be in use. */
export function isE164(value: string): boolean {
  return E164.test(value) && parseExact(value) !== null;
}

function parseExact(e164: string): PhoneNumber | null {
  try {
    const number = parsePhoneNumberWithError(e164);
    return number.number === e164 ? number : null;
  } catch {
    return null;
  }
}

/**
 * The region of the user's Twilio number, which national numbers are read against. A number
 * the metadata does not place (the fictional `+1 555…`) falls back to its calling code's main
 * country (`US` for `1`).
 */
export function homeRegionOf(number: string | null | undefined): Region | null {
  if (!number) return null;
  const parsed = parseExact(number);
  if (!parsed) return null;
  if (parsed.country) return parsed.country;
  const main = (metadata.country_calling_codes as Record<string, string[]>)[parsed.countryCallingCode]?.[0];
  return main && isRegion(main) ? main : null;
}

/** The region a number belongs to, or null when the metadata does not place it. */
export function regionOf(e164: string): Region | null {
  const parsed = parseExact(e164);
  return parsed?.isValid() ? (parsed.country ?? null) : null;
}

function codeName(code: string): string {
  return `+${code}`;
}

/**
 * Normalises a typed or pasted number to E.164. Without `+` or an international prefix, the
 * number is national and read against `home`, the region of the user's Twilio number: its
 * trunk prefix is dropped where the country drops it (UK, Germany, France, Japan) and kept
 * where it is part of the number (Italy).
 */
export function normalizeNumber(input: string, home: Region | null): NumberResult {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return fail('too_short', 'incomplete', t('number-empty'));

  const letters = compact.match(/\p{L}/gu);
  if (letters) {
    return fail('letters', 'invalid', t('number-letters', { letters: letters.slice(0, 3).join('') }));
  }
  if (/[*#]/.test(compact)) {
    return fail('tone_digits', 'invalid', t('number-tone-digits'));
  }
  const bad = /[^0-9+]/.exec(compact);
  if (bad) {
    return fail('not_a_number', 'invalid', t('number-bad-character', { character: bad[0] }));
  }
  if (compact.lastIndexOf('+') > 0) {
    return fail('not_a_number', 'invalid', t('number-plus-inside'));
  }

  if (compact.startsWith('+')) return international(compact);
  if (home === null) {
    if (compact.startsWith('00') && compact.length > 2) return international(`+${compact.slice(2)}`);
    return fail(
      'needs_country_code',
      'needs-country',
      t('number-needs-country'),
    );
  }
  const national = judge(compact, home);
  // The home country's own international prefix (011, 0011, 010…) is understood by the
  // library; 00, the most common one, is understood everywhere, as it always was.
  if (!national.ok && compact.startsWith('00') && compact.length > 2) {
    const abroad = international(`+${compact.slice(2)}`);
    if (abroad.ok) return abroad;
  }
  return national;
}

function international(compact: string): NumberResult {
  const digits = compact.slice(1);
  if (digits === '') return fail('too_short', 'incomplete', t('number-after-plus'));
  if (digits.startsWith('0')) {
    return fail('unknown_country_code', 'invalid', t('number-code-zero'));
  }
  return judge(compact, undefined);
}

/** Parses digits (with an optional leading +) and checks the length for that country. */
function judge(compact: string, home: Region | undefined): NumberResult {
  let parsed: PhoneNumber;
  try {
    parsed = parsePhoneNumberWithError(compact, home);
  } catch (error) {
    const reason = error instanceof Error ? error.message : '';
    if (reason === 'INVALID_COUNTRY') return unknownCode(compact);
    if (reason === 'TOO_LONG') return lengthError('TOO_LONG', callingCodeOf(compact, home));
    return lengthError('TOO_SHORT', callingCodeOf(compact, home));
  }
  const e164 = parsed.number;
  const problem = validatePhoneNumberLength(e164);
  if (problem === 'INVALID_COUNTRY') return unknownCode(compact);
  if (problem) return lengthError(problem, parsed.countryCallingCode, home ?? null);
  // German numbers may have 15 digits after the 49 (or 4), but E.164 has 7 to 15 in all.
  if (!E164.test(e164)) return lengthError(e164.length > 16 ? 'TOO_LONG' : 'TOO_SHORT', parsed.countryCallingCode, home ?? null);
  // A trunk prefix the parser kept because dropping it left too few digits (`020 7946 09`
  // read as +44 020794609, which Google's library does too): no valid number starts that way
  // outside Italy, so judge the length without it, as the Rust core does.
  if (!parsed.isValid() && parsed.nationalNumber.startsWith('0')) {
    const stripped = validatePhoneNumberLength(`+${parsed.countryCallingCode}${parsed.nationalNumber.slice(1)}`);
    if (stripped && stripped !== 'INVALID_COUNTRY') return lengthError(stripped, parsed.countryCallingCode, home ?? null);
  }
  return { ok: true, e164 };
}

function callingCodeOf(compact: string, home: Region | undefined): string | null {
  if (!compact.startsWith('+')) return home ? getCountryCallingCode(home) : null;
  const digits = compact.slice(1);
  for (const n of [1, 2, 3]) {
    if (digits.length >= n && isCallingCode(digits.slice(0, n))) return digits.slice(0, n);
  }
  return null;
}

function unknownCode(compact: string): NumberResult {
  const digits = compact.replace(/^\+/, '');
  return digits.length < 3
    ? fail('too_short', 'incomplete', t('number-code-incomplete'))
    : fail('unknown_country_code', 'invalid', t('number-code-unknown', { start: `+${digits.slice(0, 3)}` }));
}

function lengthError(
  problem: 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' | 'NOT_A_NUMBER',
  code: string | null,
  home: Region | null = null,
): NumberResult {
  const args = {
    scope: code === null ? 'unknown' : home && getCountryCallingCode(home) === code ? 'home' : 'code',
    code: code === null ? '' : codeName(code),
    abroad: home ? 'yes' : 'no',
  };
  switch (problem) {
    case 'TOO_LONG':
      return fail('too_long', 'too-long', t('number-too-long', args));
    case 'INVALID_LENGTH':
      return fail('invalid_length', 'incomplete', t('number-invalid-length', args));
    default:
      return fail('too_short', 'incomplete', t('number-too-short', args));
  }
}

/**
 * How to show a number: the national form for numbers of the home region (`06 1234 5678` in
 * Italy), the international form for the rest and for numbers the metadata does not place
 * (`+44 20 7946 0958`). Display only; anything unparseable is shown as it is.
 */
export function formatForDisplay(e164: string, home: Region | null = null): string {
  const parsed = parseExact(e164);
  if (!parsed) return e164;
  if (home !== null && parsed.isValid() && parsed.country === home) return parsed.formatNational();
  return parsed.formatInternational();
}

/** The international form, whatever the home region: what the dial pad says it will call. */
export function formatInternational(e164: string): string {
  return parseExact(e164)?.formatInternational() ?? e164;
}

/** How to show the other party of a call: a formatted number, or a client name. */
export function describeParty(raw: string | null | undefined, home: Region | null = null): string {
  if (!raw) return t('party-unknown');
  if (raw.startsWith('client:')) return t('party-app-user', { name: raw.slice('client:'.length) });
  if (/^\+?(anonymous|266696687)$/i.test(raw)) return t('party-withheld');
  return E164.test(raw) ? formatForDisplay(raw, home) : raw;
}

/**
 * Formats a dial-pad entry as it is typed (`0612345678` → `06 1234 5678` in Italy), keeping
 * the caret after the same digit. Anything but digits and a leading `+` is left as typed, so
 * the validation message can point at it.
 */
export function formatTyped(value: string, caret: number, home: Region | null): { value: string; caret: number } {
  if (!/^\+?[0-9\s\-.()]*$/.test(value)) return { value, caret };
  const significant = (text: string) => text.replace(/[^0-9+]/g, '').length;
  const before = significant(value.slice(0, caret));
  const formatted = new AsYouType(home ?? undefined).input(value.replace(/[^0-9+]/g, ''));
  let seen = 0;
  let at = 0;
  while (at < formatted.length && seen < before) {
    if (/[0-9+]/.test(formatted.charAt(at))) seen++;
    at++;
  }
  return { value: formatted, caret: at };
}
