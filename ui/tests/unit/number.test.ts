import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';
import {
  describeParty,
  formatForDisplay,
  formatTyped,
  homeRegionOf,
  isE164,
  normalizeNumber,
  regionOf,
  type Region,
} from '../../src/phone/number';

/** The cases the Rust core reads too (tests/fixtures/phone-numbers.json, from phonenumbers 9.0.33). */
interface TableCase {
  home: Region | null;
  input: string;
  note: string;
  error?: string;
  e164?: string;
  valid?: boolean;
  region?: string | null;
  type?: string;
  national?: string;
  international?: string;
}

const table = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../tests/fixtures/phone-numbers.json', import.meta.url)), 'utf8'),
) as { cases: TableCase[] };

describe('the shared table of numbers', () => {
  test('has the cases both sides need', () => {
    expect(table.cases.length).toBeGreaterThanOrEqual(90);
    const regions = new Set(table.cases.flatMap((c) => (c.region ? [c.region] : [])));
    expect(regions.size).toBeGreaterThanOrEqual(20);
  });

  test.each(table.cases.map((c) => [c.input, c.home ?? 'no home', c] as const))('%s (%s)', (_input, _home, c) => {
    const result = normalizeNumber(c.input, c.home);
    if (c.error) {
      expect(result).toMatchObject({ ok: false, kind: c.error });
      return;
    }
    expect(result).toEqual({ ok: true, e164: c.e164 });
    const number = parsePhoneNumberWithError(c.e164!);
    expect(number.isValid()).toBe(c.valid);
    expect(regionOf(c.e164!)).toBe(c.region);
    expect((number.getType() ?? 'unknown').toLowerCase()).toBe(c.type);
    expect(number.formatNational()).toBe(c.national);
    expect(number.formatInternational()).toBe(c.international);
    // Shown in national form at home, international abroad.
    expect(formatForDisplay(c.e164!, c.home)).toBe(c.valid && c.region === c.home ? c.national : c.international);
  });
});

