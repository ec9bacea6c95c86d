// "Test my set-up": the verdicts (phone/setupCheck.ts), graded with the real SDK's own E-model
// as the oracle for MOS, the echo call's driver (phone/setupCheckCall.ts) on the fake SDK, and
// the Phone keeping real calls first (device.ts `checkNetwork`).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import type { TokenResponse } from '../../src/contract';
import type { Backend } from '../../src/ipc';
import { Phone } from '../../src/phone/device';
import type { PhoneEnv } from '../../src/phone/env';
import type { QualitySample } from '../../src/phone/quality';
import {
  ECHO_CALL_MS,
  ECHO_TEST_DESTINATION,
  QUIET_DB,
  SILENT_DB,
  judgeRecording,
  meterLevel,
  microphoneFailure,
  microphoneWords,
  rmsDb,
  summarizeEcho,
  type EchoMeasurements,
} from '../../src/phone/setupCheck';
import { ANSWER_TIMEOUT_MS, EchoCall, type EchoCallResult } from '../../src/phone/setupCheckCall';
import { resetFake, type Device as FakeDevice, type FakeTwilio } from '../fakes/voice-sdk';
import { manualClock } from './manualClock';

// The real SDK's E-model (createRequire bypasses vitest's alias to the fake).
const require = createRequire(import.meta.url);
const sdkDir = join(dirname(require.resolve('@twilio/voice-sdk')), 'twilio');
const sdkMos = (require(join(sdkDir, 'rtc/mos.js')) as { calculate: (rtt: number, jitter: number, lost: number) => number | null }).calculate;

/** Ten samples of a network, each with the MOS the SDK itself computes for it. */
function network(rtt: number, jitter: number, lossPercent: number): QualitySample[] {
  return Array.from({ length: 10 }, (_, i) => ({
    // The SDK's first sample has no MOS yet.
    mos: i === 0 ? null : sdkMos(rtt, jitter, lossPercent),
    rtt,
    jitter,
    packetsLostFraction: lossPercent,
    codecName: 'opus',
  }));
}

function measured(samples: QualitySample[], extra: Partial<EchoMeasurements> = {}): EchoMeasurements {
  return { samples, warnings: [], maxInput: 0.5, maxOutput: 0.4, ...extra };
}

let fake: FakeTwilio;
beforeEach(() => {
  fake = resetFake();
});

describe('the microphone verdict', () => {
  test('levels are RMS in dBFS: a full-scale sine is -3 dB, silence -inf', () => {
    const sine = Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 48000));
    expect(rmsDb(sine)).toBeCloseTo(-3.01, 1);
    expect(rmsDb(sine.map((s) => s * 0.01))).toBeCloseTo(-43.01, 1);
    expect(rmsDb(new Float32Array(512))).toBe(-Infinity);
    expect(rmsDb([])).toBe(-Infinity);
  });

  test('silent, quiet and ok around the bounds; the meter spans -60..0 dBFS', () => {
    expect(judgeRecording(-Infinity)).toBe('silent');
    expect(judgeRecording(Number.NaN)).toBe('silent');
    expect(judgeRecording(SILENT_DB - 0.1)).toBe('silent');
    expect(judgeRecording(SILENT_DB)).toBe('quiet');
    expect(judgeRecording(QUIET_DB - 0.1)).toBe('quiet');
    expect(judgeRecording(QUIET_DB)).toBe('ok');
    expect(judgeRecording(-12)).toBe('ok');
    expect(meterLevel(-Infinity)).toBe(0);
    expect(meterLevel(-90)).toBe(0);
    expect(meterLevel(-30)).toBeCloseTo(0.5);
    expect(meterLevel(3)).toBe(1);
  });

  test('getUserMedia failures by their spec names, each with words and a fix', () => {
    const named = (name: string) => new DOMException('x', name);
    expect(microphoneFailure(named('NotFoundError'))).toBe('no-microphone');
    expect(microphoneFailure(named('NotAllowedError'))).toBe('permission-refused');
    expect(microphoneFailure(named('SecurityError'))).toBe('permission-refused');
    expect(microphoneFailure(named('NotReadableError'))).toBe('busy');
    expect(microphoneFailure(named('OverconstrainedError'))).toBe('device-gone');
    expect(microphoneFailure(new TypeError('no audio'))).toBe('unsupported');
    expect(microphoneFailure('weird')).toBe('busy');
    expect(microphoneWords('ok').fix).toBeNull();
    for (const outcome of ['quiet', 'silent', 'no-microphone', 'permission-refused', 'busy', 'device-gone', 'unsupported', 'playback-failed'] as const) {
      expect(microphoneWords(outcome).fix, outcome).toMatch(/-fix$/);
    }
  });
});

