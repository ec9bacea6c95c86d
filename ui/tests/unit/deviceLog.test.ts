// The device log (src/phone/deviceLog.ts): bounded, told to listeners, SDK errors in words.

import { describe, expect, test } from 'vitest';
import { render, setLanguage } from '../../src/i18n/i18n';
import { DeviceLog, LOG_LIMIT, type LogEntry } from '../../src/phone/deviceLog';
import { explainError } from '../../src/phone/errors';
import { FakeTwilioError } from '../fakes/voice-sdk';
import { manualClock } from './manualClock';

describe('DeviceLog', () => {
  test('keeps the newest LOG_LIMIT entries, oldest first, stamped with the clock', () => {
    const time = manualClock(1000);
    const log = new DeviceLog(time.clock);
    for (let i = 0; i < LOG_LIMIT + 5; i++) {
      log.write('info', `line ${i}`);
      time.advance(1);
    }
    expect(log.entries).toHaveLength(LOG_LIMIT);
    expect(log.entries[0]).toMatchObject({ text: 'line 5', at: 1005, level: 'info' });
    expect(log.entries.at(-1)?.text).toBe(`line ${LOG_LIMIT + 4}`);
  });

  test('listeners hear each entry until they stop', () => {
    const log = new DeviceLog(manualClock().clock);
    const heard: LogEntry[] = [];
    const stop = log.onEntry((e) => heard.push(e));
    log.write('warn', 'one', { fix: 'do this' });
    stop();
    log.write('info', 'two');
    expect(heard).toEqual([expect.objectContaining({ level: 'warn', text: 'one', fix: 'do this' })]);
  });

  test('an SDK error reads "Title (code). What", with the fix and the code', () => {
    const log = new DeviceLog(manualClock().clock);
    log.writeError(new FakeTwilioError(31486, 'Busy Here'), 'The call could not start');
    const explained = explainError(31486);
    expect(log.entries[0]).toEqual(expect.objectContaining({
      level: 'error',
      text: `The call could not start: ${render(explained.title)} (31486). ${render(explained.what)}`,
      fix: render(explained.fix),
      code: 31486,
    }));
    log.writeError(new Error('plain failure'));
    expect(log.entries[1]?.text).toBe('Error. plain failure');
    expect(log.entries[1]).not.toHaveProperty('code');
    setLanguage('ja');
    log.writeError(new FakeTwilioError(31486, 'Busy Here'), '発信できませんでした');
    setLanguage('en');
    expect(log.entries[2]?.text).toMatch(/^発信できませんでした：話し中（31486）。/);
  });

  test('the same error object is written once, however many paths report it', () => {
    const log = new DeviceLog(manualClock().clock);
    const error = new FakeTwilioError(31005, 'gateway hangup');
    log.writeErrorOnce(error);
    log.writeErrorOnce(error);
    const other = new FakeTwilioError(53000, 'gone');
    log.markWritten(other);
    log.writeErrorOnce(other);
    log.writeErrorOnce(new FakeTwilioError(31005, 'another one'));
    expect(log.entries.map((e) => e.code)).toEqual([31005, 31005]);
  });
});