describe('normalizeNumber messages', () => {
  afterEach(() => setLanguage('en'));

  test('letters are refused with a clear message', () => {
    const r = normalizeNumber('1-800-FLOWERS', 'US');
    expect(r).toMatchObject({ ok: false, problem: 'invalid' });
    if (!r.ok) expect(r.error).toMatch(/can’t contain letters \(found “FLO”\)/);
  });

  test.each([
    ['', 'US', 'incomplete', /Enter a number/],
    ['+', 'US', 'incomplete', /after the \+/],
    ['+1555', 'US', 'incomplete', /Too short for a \+1 number/],
    ['+1234567890123456', 'US', 'too-long', /Too long for a \+1 number/],
    ['+0441234567', 'US', 'invalid', /never starts with 0/],
    ['555 12', 'US', 'incomplete', /Too short for a \+1 \(your Twilio number’s country\) number\. For other countries start with \+/],
    ['212 555 01234', 'US', 'too-long', /Too long for a \+1 \(your Twilio number’s country\) number/],
    ['15551234567#', 'US', 'invalid', /\* and # can only be sent as tones/],
    ['+1555123+4567', 'US', 'invalid', /\+ goes only at the start/],
    ['555_1234567', 'US', 'invalid', /“_” can’t be part/],
    ['+28 1234 5678', 'GB', 'invalid', /No country uses the calling code at the start of \+281/],
    ['020 7946 09', 'GB', 'incomplete', /No \+44 \(your Twilio number’s country\) number has that many digits/],
    ['5588 899 9127 8111', 'DE', 'too-long', /Too long for a \+49/], // 17 digits: more than E.164 allows
    ['5 2 31', 'DE', 'incomplete', /Too short for a \+49/], // 6 digits: fewer than E.164 allows
  ] as const)('%j at home in %s is refused (%s)', (input, home, problem, message) => {
    const r = normalizeNumber(input, home);
    expect(r).toMatchObject({ ok: false, problem });
    if (!r.ok) expect(r.error).toMatch(message);
  });

  test.each([
    ['', 'US', '発信する番号を入力してください。'],
    ['1-800-FLOWERS', 'US', '電話番号に文字は使えません（「FLO」があります）。数字で入力してください。'],
    ['+1555', 'US', '+1の番号としては短すぎます。'],
    ['555 12', 'US', '+1（Twilio番号の国）の番号としては短すぎます。他の国へは+から入力してください。'],
    ['020 7946 09', 'GB', '+44（Twilio番号の国）の番号としては桁数が合いません。桁の抜けや余分がないか確認してください。他の国へは+から入力してください。'],
    ['+28 1234 5678', 'GB', '+281…で始まる国番号はありません。+の後の国番号を確認してください。'],
    ['5551234567', null, '国番号を付けてください：+から始めます（例：米国は+1、英国は+44、日本は+81）。設定でTwilio番号を入れると、国内の番号もそのまま使えます。'],
  ] as const)('in Japanese: %j at home in %s', (input, home, message) => {
    setLanguage('ja');
    const r = normalizeNumber(input, home);
    expect(r.ok ? null : r.error).toBe(message);
  });

  test('national numbers need a home country', () => {
    expect(normalizeNumber('5551234567', null)).toMatchObject({ ok: false, problem: 'needs-country' });
    expect(normalizeNumber('+15551234567', null)).toEqual({ ok: true, e164: '+15551234567' });
  });
});

describe('home region', () => {
  test.each([
    ['+390612345678', 'IT'],
    ['+442079460958', 'GB'],
    ['+17875550123', 'PR'],
    ['+15551234567', 'US'], // placed by no area code: the main country of +1
    ['+4930123456', 'DE'],
  ] as const)('%s → %s', (number, region) => {
    expect(homeRegionOf(number)).toBe(region);
  });

  test('nothing usable → null', () => {
    expect(homeRegionOf('5551234567')).toBeNull();
    expect(homeRegionOf(null)).toBeNull();
    expect(homeRegionOf('+2801234567')).toBeNull();
    expect(isE164('+2801234567')).toBe(false);
    expect(isE164('+4402079460958')).toBe(false);
    expect(isE164('+15551234567')).toBe(true);
  });
});

describe('display', () => {
  test('national at home, international elsewhere, not threes', () => {
    expect(formatForDisplay('+390612345678', 'IT')).toBe('06 1234 5678');
    expect(formatForDisplay('+447700900123', 'US')).toBe('+44 7700 900123');
    expect(formatForDisplay('+81312345678', 'JP')).toBe('03-1234-5678');
    expect(formatForDisplay('+81312345678', 'US')).toBe('+81 3 1234 5678');
    expect(formatForDisplay('+15557654321', 'US')).toBe('+1 555 765 4321'); // no area: international
    expect(formatForDisplay('not a number', 'US')).toBe('not a number');
  });

  test('parties', () => {
    expect(describeParty('+12125550123', 'US')).toBe('(212) 555-0123');
    expect(describeParty('+12125550123')).toBe('+1 212 555 0123');
    expect(describeParty('client:alice')).toBe('alice (app user)');
    expect(describeParty('+266696687')).toBe('Withheld number');
    expect(describeParty('')).toBe('Unknown caller');
    expect(describeParty('sip:bob@example.com')).toBe('sip:bob@example.com');
    setLanguage('ja');
    expect(describeParty('client:alice')).toBe('alice（アプリのユーザー）');
    expect(describeParty('+266696687')).toBe('非通知');
    expect(describeParty('')).toBe('発信者不明');
    setLanguage('en');
  });
});

describe('as you type', () => {
  test.each([
    ['0612345678', 'IT', '06 1234 5678'],
    ['02079460958', 'GB', '020 7946 0958'],
    ['0312345678', 'JP', '03-1234-5678'],
    ['2125550123', 'US', '(212) 555-0123'],
    ['+442079460958', 'US', '+44 20 7946 0958'],
  ] as const)('%s at home in %s → %s', (typed, home, shown) => {
    expect(formatTyped(typed, typed.length, home)).toEqual({ value: shown, caret: shown.length });
  });

  test('the caret stays after the same digit', () => {
    // Caret after "0612" in an Italian number.
    expect(formatTyped('0612345678', 4, 'IT')).toEqual({ value: '06 1234 5678', caret: 5 });
  });

  test('what cannot be a number is left as typed', () => {
    expect(formatTyped('12#4', 4, 'US')).toEqual({ value: '12#4', caret: 4 });
  });
});