describe('the network verdict', () => {
  test('typical networks, graded from the SDK’s own MOS', () => {
    const wired = summarizeEcho(measured(network(40, 2, 0)));
    expect(wired).toMatchObject({ grade: 'good', advice: null, noEcho: false, codec: 'opus', rttMs: 40, jitterMs: 2, lossPercent: 0 });
    expect(wired.mos).toBeCloseTo(sdkMos(40, 2, 0)!, 5);
    expect(summarizeEcho(measured(network(350, 30, 1))).grade).toBe('fair');
    expect(summarizeEcho(measured(network(600, 60, 5))).grade).toBe('poor');
  });

  test('advice: the worst warning the SDK raised, else the figure furthest over its threshold', () => {
    expect(summarizeEcho(measured(network(600, 60, 5), { warnings: ['high-rtt', 'high-packet-loss'] })).advice).toBe('quality-warning-packet-loss-fix');
    expect(summarizeEcho(measured(network(600, 10, 0))).advice).toBe('quality-warning-high-rtt-fix');
    expect(summarizeEcho(measured(network(100, 150, 0))).advice).toBe('quality-warning-high-jitter-fix');
    // What the SDK itself scores good needs no advice, whatever one figure says.
    expect(summarizeEcho(measured(network(100, 80, 0))).advice).toBeNull();
    expect(summarizeEcho(measured(network(50, 5, 20))).advice).toBe('quality-warning-packet-loss-fix');
    // Unknown names (a newer SDK) are ignored, not shown.
    expect(summarizeEcho(measured(network(600, 10, 0), { warnings: ['something-new'] })).advice).toBe('quality-warning-high-rtt-fix');
  });

  test('audio that goes out but never comes back is poor whatever the MOS says', () => {
    const oneWay = summarizeEcho(measured(network(40, 2, 0), { maxInput: 0.5, maxOutput: 0.01 }));
    expect(oneWay).toMatchObject({ grade: 'poor', noEcho: true, advice: 'setup-test-net-no-echo-fix' });
    // A silent microphone proves nothing about the way back.
    expect(summarizeEcho(measured(network(40, 2, 0), { maxInput: 0.01, maxOutput: 0 })).noEcho).toBe(false);
  });

  test('no MOS at all is no grade, with what to try', () => {
    const none = summarizeEcho(measured([]));
    expect(none).toMatchObject({ grade: null, mos: null, rttMs: null, advice: 'setup-test-net-unmeasured-fix' });
  });
});

