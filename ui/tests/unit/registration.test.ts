// Registration words (src/phone/registration.ts).

import { afterEach, describe, expect, test } from 'vitest';
import { msg, render, setLanguage } from '../../src/i18n/i18n';
import { explainError } from '../../src/phone/errors';
import { OFFLINE_DETAIL, offline, ready, retired, sameRegistration, twilioFailure, type Registration } from '../../src/phone/registration';

/** A registration as the status bar shows it, in the current language. */
function shown(r: Registration) {
  return { ...r, title: render(r.title), detail: render(r.detail) };
}

describe('registration words', () => {
  afterEach(() => setLanguage('en'));

  test('ready names the identity Twilio confirmed, or just says ready', () => {
    expect(shown(ready('dialtone_15551234567'))).toEqual({ status: 'ready', title: 'Ready', detail: 'Calls to “dialtone_15551234567” ring here.', action: null });
    expect(render(ready('').detail)).toBe('Ready for calls.');
    setLanguage('ja');
    expect(shown(ready('dialtone_15551234567'))).toEqual({ status: 'ready', title: '待受中', detail: '「dialtone_15551234567」への着信をここで受けます。', action: null });
  });

  test('offline always offers a retry', () => {
    for (const detail of Object.values(OFFLINE_DETAIL)) expect(shown(offline(detail))).toEqual({ status: 'offline', title: 'Offline', detail: render(detail), action: 'retry' });
    setLanguage('ja');
    expect(render(offline(OFFLINE_DETAIL.computerOffline).title)).toBe('オフライン');
  });

  test('a Twilio failure shows the explanation and the given way out', () => {
    const explained = explainError(20101);
    expect(twilioFailure(explained, 'settings')).toEqual({ status: 'error', title: explained.title, detail: explained.what, action: 'settings' });
  });

  test('a retired window offers nothing to click', () => {
    expect(shown(retired(msg('status-window-replaced')))).toMatchObject({ status: 'error', title: 'Window closed', action: null });
  });

  test('the same words are the same registration, whatever the cause', () => {
    const a: Registration = { status: 'error', title: msg('token-setup-needed'), detail: msg('plain-text', { text: 'd' }), action: 'settings' };
    expect(sameRegistration(a, { ...a, cause: 'missing_settings' })).toBe(true);
    expect(sameRegistration(a, { ...a, detail: msg('plain-text', { text: 'other' }) })).toBe(false);
    expect(sameRegistration(a, { ...a, action: 'retry' })).toBe(false);
    expect(sameRegistration(a, { ...a, title: msg('status-error') })).toBe(false);
    expect(sameRegistration(a, { ...a, status: 'offline' })).toBe(false);
  });
});
