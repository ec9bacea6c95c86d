// The Phone (src/phone/device.ts) against the fake SDK, with a manual clock and fake
// window/document event targets.

import { beforeEach, describe, expect, test } from 'vitest';
import { msg, render, type Msg } from '../../src/i18n/i18n';

/** A registration's words, in the current language. */
function words<R extends { title: Msg; detail: Msg }>(r: R): Omit<R, 'title' | 'detail'> & { title: string; detail: string } {
  return { ...r, title: render(r.title), detail: render(r.detail) };
}
import type { TokenResponse } from '../../src/contract';
import { BackendError, type Backend } from '../../src/ipc';
import { Phone } from '../../src/phone/device';
import type { PhoneEnv } from '../../src/phone/env';
import { RETRY_DELAYS_MS } from '../../src/phone/recovery';
import { explainTokenError } from '../../src/phone/tokenTrouble';
import type { Clock } from '../../src/phone/timer';
import { resetFake, type FakeTwilio } from '../fakes/voice-sdk';

let fake: FakeTwilio;

function setup(options: { tokenError?: BackendError; env?: Partial<PhoneEnv> } = {}) {
  let now = 1_700_000_000_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => {
      timers.delete(id as number);
    },
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      await flush();
    }
    now = end;
  };
  const visibility = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  const env: PhoneEnv = { clock, network: new EventTarget(), visibility, baseUrl: 'tauri://localhost/', ...options.env };
  let tokens = 0;
  let tokenError = options.tokenError ?? null;
  const backend: Backend = {
    kind: 'tauri',
    canEditSettings: true,
    getToken: (): Promise<TokenResponse> => {
      if (tokenError) return Promise.reject(tokenError);
      tokens += 1;
      return Promise.resolve({ token: `token-${tokens}`, identity: 'dialtone_15551234567', expiresAt: Math.floor(now / 1000) + 3600 });
    },
    settingsStatus: () => Promise.reject(new Error('unused')),
    saveSettings: () => Promise.reject(new Error('unused')),
    importEnv: () => Promise.reject(new Error('unused')),
    webhookStatus: () => Promise.reject(new Error('unused')),
    onWebhookStatus: () => Promise.resolve(() => undefined),
    onPhoneCommand: () => Promise.resolve(() => undefined),
    onOpenAt: () => Promise.resolve(() => undefined),
    onJournalChanged: () => Promise.resolve(() => undefined),
    reportPhoneStatus: () => Promise.resolve(),
  };
  const phone = new Phone(backend, env);
  return {
    phone,
    env,
    advance,
    pendingTimers: () => timers.size,
    setTokenError: (e: BackendError | null) => (tokenError = e),
    logText: () => phone.log.map((e) => e.text).join('\n'),
    status: () => phone.snapshot().registration.status,
    phase: () => phone.snapshot().call.phase,
  };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A phone that has started and registered. */
async function started() {
  const t = setup();
  await t.phone.start();
  await flush();
  return t;
}

beforeEach(() => {
  fake = resetFake();
});

describe('start', () => {
  test('fetches a token, creates one Device with our options, registers', async () => {
    const t = await started();
    expect(fake.devices).toHaveLength(1);
    const device = fake.device!;
    expect(device.token0).toBe('token-1');
    expect(device.options).toMatchObject({
      codecPreferences: ['opus', 'pcmu'],
      allowIncomingWhileBusy: false,
      tokenRefreshMs: 60_000,
    });
    expect(device.options.closeProtection).toBeTruthy();
    expect(Object.keys(device.options.sounds ?? {})).toHaveLength(15);
    expect(device.options.sounds?.incoming).toBe('tauri://localhost/sounds/incoming.wav');
    expect(t.status()).toBe('ready');
    expect(t.pendingTimers()).toBe(0);
  });

  test('a failed token fetch explains and points to settings', async () => {
    const t = setup({ tokenError: new BackendError('missing_settings', 'missing settings: account_sid') });
    await t.phone.start();
    expect(words(t.phone.snapshot().registration)).toMatchObject({
      status: 'error',
      title: 'Setup needed',
      action: 'settings',
      detail: 'Could not get an access token: missing settings: account_sid.',
    });
    expect(fake.devices).toHaveLength(0);
  });

  test('without WebRTC it says so and creates no Device', async () => {
    fake.supported = false;
    const t = setup();
    await t.phone.start();
    expect(t.status()).toBe('unsupported');
    expect(fake.devices).toHaveLength(0);
  });
});