describe('the echo call', () => {
  async function started(clock = manualClock()) {
    const device = new (await import('../fakes/voice-sdk')).Device('token', {});
    const check = new EchoCall(clock.clock, device);
    const progress: number[] = [];
    const result = check.run({ measuring: (left) => progress.push(left) });
    await Promise.resolve();
    const call = fake.lastCall!;
    return { device, check, clock, progress, result, call };
  }

  test('calls the reserved destination, measures ten seconds once Twilio answers, hangs up itself', async () => {
    const t = await started();
    expect(t.device.connectParams).toEqual([{ params: { To: ECHO_TEST_DESTINATION } }]);
    t.clock.advance(3000); // ringing: the ten seconds start at the answer
    t.call.remoteAnswer();
    for (let s = 0; s < 10; s++) {
      t.call.volume(0.4, 0.3);
      t.call.sample({ mos: s === 0 ? null : 4.4, rtt: 40, jitter: 2 });
      t.clock.advance(1000);
    }
    const result = await t.result;
    expect(result.kind).toBe('done');
    expect(result).toMatchObject({ summary: { grade: 'good', rttMs: 40, noEcho: false } });
    expect(result.kind === 'done' && result.summary.mos).toBeCloseTo(4.4, 6);
    expect(t.progress).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(t.call.disconnectCount).toBe(1);
    expect(t.clock.pending()).toBe(0);
  });

  test('stop ends it at once; Twilio hanging up early, no answer and an error each say so', async () => {
    const stopped = await started();
    stopped.call.remoteAnswer();
    stopped.check.stop();
    expect(await stopped.result).toEqual({ kind: 'stopped' });
    expect(stopped.call.status()).toBe('closed');

    const early = await started();
    early.call.remoteAnswer();
    early.clock.advance(4000);
    early.call.remoteHangup();
    expect(await early.result).toEqual({ kind: 'hung-up-early' });

    const silent = await started();
    silent.clock.advance(ANSWER_TIMEOUT_MS);
    expect(await silent.result).toEqual({ kind: 'no-answer' });
    expect(silent.call.status()).toBe('closed');

    const failed = await started();
    failed.call.fail(31005, 'Error sent from gateway in HANGUP');
    expect(await failed.result).toEqual<EchoCallResult>({ kind: 'failed', code: 31005, message: 'Error sent from gateway in HANGUP' });
  });

  test('a Device that cannot connect (no microphone) fails with its code', async () => {
    fake.micError = 31401;
    const clock = manualClock();
    const device = new (await import('../fakes/voice-sdk')).Device('token', {});
    const result = await new EchoCall(clock.clock, device).run({ measuring: () => undefined });
    expect(result).toMatchObject({ kind: 'failed', code: 31401 });
  });
});

describe('the Phone keeps real calls first', () => {
  const flush = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  async function phone() {
    const clock = manualClock();
    const env: PhoneEnv = { clock: clock.clock, network: new EventTarget(), visibility: Object.assign(new EventTarget(), { visibilityState: 'visible' }), baseUrl: 'tauri://localhost/' };
    let tokens = 0;
    const backend = {
      kind: 'tauri',
      canEditSettings: true,
      getToken: (): Promise<TokenResponse> => Promise.resolve({ token: `token-${++tokens}`, identity: 'dialtone_15551234567', expiresAt: 1_700_003_600 }),
      reportPhoneStatus: () => Promise.resolve(),
    } as unknown as Backend;
    const p = new Phone(backend, env);
    await p.start();
    await flush();
    return { phone: p, clock };
  }

  test('the test call runs on a Device of its own that never registers, destroyed after', async () => {
    const { phone: p, clock } = await phone();
    const main = fake.devices[0]!;
    const result = p.checkNetwork({ measuring: () => undefined });
    await flush();
    expect(fake.devices).toHaveLength(2);
    const test = fake.devices[1] as FakeDevice;
    expect(test.registerCount).toBe(0);
    expect(test.options.closeProtection).toBe(false);
    test.calls[0]!.remoteAnswer();
    clock.advance(ECHO_CALL_MS);
    const done = await result;
    expect(done !== 'not-ready' && done.kind).toBe('done');
    expect(test.state).toBe('destroyed');
    expect(main.state).toBe('registered');
  });

  test('an incoming call rings as ever and ends the test; so does placing a call', async () => {
    const { phone: p } = await phone();
    const main = fake.devices[0]!;
    const result = p.checkNetwork({ measuring: () => undefined });
    await flush();
    fake.devices[1]!.calls[0]!.remoteAnswer();
    main.incoming('+15550000001');
    expect(await result).toEqual({ kind: 'stopped' });
    expect(p.snapshot().call.phase).toBe('incoming');

    p.reject();
    const again = p.checkNetwork({ measuring: () => undefined });
    await flush();
    await p.dial('+15557654321');
    expect(await again).toEqual({ kind: 'stopped' });
  });

  test('not while a call is up, nor before the phone is ready', async () => {
    const { phone: p } = await phone();
    fake.devices[0]!.incoming('+15550000001');
    expect(await p.checkNetwork({ measuring: () => undefined })).toBe('not-ready');
    const env: PhoneEnv = { clock: manualClock().clock, network: new EventTarget(), visibility: Object.assign(new EventTarget(), { visibilityState: 'visible' }), baseUrl: 'tauri://localhost/' };
    const idle = new Phone({ kind: 'tauri', canEditSettings: true, getToken: () => new Promise(() => undefined) } as unknown as Backend, env);
    void idle.start();
    expect(await idle.checkNetwork({ measuring: () => undefined })).toBe('not-ready');
  });
});
