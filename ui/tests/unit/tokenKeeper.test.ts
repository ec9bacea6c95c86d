// The access token (src/phone/tokenKeeper.ts): one renewal at a time, none during a call, and
// a token for a Device that is gone is dropped.

import { describe, expect, test } from 'vitest';
import type { TokenResponse } from '../../src/contract';
import { BackendError, type Backend } from '../../src/ipc';
import { DeviceLog } from '../../src/phone/deviceLog';
import { TokenKeeper, type TokenTarget } from '../../src/phone/tokenKeeper';
import { manualClock } from './manualClock';

function keeper(options: { busy?: boolean } = {}) {
  const time = manualClock();
  const log = new DeviceLog(time.clock);
  let asked = 0;
  let failWith: BackendError | null = null;
  let lifetimeS = 3600;
  const backend = {
    getToken: (): Promise<TokenResponse> => {
      asked++;
      if (failWith) return Promise.reject(failWith);
      return Promise.resolve({ token: `token-${asked}`, identity: `id-${asked}`, expiresAt: Math.floor(time.clock.now() / 1000) + lifetimeS });
    },
  } as Backend;
  const events: string[] = [];
  let busy = options.busy ?? false;
  const tokens = new TokenKeeper(backend, time.clock, log, {
    busy: () => busy,
    sessionLost: () => events.push('session lost'),
    expired: (message) => events.push(`expired: ${message}`),
  });
  const delivered: string[] = [];
  const target = (current = () => true): TokenTarget => ({ stillCurrent: current, deliver: (t) => delivered.push(t) });
  return {
    time, log, tokens, events, delivered, target,
    asked: () => asked,
    setBusy: (b: boolean) => (busy = b),
    failWith: (e: BackendError | null) => (failWith = e),
    setLifetime: (s: number) => (lifetimeS = s),
  };
}

describe('TokenKeeper', () => {
  test('fetch keeps the token: its identity, and whether it expires soon', async () => {
    const k = keeper();
    expect(k.tokens.identity).toBeNull();
    expect(k.tokens.expiresSoon()).toBe(false);
    k.setLifetime(60);
    await k.tokens.fetch();
    expect(k.tokens.identity).toBe('id-1');
    expect(k.tokens.expiresSoon()).toBe(true);
  });

  test('renewals asked for at once share one request', async () => {
    const k = keeper();
    const [a, b] = await Promise.all([k.tokens.renew('first', k.target()), k.tokens.renew('second', k.target())]);
    expect([a, b]).toEqual([true, true]);
    expect(k.asked()).toBe(1);
    expect(k.delivered).toEqual(['token-1']);
    expect(k.log.entries.map((e) => e.text)).toEqual(['first; renewing it…', 'Access token renewed.']);
  });

  test('during a call it waits, says so once, and renews when asked after the call', async () => {
    const k = keeper({ busy: true });
    expect(await k.tokens.renew('The access token is about to expire', k.target())).toBe(false);
    expect(await k.tokens.renew('again', k.target())).toBe(false);
    expect(k.tokens.deferred).toBe(true);
    expect(k.asked()).toBe(0);
    expect(k.log.entries.map((e) => e.text)).toEqual(['The access token is about to expire; it will be renewed when this call ends.']);
    k.setBusy(false);
    expect(await k.tokens.renew('after the call', k.target())).toBe(true);
    expect(k.tokens.deferred).toBe(false);
  });

  test('a deferred renewal can be dropped (the phone shuts down)', async () => {
    const k = keeper({ busy: true });
    await k.tokens.renew('why', k.target());
    k.tokens.dropDeferred();
    expect(k.tokens.deferred).toBe(false);
  });

  test('a token for a Device that was replaced meanwhile is dropped', async () => {
    const k = keeper();
    await k.tokens.fetch();
    expect(await k.tokens.renew('why', k.target(() => false))).toBe(false);
    expect(k.delivered).toEqual([]);
    expect(k.tokens.identity).toBe('id-1');
  });

  test('a lost session is handed back; other failures are logged, and "expired" only once past expiry', async () => {
    const k = keeper();
    k.setLifetime(10);
    await k.tokens.fetch();
    k.failWith(new BackendError('session', 'gone'));
    expect(await k.tokens.renew('why', k.target())).toBe(false);
    expect(k.events).toEqual(['session lost']);

    k.failWith(new BackendError('network', 'cannot reach Dialtone'));
    expect(await k.tokens.renew('why', k.target())).toBe(false);
    expect(k.events).toEqual(['session lost']);
    expect(k.log.entries.at(-1)).toMatchObject({ level: 'error', text: 'Could not renew the access token: cannot reach Dialtone' });

    k.time.advance(10_000);
    await k.tokens.renew('why', k.target());
    expect(k.events).toEqual(['session lost', 'expired: cannot reach Dialtone']);
  });
});