describe('calls', () => {
  test('DTMF goes out the moment it is pressed (the browser queues it), never after the call', async () => {
    const t = await started();
    await t.phone.dial('+15557654321');
    const call = fake.lastCall!;
    call.remoteAnswer();
    expect(t.phone.sendDigit('1')).toBe(true);
    expect(t.phone.sendDigit('5')).toBe(true);
    expect(t.phone.sendDigit('#')).toBe(true);
    expect(t.phone.sendDigit('x')).toBe(false);
    expect(call.digits).toEqual(['1', '5', '#']);
    expect(t.pendingTimers()).toBe(0);
    t.phone.hangUp();
    expect(t.phone.sendDigit('0')).toBe(false);
    expect(call.digits).toEqual(['1', '5', '#']);
  });

  test('outgoing call: params.To, ringing, accept, mute, DTMF, hang up, nothing left attached', async () => {
    const t = await started();
    await t.phone.dial('+15557654321');
    const device = fake.device!;
    expect(device.connectParams).toEqual([{ params: { To: '+15557654321' } }]);
    const call = fake.lastCall!;
    expect(t.phase()).toBe('connecting');
    call.remoteRinging();
    expect(t.phase()).toBe('ringing');
    call.remoteAnswer();
    expect(t.phone.snapshot().call).toMatchObject({ phase: 'active', startedAt: 1_700_000_000_000 });
    t.phone.toggleMute();
    expect(call.isMuted()).toBe(true);
    expect(t.phone.snapshot().call).toMatchObject({ muted: true });
    expect(t.phone.sendDigit('5')).toBe(true);
    expect(t.phone.sendDigit('x')).toBe(false);
    expect(call.digits).toEqual(['5']);
    t.phone.hangUp();
    expect(call.disconnectCount).toBe(1);
    expect(t.phase()).toBe('idle');
    expect(call.listenerCount()).toBe(0);
    expect(t.logText()).toMatch(/Calling \+1 555 765 4321…\nRinging…\nCall connected\.\nCall ended\./);
  });

  test('hanging up while the call is still being set up cancels it', async () => {
    const t = await started();
    const dialing = t.phone.dial('+15557654321');
    t.phone.hangUp();
    expect(t.phase()).toBe('idle');
    await dialing;
    expect(fake.lastCall?.disconnectCount).toBe(1);
    expect(t.phase()).toBe('idle');
  });

  test('a second incoming call while busy is rejected; the first is untouched', async () => {
    const t = await started();
    const first = fake.device!.incoming('+15550000001')!;
    t.phone.accept();
    await flush();
    expect(t.phase()).toBe('active');
    const second = fake.device!.incomingAnyway('+15550000002');
    expect(second.rejectCount).toBe(1);
    expect(first.status()).toBe('open');
    expect(first.rejectCount + first.disconnectCount).toBe(0);
    expect(t.phone.snapshot().call).toMatchObject({ phase: 'active', number: '+15550000001' });
    expect(t.logText()).toMatch(/Rejected a second incoming call from \+1 555 000 0002/);
  });

  test('the caller cancels: idle again, log says so, listeners removed', async () => {
    const t = await started();
    const call = fake.device!.incoming('+15550000001')!;
    call.callerCancel();
    expect(t.phase()).toBe('idle');
    expect(call.listenerCount()).toBe(0);
    expect(t.logText()).toMatch(/Missed call from \+1 555 000 0001: the caller hung up before you answered\./);
  });

  test('mic denied on dial is explained and the phone returns to idle', async () => {
    const t = await started();
    fake.micError = 31401;
    await t.phone.dial('+15557654321');
    expect(t.phase()).toBe('idle');
    const last = t.phone.log.at(-1)!;
    expect(last).toMatchObject({ level: 'error', code: 31401 });
    expect(last.text).toMatch(/Microphone blocked \(31401\)/);
    expect(last.fix).toMatch(/Allow microphone access/);
  });
});

describe('token', () => {
  test('tokenWillExpire refreshes at once when idle, after the call when busy', async () => {
    const t = await started();
    const device = fake.device!;
    device.tokenWillExpire();
    await flush();
    expect(device.tokens).toEqual(['token-1', 'token-2']);

    device.incoming('+15550000001');
    t.phone.accept();
    await flush();
    device.tokenWillExpire();
    await flush();
    expect(device.tokens).toHaveLength(2);
    t.phone.hangUp();
    await flush();
    expect(device.tokens).toEqual(['token-1', 'token-2', 'token-3']);
  });

  test('20104 fetches a new token and registers again', async () => {
    const t = await started();
    const device = fake.device!;
    await device.unregister();
    device.emitError(20104, 'AccessTokenExpired');
    await flush();
    expect(device.tokens).toHaveLength(2);
    expect(t.status()).toBe('ready');
  });

  test('20101 does not loop: it stops and points to settings', async () => {
    const t = await started();
    await fake.device!.unregister();
    fake.device!.emitError(20101, 'AccessTokenInvalid');
    await flush();
    expect(words(t.phone.snapshot().registration)).toMatchObject({ status: 'error', action: 'settings', title: 'Access token rejected' });
    expect(fake.device!.tokens).toHaveLength(1);
  });
});

