// The calling window page's reports to the app (src/phone/pageLink.ts).

import { expect, test } from 'vitest';
import type { PhoneStatus } from '../../src/contract';
import type { CallingWindowLink } from '../../src/ipc';
import { IDLE, type CallState } from '../../src/phone/callState';
import type { PhoneSnapshot } from '../../src/phone/device';
import type { Registration } from '../../src/phone/registration';
import { linkToApp } from '../../src/phone/pageLink';
import { msg } from '../../src/i18n/i18n';

function harness() {
  let snapshot: PhoneSnapshot = { registration: { status: 'starting', title: msg('status-starting'), detail: msg('plain-text', { text: '…' }), action: null }, call: IDLE };
  const listeners = new Set<(s: PhoneSnapshot) => void>();
  let retries = 0;
  let restarts = 0;
  const phone = {
    snapshot: () => snapshot,
    onChange: (l: (s: PhoneSnapshot) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    retry: () => {
      retries += 1;
      return Promise.resolve();
    },
    restart: () => {
      restarts += 1;
      return Promise.resolve();
    },
  };
  const set = (registration: Partial<Registration>, call: CallState = snapshot.call) => {
    snapshot = { registration: { ...snapshot.registration, ...registration }, call };
    for (const l of listeners) l(snapshot);
  };
  const reports: PhoneStatus[] = [];
  let onOpen: () => void = () => undefined;
  let onSettings: () => void = () => undefined;
  let sessionLost: () => void = () => undefined;
  let failNext = false;
  const link: CallingWindowLink = {
    reportPhoneStatus: (r) => {
      reports.push(r);
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('network'));
      }
      return Promise.resolve();
    },
    openEvents: (handlers) => {
      onOpen = () => handlers.open();
      onSettings = () => handlers.settings();
      return () => undefined;
    },
    onSessionLost: (l) => {
      sessionLost = l;
    },
  };
  const win = new EventTarget();
  const stop = linkToApp(link, phone, win);
  return { set, reports, open: () => onOpen(), settings: () => onSettings(), restarts: () => restarts, lose: () => sessionLost(), win, stop, retries: () => retries, failNext: () => (failNext = true) };
}

test('reports at once, on every change that matters, and again on each reconnection', () => {
  const t = harness();
  expect(t.reports).toEqual([{ registration: 'registering', error: null, call: null }]);
  t.set({ status: 'registering' });
  expect(t.reports).toHaveLength(1); // the same report
  t.set({ status: 'ready' });
  t.set({}, { phase: 'incoming', direction: 'incoming', number: '+15557654321' });
  t.set({}, { phase: 'active', direction: 'incoming', number: '+15557654321', startedAt: 99, muted: false, reconnecting: false });
  t.set({}, { phase: 'active', direction: 'incoming', number: '+15557654321', startedAt: 99, muted: true, reconnecting: false });
  t.set({}, IDLE);
  expect(t.reports.map((r) => [r.registration, r.call?.state ?? null])).toEqual([
    ['registering', null],
    ['registered', null],
    ['registered', 'ringing'],
    ['registered', 'open'],
    ['registered', null],
  ]);
  t.open();
  expect(t.reports).toHaveLength(6);
  expect(t.reports[5]).toEqual({ registration: 'registered', error: null, call: null });
});

test('a failed post is sent again on the next change', async () => {
  const t = harness();
  t.failNext();
  t.set({ status: 'ready' });
  await Promise.resolve();
  await Promise.resolve();
  t.set({ status: 'ready', detail: msg('plain-text', { text: 'other words' }) });
  expect(t.reports.filter((r) => r.registration === 'registered')).toHaveLength(2);
});

test('focus retries errors the app window can fix; nothing after a lost session', () => {
  const t = harness();
  t.set({ status: 'error', cause: 'missing_settings' });
  t.win.dispatchEvent(new Event('focus'));
  expect(t.retries()).toBe(1);
  t.set({ status: 'error', cause: 'network' });
  t.win.dispatchEvent(new Event('focus'));
  expect(t.retries()).toBe(1);
  t.lose();
  const before = t.reports.length;
  t.set({ status: 'error', cause: 'keychain' });
  t.win.dispatchEvent(new Event('focus'));
  expect(t.retries()).toBe(1);
  expect(t.reports).toHaveLength(before);
  t.stop();
});

test('settings saved in the app window restart the phone', () => {
  const t = harness();
  t.settings();
  expect(t.restarts()).toBe(1);
});
