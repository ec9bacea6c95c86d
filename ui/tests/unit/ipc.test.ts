import { describe, expect, test } from 'vitest';
import { t } from '../../src/i18n/i18n';
import { BackendError, HttpBackend, TauriBackend, pickBackend, toBackendError, type EventStream, type StreamEvent } from '../../src/ipc';
import type { OpenAt, PhoneCommand, WebhookStatus } from '../../src/contract';

/** An open event stream that records its listeners by event name, for the tests to fire. */
function openStream(): { listeners: Record<string, ((event: { data?: unknown }) => void)[]>; stream: EventStream } {
  const listeners: Record<string, ((event: { data?: unknown }) => void)[]> = {};
  const stream: EventStream = {
    readyState: 1,
    addEventListener: (type, listener) => void (listeners[type] ??= []).push(listener),
    close: () => undefined,
  };
  return { listeners, stream };
}

describe('toBackendError', () => {
  test('keeps the contract shape', () => {
    const e = toBackendError({ kind: 'invalid', message: 'bad sid', field: 'account_sid' });
    expect(e).toBeInstanceOf(BackendError);
    expect(e).toMatchObject({ kind: 'invalid', message: 'bad sid', field: 'account_sid' });
  });

  test('a kind outside the contract becomes `error`, the message kept', () => {
    expect(toBackendError({ kind: 'invalid_value', message: 'bad sid' })).toMatchObject({ kind: 'error', message: 'bad sid' });
  });

  test('drops unknown field names and accepts strings and Errors', () => {
    expect(toBackendError({ kind: 'x', message: 'm', field: 'password' }).field).toBeUndefined();
    expect(toBackendError('plain text')).toMatchObject({ kind: 'error', message: 'plain text' });
    expect(toBackendError(new Error('boom')).message).toBe('boom');
    expect(toBackendError(42).message).toMatch(/did not answer/);
  });
});

test('pickBackend: Tauri when its internals exist, else HTTP', () => {
  expect(pickBackend({ __TAURI_INTERNALS__: {} })).toBeInstanceOf(TauriBackend);
  expect(pickBackend({})).toBeInstanceOf(HttpBackend);
});

describe('HttpBackend', () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  test('GETs the same-origin API with cookies', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const backend = new HttpBackend((url, init) => {
      seen.push({ url, ...(init ? { init } : {}) });
      return Promise.resolve(json(200, { token: 't', identity: 'i', expiresAt: 1 }));
    });
    await expect(backend.getToken()).resolves.toEqual({ token: 't', identity: 'i', expiresAt: 1 });
    await backend.settingsStatus();
    await backend.webhookStatus();
    expect(seen.map((s) => s.url)).toEqual(['/api/token', '/api/settings', '/api/webhook']);
    expect(seen[0]?.init?.credentials).toBe('same-origin');
  });

  test('rejects with the server error body, or the status', async () => {
    const failing = new HttpBackend(() => Promise.resolve(json(503, { kind: 'settings', message: 'missing settings: account_sid' })));
    await expect(failing.getToken()).rejects.toMatchObject({ kind: 'settings', message: 'missing settings: account_sid' });
    const bare = new HttpBackend(() => Promise.resolve(new Response('', { status: 403 })));
    await expect(bare.getToken()).rejects.toMatchObject({ kind: 'forbidden', message: 'Dialtone answered HTTP 403' });
    const broken = new HttpBackend(() => Promise.resolve(new Response('', { status: 500 })));
    await expect(broken.getToken()).rejects.toMatchObject({ kind: 'http', message: 'Dialtone answered HTTP 500' });
    const down = new HttpBackend(() => Promise.reject(new TypeError('fetch failed')));
    await expect(down.getToken()).rejects.toMatchObject({ kind: 'network' });
  });

  test('every write over HTTP is a same-origin POST with a JSON body', async () => {
    const seen: { url: string; method: string; type: string | undefined; body: unknown }[] = [];
    const backend = new HttpBackend((url, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      seen.push({ url, method: init?.method ?? 'GET', type: headers['Content-Type'], body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
      expect(init?.credentials).toBe('same-origin');
      return Promise.resolve(json(200, {}));
    });
    expect(backend.canEditSettings).toBe(true);
    await backend.saveSettings({ port: '3001' });
    await backend.importEnv('TWILIO_NUMBER=+15551234567');
    await backend.setupAccount({ accountSid: 'AC1', authToken: 'secret' });
    await backend.setupConnect({ accountSid: 'AC1', authToken: 'secret', number: '+15551234567', callerId: null, publicUrl: null, takeOver: false });
    await backend.setupDisconnect();
    await backend.repairWiring(true);
    await backend.setCallerId('+15550009999');
    await backend.setupStatus();
    await backend.checkWiring();
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts.map((p) => p.url)).toEqual([
      '/api/settings',
      '/api/import',
      '/api/setup/account',
      '/api/setup/connect',
      '/api/setup/disconnect',
      '/api/setup/repair',
      '/api/setup/caller-id',
    ]);
    expect(posts.every((p) => p.type === 'application/json')).toBe(true);
    expect(posts[0]?.body).toEqual({ port: '3001' });
    expect(posts[1]?.body).toEqual({ contents: 'TWILIO_NUMBER=+15551234567' });
    expect(posts[5]?.body).toEqual({ takeOver: true });
    expect(posts[6]?.body).toEqual({ callerId: '+15550009999' });
    expect(seen.filter((s) => s.method === 'GET').map((g) => g.url)).toEqual(['/api/setup', '/api/setup/wiring']);
  });
});