describe('registration recovery', () => {
  test('retries with backoff only while offline, and stops when registered', async () => {
    const t = await started();
    const device = fake.device!;
    fake.registerOutcome = 31009;
    device.dropConnection();
    expect(t.status()).toBe('offline');
    expect(t.pendingTimers()).toBe(1);
    const before = device.registerCount;
    await t.advance(RETRY_DELAYS_MS[0] - 1);
    expect(device.registerCount).toBe(before);
    await t.advance(1);
    expect(device.registerCount).toBe(before + 1);
    await t.advance(RETRY_DELAYS_MS[1]);
    expect(device.registerCount).toBe(before + 2);
    // Only one error per offline episode reaches the log.
    expect(t.phone.log.filter((e) => e.level === 'error')).toHaveLength(1);

    fake.registerOutcome = 'ok';
    await t.advance(RETRY_DELAYS_MS[2]);
    expect(t.status()).toBe('ready');
    expect(t.pendingTimers()).toBe(0);
  });

  test('the online event and waking up retry at once', async () => {
    const t = await started();
    const device = fake.device!;
    fake.registerOutcome = 31009;
    device.dropConnection();
    fake.registerOutcome = 'ok';
    t.env.network.dispatchEvent(new Event('online'));
    await flush();
    expect(t.status()).toBe('ready');
    expect(t.pendingTimers()).toBe(0);

    // A laptop lid closed and opened: registration silently gone.
    (device as unknown as { _state: string })._state = 'unregistered';
    t.env.visibility.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(device.state).toBe('registered');
  });

  test('waking up with an expired token renews it first', async () => {
    const t = await started();
    const device = fake.device!;
    await t.advance(3600_000); // an hour asleep: no timers fire while idle
    (device as unknown as { _state: string })._state = 'unregistered';
    t.env.visibility.dispatchEvent(new Event('visibilitychange'));
    await flush();
    expect(device.tokens).toHaveLength(2);
    expect(device.state).toBe('registered');
  });

  test('new settings while on a call wait for the end of the call', async () => {
    const t = await started();
    fake.device!.incoming('+15550000001');
    t.phone.accept();
    await flush();
    await t.phone.restart();
    expect(fake.devices).toHaveLength(1);
    t.phone.hangUp();
    await flush();
    expect(fake.devices).toHaveLength(2);
    expect(fake.devices[0]!.state).toBe('destroyed');
    expect(t.status()).toBe('ready');
  });
});

describe('token errors by kind', () => {
  test('each kind gets its own title, action and fix', () => {
    const e = (kind: string, message = 'the message') => explainTokenError({ kind, message }, true);
    expect(words(e('missing_settings', 'missing settings: Account SID (account_sid)').registration)).toEqual({
      title: 'Setup needed',
      detail: 'Could not get an access token: missing settings: Account SID (account_sid).',
      action: 'settings',
    });
    const keychain = e('keychain', 'the keychain is locked: unlock it with `secret-tool` or log in again');
    expect(words(keychain.registration).title).toBe('Keychain locked');
    expect(words(keychain.registration).title).not.toBe('Setup needed');
    expect(words(keychain.registration).detail).toContain('unlock it with `secret-tool`');
    expect(words(keychain.registration).action).toBe('settings');
    expect(words(e('settings', 'cannot read /home/u/.config/dialtone/settings.toml: bad TOML').registration)).toMatchObject({
      title: 'Settings unreadable',
      detail: 'Cannot read /home/u/.config/dialtone/settings.toml: bad TOML.',
    });
    expect(words(e('token', 'bad signing key').registration).detail).toBe('Could not create an access token: bad signing key.');
    expect(words(e('network').registration)).toMatchObject({ title: 'Can’t reach Dialtone', action: 'retry' });
    expect(words(e('session').registration)).toMatchObject({ title: 'Session lost', action: null });
    expect(words(e('session').registration).detail).toMatch(/Reopen calling window/);
    expect(words(e('forbidden').registration).action).toBeNull();
    expect(words(explainTokenError({ kind: 'rate_limited', message: 'slow down', retryAfterMs: 9000 }, true).registration).detail).toMatch(/in 9 s/);
    expect(explainTokenError({ kind: 'missing_settings', message: 'm' }, false).fix).toMatch(/Dialtone app window/);
  });

  test('rate limited: waits, then asks once more; no hammering', async () => {
    const t = setup({ tokenError: new BackendError('rate_limited', 'too many', undefined, 6000) });
    let asked = 0;
    const getToken = t.phone['backend'].getToken.bind(t.phone['backend']);
    t.phone['backend'].getToken = () => {
      asked += 1;
      return getToken();
    };
    await t.phone.start();
    expect(words(t.phone.snapshot().registration)).toMatchObject({ status: 'error', title: 'Waiting', cause: 'rate_limited' });
    expect(asked).toBe(1);
    expect(t.pendingTimers()).toBe(1);
    await t.advance(5_000);
    expect(asked).toBe(1);
    t.setTokenError(null);
    await t.advance(1_000);
    expect(asked).toBe(2);
    expect(t.status()).toBe('ready');
  });

  test('a lost session while renewing the token says so', async () => {
    const t = setup();
    await t.phone.start();
    t.setTokenError(new BackendError('session', 'gone'));
    fake.device!.tokenWillExpire();
    await flush();
    expect(words(t.phone.snapshot().registration)).toMatchObject({ status: 'error', title: 'Session lost' });
  });
});

