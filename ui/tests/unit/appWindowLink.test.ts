// The app window's reports of the phone's state to Rust (src/phone/appWindowLink.ts).

import { expect, test } from 'vitest';
import type { PhoneStatus } from '../../src/contract';
import { msg } from '../../src/i18n/i18n';
import { reportToApp } from '../../src/phone/appWindowLink';
import { IDLE } from '../../src/phone/callState';
import type { PhoneSnapshot } from '../../src/phone/device';

test('reports at once, then each change once, and again after a failed report', async () => {
  let snapshot: PhoneSnapshot = { registration: { status: 'ready', title: msg('status-ready'), detail: msg('status-ready-detail'), action: null }, call: IDLE };
  const listeners = new Set<(s: PhoneSnapshot) => void>();
  const phone = {
    snapshot: () => snapshot,
    onChange: (l: (s: PhoneSnapshot) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const sent: PhoneStatus[] = [];
  let fail = false;
  const sink = {
    reportPhoneStatus: (status: PhoneStatus) => {
      sent.push(status);
      return fail ? Promise.reject(new Error('gone')) : Promise.resolve();
    },
  };
  const change = (next: PhoneSnapshot) => {
    snapshot = next;
    for (const l of listeners) l(next);
  };
  const stop = reportToApp(sink, phone);
  expect(sent).toEqual([{ registration: 'registered', error: null, call: null }]);

  change({ ...snapshot });
  expect(sent).toHaveLength(1);

  fail = true;
  change({ ...snapshot, call: { phase: 'incoming', number: '+15557654321' } as PhoneSnapshot['call'] });
  expect(sent.at(-1)?.call).toMatchObject({ direction: 'incoming', state: 'ringing', number: '+15557654321' });
  await Promise.resolve();
  await Promise.resolve();
  fail = false;
  change({ ...snapshot });
  expect(sent).toHaveLength(3);

  stop();
  change({ ...snapshot, call: IDLE });
  expect(sent).toHaveLength(3);
});
