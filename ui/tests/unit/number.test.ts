import { describe, expect, test } from 'vitest';
import { countryCodeOf, describeParty, formatForDisplay, normalizeNumber } from '../../src/phone/number';

const ok = (e164: string) => ({ ok: true, e164 });

describe('normalizeNumber', () => {
  test.each([
    ['+1 (555) 123-4567', '1', '+15551234567'],
    ['+44 20 7946 0958', '1', '+442079460958'],
    ['0044 20 7946 0958', '1', '+442079460958'],
    ['001-555-123-4567', '44', '+15551234567'],
    ['555.123.4567', '1', '+15551234567'],
    ['(555) 123 4567', '1', '+15551234567'],
    ['1 555 123 4567', '1', '+15551234567'],
    ['020 7946 0958', '44', '+442079460958'],
    ['20 7946 0958', '44', '+442079460958'],
    ['030 1234567', '49', '+49301234567'],
    ['\u00a0+81\u20123-1234-5678 ', '1', '+81312345678'],
  ])('%s with home +%s → %s', (input, home, e164) => {
    expect(normalizeNumber(input, home)).toEqual(ok(e164));
  });

  test('letters are refused with a clear message', () => {
    const r = normalizeNumber('1-800-FLOWERS', '1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe('invalid');
      expect(r.error).toMatch(/can’t contain letters \(found “FLO”\)/);
    }
  });

  test.each([
    ['', 'incomplete', /Enter a number/],
    ['+', 'incomplete', /after the \+/],
    ['+1555', 'incomplete', /Too short: .* at least 7 digits .*has 4/],
    ['+1234567890123456', 'too-long', /Too long: .* at most 15 digits .*has 16/],
    ['+0441234567', 'invalid', /never starts with 0/],
    ['555 12', 'incomplete', /10 digits, or 11 starting with 1; this one has 5 digits/],
    ['255512345678', 'too-long', /this one has 12 digits/],
    ['15551234567#', 'invalid', /\* and # can only be sent as tones/],
    ['+1555123+4567', 'invalid', /\+ goes only at the start/],
    ['555_1234567', 'invalid', /“_” can’t be part/],
    ['0', 'incomplete', /Enter a number/],
  ])('%j is refused (%s)', (input, problem, message) => {
    const r = normalizeNumber(input, input === '0' ? '44' : '1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toBe(problem);
      expect(r.error).toMatch(message);
    }
  });

  test('national numbers need a home country', () => {
    const r = normalizeNumber('5551234567', null);
    expect(r).toMatchObject({ ok: false, problem: 'needs-country' });
    expect(normalizeNumber('+15551234567', null)).toEqual(ok('+15551234567'));
  });

  test('a national number that is too short for its country says which country', () => {
    const r = normalizeNumber('0123', '44');
    expect(r).toMatchObject({ ok: false, problem: 'incomplete' });
    if (!r.ok) expect(r.error).toMatch(/Too short for a \+44 number/);
  });
});

describe('countryCodeOf', () => {
  test.each([
    ['+15551234567', '1'],
    ['+79161234567', '7'],
    ['+442079460958', '44'],
    ['+4930123456', '49'],
    ['+353123456789', '353'],
    ['+85212345678', '852'],
    ['+819012345678', '81'],
    ['+2348012345678', '234'],
  ])('%s → %s', (number, code) => {
    expect(countryCodeOf(number)).toBe(code);
  });

  test('not E.164 → null', () => {
    expect(countryCodeOf('5551234567')).toBeNull();
    expect(countryCodeOf(null)).toBeNull();
    expect(countryCodeOf('')).toBeNull();
  });
});

describe('display', () => {
  test('groups numbers for reading', () => {
    expect(formatForDisplay('+15551234567')).toBe('+1 555 123 4567');
    expect(formatForDisplay('+442079460958')).toBe('+44 207 946 0958');
    expect(formatForDisplay('+4930123456')).toBe('+49 301 234 56');
    expect(formatForDisplay('+35312345')).toBe('+353 123 45');
  });

  test('parties', () => {
    expect(describeParty('+15551234567')).toBe('+1 555 123 4567');
    expect(describeParty('client:alice')).toBe('alice (app user)');
    expect(describeParty('+266696687')).toBe('Withheld number');
    expect(describeParty('')).toBe('Unknown caller');
    expect(describeParty('sip:bob@example.com')).toBe('sip:bob@example.com');
  });
});
