// Registration words (src/phone/registration.ts).

import { describe, expect, test } from 'vitest';
import { explainError } from '../../src/phone/errors';
import { OFFLINE_DETAIL, offline, ready, retired, sameRegistration, twilioFailure } from '../../src/phone/registration';

describe('registration words', () => {
  test('ready names the identity Twilio confirmed, or just says ready', () => {
    expect(ready('dialtone_15551234567')).toEqual({ status: 'ready', title: 'Ready', detail: 'Calls to “dialtone_15551234567” ring here.', action: null });
    expect(ready('').detail).toBe('Ready for calls.');
  });

  test('offline always offers a retry', () => {
    for (const detail of Object.values(OFFLINE_DETAIL)) expect(offline(detail)).toEqual({ status: 'offline', title: 'Offline', detail, action: 'retry' });
  });

  test('a Twilio failure shows the explanation and the given way out', () => {
    const explained = explainError(20101);
    expect(twilioFailure(explained, 'settings')).toEqual({ status: 'error', title: explained.title, detail: explained.what, action: 'settings' });
  });

  test('a retired window offers nothing to click', () => {
    expect(retired('A newer calling window took over.')).toMatchObject({ status: 'error', title: 'Window closed', action: null });
  });

  test('the same words are the same registration, whatever the cause', () => {
    const a = { status: 'error', title: 'Setup needed', detail: 'd', action: 'settings' } as const;
    expect(sameRegistration(a, { ...a, cause: 'missing_settings' })).toBe(true);
    expect(sameRegistration(a, { ...a, detail: 'other' })).toBe(false);
    expect(sameRegistration(a, { ...a, action: 'retry' })).toBe(false);
    expect(sameRegistration(a, { ...a, title: 'Other' })).toBe(false);
    expect(sameRegistration(a, { ...a, status: 'offline' })).toBe(false);
  });
});
