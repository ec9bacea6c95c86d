import { describe, expect, test } from 'vitest';
import type { HistoryEntry, VoicemailEntry } from '../../src/contract';
import {
  formatLength,
  formatWhen,
  isCallable,
  isMissed,
  missedSince,
  newestStart,
  numbersFromText,
  numbersToText,
  partyLabel,
  qualityLine,
  statusMessageId,
  unheardCount,
} from '../../src/views/journal';

function call(overrides: Partial<HistoryEntry>): HistoryEntry {
  return {
    call_sid: 'CA00000000000000000000000000000001',
    direction: 'inbound',
    number: '+15557654321',
    name: null,
    started_at: '2025-01-02T14:00:00Z',
    status: 'answered',
    duration_secs: 0,
    voicemail: null,
    quality: null,
    ...overrides,
  };
}

describe('recents', () => {
  test('missed means an incoming call nobody answered (as `dialtone history --missed`)', () => {
    expect(isMissed(call({ status: 'missed' }))).toBe(true);
    expect(isMissed(call({ status: 'missed', direction: 'outbound' }))).toBe(false);
    expect(isMissed(call({ status: 'declined' }))).toBe(false);
    expect(isMissed(call({ status: 'answered' }))).toBe(false);
  });

  test('the badge counts missed calls after the last look, not before', () => {
    const entries = [
      call({ status: 'missed', started_at: '2025-01-02T15:00:00Z' }),
      call({ status: 'missed', started_at: '2025-01-02T14:00:00Z' }),
      call({ status: 'answered', started_at: '2025-01-02T15:30:00Z' }),
      call({ status: 'missed', direction: 'outbound', started_at: '2025-01-02T15:40:00Z' }),
    ];
    expect(missedSince(entries, 0)).toBe(2);
    expect(missedSince(entries, Date.parse('2025-01-02T14:00:00Z'))).toBe(1);
    expect(missedSince(entries, newestStart(entries))).toBe(0);
    expect(newestStart(entries)).toBe(Date.parse('2025-01-02T15:40:00Z'));
    expect(newestStart([])).toBe(0);
  });

  test('each direction and status has its own words; an outgoing "missed" is "no answer"', () => {
    expect(statusMessageId('inbound', 'missed')).toBe('recents-inbound-missed');
    expect(statusMessageId('outbound', 'missed')).toBe('recents-outbound-missed');
    const ids = new Set<string>();
    for (const direction of ['inbound', 'outbound'] as const) {
      for (const status of ['answered', 'missed', 'declined', 'busy', 'failed', 'refused'] as const) ids.add(statusMessageId(direction, status));
    }
    expect(ids.size).toBe(12);
  });

  test('a name wins over the number; the number is shown as the phone shows it', () => {
    expect(partyLabel('Ada Lovelace', '+15557654321', 'US')).toBe('Ada Lovelace');
    expect(partyLabel('  ', '+12129761234', 'US')).toBe('(212) 976-1234');
    // 555-01xx style numbers are not valid, so they keep the international form.
    expect(partyLabel(null, '+15557654321', 'US')).toBe('+1 555 765 4321');
    expect(partyLabel(null, '+442079460958', 'US')).toBe('+44 20 7946 0958');
    expect(partyLabel(null, 'anonymous', 'US')).toBe('Withheld number');
  });

  test('only real numbers can be called back or saved', () => {
    expect(isCallable('+15557654321')).toBe(true);
    expect(isCallable('anonymous')).toBe(false);
    expect(isCallable('client:alice')).toBe(false);
    expect(isCallable(null)).toBe(false);
    expect(isCallable('+0123456789')).toBe(false);
  });
});

describe('times and lengths', () => {
  test('lengths as phones print them', () => {
    expect(formatLength(0)).toBe('0:00');
    expect(formatLength(7)).toBe('0:07');
    expect(formatLength(65)).toBe('1:05');
    expect(formatLength(3600 + 62)).toBe('1:01:02');
    expect(formatLength(-3)).toBe('0:00');
  });

  // The expected words are CLDR's (Node's ICU), in each language.
  const now = Date.parse('2025-01-02T15:00:00Z');
  test('within the hour: relative, in the UI language', () => {
    expect(formatWhen('2025-01-02T14:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(formatWhen('2025-01-02T14:55:00Z', now, 'ja')).toBe('5 分前');
    expect(formatWhen('2025-01-02T15:00:00Z', now, 'en')).toBe('this minute');
  });

  test('older: the time today, else the date and time', () => {
    const tz = (at: string, lang: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang, options).format(Date.parse(at));
    const today = new Date(now).toDateString() === new Date(Date.parse('2025-01-02T13:00:00Z')).toDateString();
    const expectedToday = today
      ? tz('2025-01-02T13:00:00Z', 'en', { hour: 'numeric', minute: '2-digit' })
      : tz('2025-01-02T13:00:00Z', 'en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    expect(formatWhen('2025-01-02T13:00:00Z', now, 'en')).toBe(expectedToday);
    expect(formatWhen('2024-12-20T10:00:00Z', now, 'en')).toMatch(/^Dec 20, /);
    expect(formatWhen('2024-12-20T10:00:00Z', now, 'ja')).toMatch(/^12月20日 /);
    expect(formatWhen('not a time', now, 'en')).toBe('not a time');
  });
});

describe('voicemail and contacts', () => {
  test('new messages are the unheard ones', () => {
    const m = (heard: boolean): VoicemailEntry => ({
      recording_sid: 'RE1', call_sid: 'CA1', number: null, name: null, received_at: '2025-01-02T14:00:00Z', duration_secs: 5, heard,
    });
    expect(unheardCount([m(false), m(true), m(false)])).toBe(2);
    expect(unheardCount([])).toBe(0);
  });

  test('typed numbers: one per line or comma-separated, blanks and repeats dropped, labels kept', () => {
    const previous = [{ number: '+15557654321', label: 'mobile' }];
    expect(numbersFromText('+15557654321\n\n (555) 123-4567 ,+15557654321;+442079460958', previous)).toEqual([
      { number: '+15557654321', label: 'mobile' },
      { number: '(555) 123-4567', label: null },
      { number: '+442079460958', label: null },
    ]);
    expect(numbersFromText('  \n ')).toEqual([]);
    expect(numbersToText([{ number: '+1', label: null }, { number: '+2', label: 'work' }])).toBe('+1\n+2');
  });
});

describe('qualityLine', () => {
  test('the grade from the average MOS (the call view\'s bounds), the codec as written, the worst warning\'s words', () => {
    expect(qualityLine({ codec: 'opus', average_mos: 3.5, worst_warning: 'high-jitter' })).toEqual({
      gradeId: 'call-quality-fair',
      codec: 'Opus',
      mos: '3.5',
      warningId: 'quality-warning-high-jitter',
    });
    expect(qualityLine({ codec: 'pcmu', average_mos: 4.4, worst_warning: null })).toMatchObject({ gradeId: 'call-quality-good', codec: 'PCMU', warningId: null });
    expect(qualityLine({ codec: null, average_mos: 2.1, worst_warning: 'something-new' })).toMatchObject({ gradeId: 'call-quality-poor', codec: null, warningId: null });
    expect(qualityLine(null)).toBeNull();
    expect(qualityLine({ codec: null, average_mos: null, worst_warning: null })).toBeNull();
  });
});
