import { describe, expect, test } from 'vitest';
import type { WindowStatus } from '../../src/contract';
import { IDLE, type CallState } from '../../src/phone/callState';
import type { Registration } from '../../src/phone/registration';
import { phoneStatusOf, sameStatus, windowRegistration } from '../../src/phone/report';
import { msg, render, setLanguage } from '../../src/i18n/i18n';

/** A registration in words, in the current language. */
function shown(r: Registration) {
  return { ...r, title: render(r.title), detail: render(r.detail) };
}

const ready: Registration = { status: 'ready', title: msg('status-ready'), detail: msg('plain-text', { text: 'Calls ring here.' }), action: null };
const n = '+15557654321';

describe('phoneStatusOf', () => {
  test('registration states map onto the report', () => {
    const at = (status: Registration['status'], detail = 'why') => phoneStatusOf({ registration: { ...ready, status, detail: msg('plain-text', { text: detail }) }, call: IDLE });
    expect(at('starting')).toEqual({ registration: 'registering', error: null, call: null });
    expect(at('registering').registration).toBe('registering');
    expect(at('ready')).toEqual({ registration: 'registered', error: null, call: null });
    expect(at('offline', 'no network')).toEqual({ registration: 'unregistered', error: 'no network', call: null });
    expect(at('error', 'missing settings')).toEqual({ registration: 'error', error: 'missing settings', call: null });
    expect(at('unsupported').registration).toBe('unsupported');
  });

  test('call phases map onto direction and state; since once answered', () => {
    const call = (state: CallState) => phoneStatusOf({ registration: ready, call: state }).call;
    expect(call({ phase: 'connecting', direction: 'outgoing', number: n })).toEqual({ direction: 'outgoing', number: n, state: 'connecting', since: null });
    expect(call({ phase: 'ringing', direction: 'outgoing', number: n })?.state).toBe('ringing');
    expect(call({ phase: 'incoming', direction: 'incoming', number: n })).toEqual({ direction: 'incoming', number: n, state: 'ringing', since: null });
    expect(call({ phase: 'answering', direction: 'incoming', number: n })?.state).toBe('connecting');
    expect(call({ phase: 'active', direction: 'incoming', number: n, startedAt: 1234, muted: true, reconnecting: false })).toEqual({
      direction: 'incoming',
      number: n,
      state: 'open',
      since: 1234,
    });
  });

  test('the call carries Twilio\'s CallSid once the phone knows it', () => {
    const incoming = { phase: 'incoming', direction: 'incoming', number: n } as const;
    expect(phoneStatusOf({ registration: ready, call: incoming, callSid: 'CAchild' }).call?.callSid).toBe('CAchild');
    expect(phoneStatusOf({ registration: ready, call: incoming, callSid: null }).call).not.toHaveProperty('callSid');
    expect(phoneStatusOf({ registration: ready, call: IDLE, callSid: 'CAold' }).call).toBeNull();
  });

  test('the last call\'s quality rides along once the call is over (the shape Rust\'s EndedCall reads)', () => {
    const lastCall = { callSid: 'CAchild', quality: { codec: 'opus', averageMos: 4.12, worstWarning: 'high-jitter' } };
    expect(phoneStatusOf({ registration: ready, call: IDLE, lastCall })).toEqual({ registration: 'registered', error: null, call: null, lastCall });
    expect(phoneStatusOf({ registration: ready, call: IDLE, lastCall: null })).not.toHaveProperty('lastCall');
  });

  test('mute and audio reconnects are not news', () => {
    const active = { phase: 'active', direction: 'outgoing', number: n, startedAt: 5, muted: false, reconnecting: false } as const;
    const a = phoneStatusOf({ registration: ready, call: active });
    const b = phoneStatusOf({ registration: ready, call: { ...active, muted: true, reconnecting: true } });
    expect(sameStatus(a, b)).toBe(true);
    expect(sameStatus(null, b)).toBe(false);
  });
});

describe('windowRegistration', () => {
  const status = (overrides: Partial<WindowStatus>): WindowStatus => ({ connected: true, report: null, browser: 'chromium', error: null, ...overrides });

  test('closed window: says so, or why it could not open', () => {
    expect(shown(windowRegistration(status({ connected: false })))).toMatchObject({ status: 'offline', title: 'Calling window closed' });
    expect(shown(windowRegistration(status({ connected: false, error: 'no browser found: install chromium' })))).toMatchObject({
      status: 'error',
      detail: 'no browser found: install chromium',
    });
    expect(windowRegistration(null).status).toBe('starting');
  });

  test('settings incomplete: setup is the thing to do, not reopening a window that cannot work', () => {
    const setup = { status: 'error', title: 'Setup needed', action: 'settings' };
    expect(shown(windowRegistration(null, true))).toMatchObject(setup);
    expect(shown(windowRegistration(status({ connected: false }), true))).toMatchObject(setup);
    // A window that is open already speaks for itself.
    expect(windowRegistration(status({ report: { registration: 'registered', error: null, call: null } }), true)).toMatchObject({ status: 'ready' });
  });

  test('open window: the same words and colours as the phone’s own status', () => {
    const reg = (registration: 'registering' | 'registered' | 'unregistered' | 'error' | 'unsupported', error: string | null = null) =>
      shown(windowRegistration(status({ report: { registration, error, call: null } })));
    expect(reg('registered')).toMatchObject({ status: 'ready', title: 'Ready' });
    expect(reg('registering')).toMatchObject({ status: 'registering', title: 'Registering' });
    expect(reg('unregistered', 'Can’t reach Twilio')).toMatchObject({ status: 'offline', title: 'Offline', detail: 'Can’t reach Twilio' });
    expect(reg('error', 'bad token')).toMatchObject({ status: 'error', title: 'Error', detail: 'bad token' });
    expect(reg('unsupported')).toMatchObject({ status: 'error', title: 'Calls unavailable' });
    expect(windowRegistration(status({})).status).toBe('registering');
    setLanguage('ja');
    expect(reg('registered')).toMatchObject({ status: 'ready', title: '待受中' });
    expect(reg('error', 'bad token')).toMatchObject({ status: 'error', title: 'エラー', detail: 'bad token' });
    setLanguage('en');
  });
});
