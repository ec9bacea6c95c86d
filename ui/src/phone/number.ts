// Turning what the user typed or pasted into an E.164 number Twilio can dial.

/** Why a number cannot be dialled. `incomplete` may still become valid as the user types. */
export type NumberProblem = 'incomplete' | 'too-long' | 'invalid' | 'needs-country';

export type NumberResult = { ok: true; e164: string } | { ok: false; error: string; problem: NumberProblem };

function fail(problem: NumberProblem, error: string): NumberResult {
  return { ok: false, error, problem };
}

// Two-digit country calling codes. With 1 and 7 (the only one-digit codes) every other
// assigned code has three digits; E.164 codes are prefix-free, so this decides the length.
const TWO_DIGIT_CODES = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46',
  '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63',
  '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

const E164 = /^\+[1-9][0-9]{6,14}$/;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/** The country calling code of an E.164 number (`+447700900123` → `44`), or null. */
export function countryCodeOf(number: string | null | undefined): string | null {
  if (!number || !E164.test(number)) return null;
  const digits = number.slice(1);
  const first = digits.charAt(0);
  if (first === '1' || first === '7') return first;
  const two = digits.slice(0, 2);
  return TWO_DIGIT_CODES.has(two) ? two : digits.slice(0, 3);
}

export function isE164(value: string): boolean {
  return E164.test(value);
}

// Separators people paste from contact cards, web pages and spreadsheets.
const SEPARATORS = /[\s\-.()\u00a0\u2010-\u2015\u2212]/g;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Normalises a typed or pasted number to E.164. A number without `+` or `00` is national and
 * takes `homeCode`, the country calling code of the user's Twilio number.
 */
export function normalizeNumber(input: string, homeCode: string | null): NumberResult {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return fail('incomplete', 'Enter a number to call.');

  const letters = compact.match(/[A-Za-z]/g);
  if (letters) {
    return fail('invalid', `A phone number can’t contain letters (found “${letters.slice(0, 3).join('')}”). Type the digits instead.`);
  }
  if (/[*#]/.test(compact)) {
    return fail('invalid', '* and # can only be sent as tones once a call is connected. Remove them to call the number.');
  }
  const bad = /[^0-9+]/.exec(compact);
  if (bad) {
    return fail('invalid', `“${bad[0]}” can’t be part of a phone number. Use digits, with + in front for the country code.`);
  }
  if (compact.lastIndexOf('+') > 0) {
    return fail('invalid', 'The + goes only at the start, before the country code.');
  }

  if (compact.startsWith('+')) return checkInternational(compact.slice(1));
  if (compact.startsWith('00')) return checkInternational(compact.slice(2));
  return national(compact, homeCode);
}

function checkInternational(digits: string): NumberResult {
  if (digits === '') return fail('incomplete', 'Enter the country code and number after the +.');
  if (digits.startsWith('0')) {
    return fail('invalid', 'A country code never starts with 0. After the + type the country code, e.g. +44 for the UK.');
  }
  if (digits.length < MIN_DIGITS) {
    return fail(
      'incomplete',
      `Too short: an international number has at least ${MIN_DIGITS} digits after the + (this one has ${digits.length}).`,
    );
  }
  if (digits.length > MAX_DIGITS) {
    return fail(
      'too-long',
      `Too long: an international number has at most ${MAX_DIGITS} digits after the + (this one has ${digits.length}).`,
    );
  }
  return { ok: true, e164: `+${digits}` };
}

function national(digits: string, homeCode: string | null): NumberResult {
  if (homeCode === null) {
    return fail(
      'needs-country',
      'Add the country code: start with + (e.g. +1 for the US, +44 for the UK). With your Twilio number set in Settings, national numbers work too.',
    );
  }
  if (homeCode === '1') {
    if (digits.length === 10) return checkInternational(`1${digits}`);
    if (digits.length === 11 && digits.startsWith('1')) return checkInternational(digits);
    return fail(
      digits.length < 10 ? 'incomplete' : 'too-long',
      `A US or Canadian number has 10 digits, or 11 starting with 1; this one has ${plural(digits.length, 'digit')}. For other countries start with +.`,
    );
  }
  const withoutTrunk = digits.startsWith('0') ? digits.slice(1) : digits;
  if (withoutTrunk === '') return fail('incomplete', 'Enter a number to call.');
  const result = checkInternational(`${homeCode}${withoutTrunk}`);
  if (!result.ok) {
    const size = result.problem === 'too-long' ? 'Too long' : 'Too short';
    return fail(
      result.problem,
      `${size} for a +${homeCode} number (your Twilio number’s country); for other countries start with +.`,
    );
  }
  return result;
}

/** Groups an E.164 number for reading (`+15551234567` → `+1 555 123 4567`); display only. */
export function formatForDisplay(e164: string): string {
  const code = countryCodeOf(e164);
  if (code === null) return e164;
  const rest = e164.slice(1 + code.length);
  if (code === '1' && rest.length === 10) {
    return `+1 ${rest.slice(0, 3)} ${rest.slice(3, 6)} ${rest.slice(6)}`;
  }
  // No per-country rules: threes from the left, the last group up to four digits.
  const groups: string[] = [];
  let restDigits = rest;
  while (restDigits.length > 4) {
    groups.push(restDigits.slice(0, 3));
    restDigits = restDigits.slice(3);
  }
  if (restDigits) groups.push(restDigits);
  return `+${code} ${groups.join(' ')}`;
}

/** How to show the other party of a call: a grouped number, or a client name. */
export function describeParty(raw: string | null | undefined): string {
  if (!raw) return 'Unknown caller';
  if (raw.startsWith('client:')) return `${raw.slice('client:'.length)} (app user)`;
  if (/^\+?(anonymous|266696687)$/i.test(raw)) return 'Withheld number';
  return isE164(raw) ? formatForDisplay(raw) : raw;
}