describe('retire (the calling window lost its session)', () => {
  test('idle: the Device goes at once, nothing restarts it, and dialing says why', async () => {
    const t = await started();
    const device = fake.device!;
    expect(t.phone.dialBlockedReason()).toBeNull();
    t.phone.retire(msg('plain-text', { text: 'A newer calling window took over.' }));
    expect(device.state).toBe('destroyed');
    expect(words(t.phone.snapshot().registration)).toMatchObject({ status: 'error', title: 'Window closed', detail: 'A newer calling window took over.' });
    await t.phone.restart();
    await t.phone.retry();
    t.env.network.dispatchEvent(new Event('online'));
    await t.advance(60_000);
    expect(fake.devices).toHaveLength(1);
    expect(t.phone.dialBlockedReason()).toBe('A newer calling window took over.');
    expect(t.pendingTimers()).toBe(0);
  });

  test('on a call: the call goes on, and the Device goes when it ends', async () => {
    const t = await started();
    const device = fake.device!;
    const call = device.incoming('+15550000001')!;
    t.phone.accept();
    await flush();
    t.phone.retire(msg('plain-text', { text: 'A newer calling window took over.' }));
    expect(device.state).not.toBe('destroyed');
    expect(call.status()).toBe('open');
    expect(t.phase()).toBe('active');
    expect(t.logText()).toMatch(/the current call goes on until you hang up/);
    t.phone.hangUp();
    await flush();
    expect(device.state).toBe('destroyed');
    expect(words(t.phone.snapshot().registration).title).toBe('Window closed');
  });
});

describe('the ringtone', () => {
  /** An <audio> stand-in: what the Ringer set on it, and whether it plays. */
  function audioElement() {
    const el = {
      src: '', loop: false, volume: 1, playing: false, sinks: [] as string[],
      get paused() { return !this.playing; },
      play() { this.playing = true; return Promise.resolve(); },
      pause() { this.playing = false; },
      load() {},
      removeAttribute(name: string) { if (name === 'src') this.src = ''; },
      setAttribute() {},
      setSinkId(id: string) { this.sinks.push(id); return Promise.resolve(); },
    };
    return el;
  }

  async function ringing() {
    const el = audioElement();
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const t = setup({ env: { ringerElement: () => el, storage } });
    await t.phone.start();
    await flush();
    return { ...t, el, storage };
  }

  test("the SDK's own incoming sound is off: Dialtone rings itself", async () => {
    await ringing();
    expect(fake.device!.audio.incomingSound).toBe(false);
  });

  test('an incoming call rings the chosen tone at the chosen volume; answering stops it', async () => {
    const t = await ringing();
    t.phone.chooseRingtone('digital');
    t.phone.setRingtoneVolume('30');
    fake.device!.incoming('+15550000001');
    await flush();
    expect(t.el).toMatchObject({ src: 'tauri://localhost/sounds/ringtone-digital.wav', loop: true, volume: 0.3, playing: true });
    t.phone.accept();
    await flush();
    expect(t.el).toMatchObject({ src: '', playing: false });
    // Remembered for the next window.
    expect(JSON.parse(t.storage.getItem('dialtone.ringtone.v1')!)).toEqual({ tone: 'digital', volume: 30 });
  });

  test('declining, and the caller giving up, stop the ring too', async () => {
    const t = await ringing();
    fake.device!.incoming('+15550000001');
    await flush();
    expect(t.el).toMatchObject({ src: 'tauri://localhost/sounds/incoming.wav', volume: 1, playing: true });
    t.phone.reject();
    await flush();
    expect(t.el.playing).toBe(false);

    const call = fake.device!.incoming('+15550000002')!;
    await flush();
    expect(t.el.playing).toBe(true);
    call.callerCancel();
    await flush();
    expect(t.el).toMatchObject({ src: '', playing: false });
  });

  test('a bad volume is ignored, not stored', async () => {
    const t = await ringing();
    t.phone.setRingtoneVolume('loud');
    expect(t.phone.ringtoneChoice()).toEqual({ tone: 'classic', volume: 100 });
  });
});