describe('HttpBackend and the calling window', () => {
  test('a 401 on any call means the session is gone: one notice, a session error', async () => {
    const backend = new HttpBackend(() =>
      Promise.resolve(new Response(JSON.stringify({ kind: 'session', message: 'server words' }), { status: 401 })),
    );
    let lost = 0;
    backend.onSessionLost(() => (lost += 1));
    await expect(backend.getToken()).rejects.toMatchObject({ kind: 'session', message: t('session-lost') });
    await expect(backend.settingsStatus()).rejects.toMatchObject({ kind: 'session' });
    await expect(backend.reportPhoneStatus({ registration: 'registered', error: null, call: null })).rejects.toMatchObject({ kind: 'session' });
    expect(lost).toBe(1);
    // A listener added afterwards hears it at once.
    backend.onSessionLost(() => (lost += 1));
    expect(lost).toBe(2);
  });

  test('429 is rate_limited with the wait from Retry-After', async () => {
    const backend = new HttpBackend(() =>
      Promise.resolve(
        new Response(JSON.stringify({ kind: 'rate_limited', message: 'Too many token requests; wait a few seconds.' }), {
          status: 429,
          headers: { 'Retry-After': '9' },
        }),
      ),
    );
    await expect(backend.getToken()).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 9000, message: 'Too many token requests; wait a few seconds.' });
  });

  test('reportPhoneStatus POSTs exactly the report as JSON, same-origin', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const backend = new HttpBackend((url, init) => {
      seen.push({ url, init });
      return Promise.resolve(new Response(null, { status: 204 }));
    });
    const report = { registration: 'registered' as const, error: null, call: { direction: 'incoming' as const, number: '+15557654321', state: 'ringing' as const, since: null } };
    await backend.reportPhoneStatus(report);
    expect(seen).toHaveLength(1);
    const init = seen[0]!.init!;
    expect(seen[0]!.url).toBe('/api/state');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual(report);
  });

  test('openEvents: opens /api/events, repeats onOpen per connection, stops on a lost session', async () => {
    class FakeStream implements EventStream {
      readyState = 0;
      closed = false;
      readonly listeners: Record<string, ((event: { data?: unknown }) => void)[]> = {};
      constructor(readonly url: string) {}
      addEventListener(type: StreamEvent, listener: (event: { data?: unknown }) => void): void {
        (this.listeners[type] ??= []).push(listener);
      }
      fire(type: StreamEvent): void {
        for (const l of this.listeners[type] ?? []) l({});
      }
      close(): void {
        this.closed = true;
        this.readyState = 2;
      }
    }
    const streams: FakeStream[] = [];
    let status = 200;
    const backend = new HttpBackend(
      () => Promise.resolve(new Response('{}', { status })),
      '',
      (url) => {
        const s = new FakeStream(url);
        streams.push(s);
        return s;
      },
    );
    let opens = 0;
    let settings = 0;
    backend.openEvents({ open: () => (opens += 1), settings: () => (settings += 1) });
    expect(streams.map((s) => s.url)).toEqual(['/api/events']);
    streams[0]!.fire('open');
    streams[0]!.readyState = 0; // a network drop: the browser reconnects by itself
    streams[0]!.fire('error');
    streams[0]!.fire('open');
    expect(opens).toBe(2);
    streams[0]!.fire('settings');
    expect(settings).toBe(1);
    expect(streams).toHaveLength(1);
    // The server refused the stream: the probe finds the session gone.
    status = 401;
    streams[0]!.readyState = 2;
    streams[0]!.fire('error');
    await new Promise((r) => setTimeout(r, 0));
    let lost = false;
    backend.onSessionLost(() => (lost = true));
    expect(lost).toBe(true);
    expect(streams).toHaveLength(1);
  });

  test('onPhoneCommand: `command` events carry the command; anything malformed is dropped', async () => {
    const { listeners, stream } = openStream();
    const backend = new HttpBackend(() => Promise.resolve(new Response('{}')), '', () => stream);
    backend.openEvents({ open: () => undefined, settings: () => undefined });
    const seen: PhoneCommand[] = [];
    const stop = await backend.onPhoneCommand((command) => seen.push(command));
    const send = (data: unknown): void => {
      for (const l of listeners.command ?? []) l({ data });
    };
    send('{"action":"answer"}');
    send('{"action":"dial","number":"+15557654321","now":true}');
    send('{"action":"format-disk"}');
    send('{"action":"dial","number":5}');
    send('not json');
    expect(seen).toEqual([{ action: 'answer' }, { action: 'dial', number: '+15557654321', now: true }]);
    stop();
    send('{"action":"hangUp"}');
    expect(seen).toHaveLength(2);
  });

  test('onOpenAt: `open-at` events carry where a notification opens the phone; anything malformed is dropped', async () => {
    const { listeners, stream } = openStream();
    const backend = new HttpBackend(() => Promise.resolve(new Response('{}')), '', () => stream);
    backend.openEvents({ open: () => undefined, settings: () => undefined });
    const seen: OpenAt[] = [];
    const stop = await backend.onOpenAt((at) => seen.push(at));
    const send = (data: unknown): void => {
      for (const l of listeners['open-at'] ?? []) l({ data });
    };
    // What Rust's `OpenAt` serializes to (tests/calling_window.rs checks that side).
    send('{"view":"call","callSid":"CA0123456789abcdef0123456789abcdef"}');
    send('{"view":"voicemail","recordingSid":"RE0123456789abcdef0123456789abcdef"}');
    send('{"view":"phone"}');
    send('{"view":"call"}');
    send('{"view":"settings"}');
    send('not json');
    expect(seen).toEqual([
      { view: 'call', callSid: 'CA0123456789abcdef0123456789abcdef' },
      { view: 'voicemail', recordingSid: 'RE0123456789abcdef0123456789abcdef' },
      { view: 'phone' },
    ]);
    stop();
    send('{"view":"phone"}');
    expect(seen).toHaveLength(3);
  });

  test('onJournalChanged: each `journal` event reaches every subscriber until it stops', async () => {
    const { listeners, stream } = openStream();
    const backend = new HttpBackend(() => Promise.resolve(new Response('{}')), '', () => stream);
    backend.openEvents({ open: () => undefined, settings: () => undefined });
    let heard = 0;
    const stop = await backend.onJournalChanged(() => (heard += 1));
    const fire = (type: StreamEvent): void => {
      for (const l of listeners[type] ?? []) l({ data: '{}' });
    };
    fire('journal');
    fire('webhook');
    fire('journal');
    expect(heard).toBe(2);
    stop();
    fire('journal');
    expect(heard).toBe(2);
  });

  test('onWebhookStatus: each `webhook` event rereads /api/webhook for the subscribers', async () => {
    const { listeners, stream } = openStream();
    const fire = (type: StreamEvent): void => {
      for (const l of listeners[type] ?? []) l({});
    };
    const listening: WebhookStatus = {
      state: 'listening',
      address: '127.0.0.1:3000',
      error: null,
      publicUrl: null,
      voiceRequestUrl: null,
      lastWebhook: { at: 1, status: 403, outcome: 'signature mismatch' },
    };
    const asked: string[] = [];
    const backend = new HttpBackend(
      (url) => {
        asked.push(url);
        return Promise.resolve(new Response(JSON.stringify(listening), { status: 200 }));
      },
      '',
      () => stream,
    );
    backend.openEvents({ open: () => undefined, settings: () => undefined });
    fire('webhook');
    expect(asked, 'nobody follows the listener yet: nothing is fetched').toEqual([]);

    const seen: WebhookStatus[] = [];
    const stop = await backend.onWebhookStatus((status) => seen.push(status));
    fire('webhook');
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual(['/api/webhook']);
    expect(seen).toEqual([listening]);

    stop();
    fire('webhook');
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toHaveLength(1);
    expect(asked).toHaveLength(1);
  });
});
