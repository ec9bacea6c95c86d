// @ts-check
// The calling window, both ends, on ui/dist-e2e (fake Voice SDK) under the production CSP:
// - the native window where the web view has no WebRTC: it opens the calling window by itself
//   and mirrors it from the `calling-window` events (Tauri IPC and events mocked);
// - the page itself (HTTP backend, no Tauri): its event stream, its state reports, a lost
//   session, settings (editable here too). The app's HTTP API is faked in Node.
// Run `npm run build:e2e` first.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, emptySettings, fakeApi, ipcCalls, openApp, pauseClock, productionCsp, screenshot, serve, windowStatus, servedBuild } from './harness.mjs';

const DIST = join(UI_DIR, 'dist-e2e');
const CALLER = '+15557654321';

const build = servedBuild(DIST);

/**
 * @param {{ pageErrors: string[], page: import('playwright-core').Page }} app
 * @param {RegExp} [expected] console errors the browser itself logs for what the test did
 */
async function assertClean(app, expected) {
  const violations = await app.page.evaluate(() => /** @type {any} */ (window).__cspViolations);
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.deepEqual(app.pageErrors.filter((e) => !expected?.test(e)), [], 'no page errors');
}

/** What Chromium logs when a server cuts an event stream or refuses a request. */
const DROPPED = /Failed to load resource: (net::ERR_INCOMPLETE_CHUNKED_ENCODING|the server responded with a status of 401)/;

/** Sends a `calling-window` event to the page, as the app does on every change. */
function emit(/** @type {import('playwright-core').Page} */ page, /** @type {any} */ status) {
  return page.evaluate((s) => /** @type {any} */ (window).__ipc.emit('calling-window', s), status);
}

/** @param {import('playwright-core').Page} page */
const opens = async (page) => (await ipcCalls(page)).filter((/** @type {string} */ c) => c === 'open_calling_window').length;

/** @param {number} since @param {string} state */
const callStatus = (since, state = 'open', direction = 'incoming') =>
  windowStatus({ report: { registration: 'registered', error: null, call: { direction, number: CALLER, state, since } } });

describe('native window without WebRTC', () => {
  const unsupported = { supported: false };

  test('mirrors the calling window Rust opened, without opening another', async () => {
    const app = await openApp(build.browser, build.server.url, { fake: unsupported, timers: true, window: { connected: false, report: null, browser: 'chromium', error: null } });
    const { page } = app;
    const panel = page.locator('.calling-window');
    await panel.getByRole('heading', { name: 'Calling window' }).waitFor();
    await page.waitForFunction(() => /** @type {any} */ (window).__ipc.calls.some((/** @type {any} */ c) => c.cmd === 'calling_window_status'));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.voiceSupported), 'false');
    assert.equal(await page.locator('.screen-unsupported').isHidden(), true, 'no dead-end notice');
    assert.equal(await page.locator('.dial').isHidden(), true, 'no dial pad');
    const calls = await ipcCalls(page);
    assert.ok(calls.includes('plugin:event|listen'), 'listens for calling-window events');
    assert.equal(await opens(page), 0, 'Rust opened it at start: a second window would take its session');

    // Not connected yet: said plainly, and the reopen button is the main action.
    await panel.locator('.cw-connection', { hasText: 'Not open' }).waitFor();
    await page.locator('#status-pill').getByText('Calling window closed').waitFor();
    assert.match((await page.locator('.cw-reopen').getAttribute('class')) ?? '', /primary-button/);
    assert.match(await panel.innerText(), /Dialtone opens it in chromium/);

    // The page connects and registers.
    await emit(page, windowStatus({ report: { registration: 'registering', error: null, call: null } }));
    await panel.locator('.cw-connection', { hasText: 'Open in chromium' }).waitFor();
    await page.locator('#status-pill').getByText('Registering').waitFor();
    await emit(page, windowStatus());
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await panel.locator('.status-pill[data-status="ready"]').getByText('Ready').waitFor();
    await page.locator('.status-detail').getByText('Calls ring in the calling window.').waitFor();
    assert.match((await page.locator('.cw-reopen').getAttribute('class')) ?? '', /secondary-button/);

    // Idle: no timers at all.
    const timers = await page.evaluate(() => {
      const t = /** @type {any} */ (window).__timers;
      return { pending: t.pending.size, intervals: t.intervals.size };
    });
    assert.deepEqual(timers, { pending: 0, intervals: 0 });
    await screenshot(page, 'calling-window-panel');

    // Offline and error reports use the phone's own words and colours.
    await emit(page, windowStatus({ report: { registration: 'unregistered', error: 'Can’t reach Twilio.', call: null } }));
    await page.locator('#status-pill').getByText('Offline').waitFor();
    await emit(page, windowStatus({ report: { registration: 'error', error: 'Could not get an access token: missing settings: Account SID.', call: null } }));
    await panel.locator('.status-pill[data-status="error"]').waitFor();
    await panel.getByText('missing settings: Account SID').waitFor();

    // The browser window closed.
    await emit(page, windowStatus({ connected: false, report: null }));
    await panel.locator('.cw-connection', { hasText: 'Not open' }).waitFor();
    assert.match((await page.locator('.cw-reopen').getAttribute('class')) ?? '', /primary-button/);

    // Settings stay fully usable here.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save' }).isEnabled(), true);
    await assertClean(app);
    await app.context.close();
  });

  test('does not open it when the settings become complete either: Rust opened it already', async () => {
    const app = await openApp(build.browser, build.server.url, { fake: unsupported, settings: emptySettings() });
    const { page } = app;
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.locator('summary', { hasText: 'Import a .env file' }).click();
    await page.locator('#env-text').fill(
      [
        'TWILIO_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef',
        'TWILIO_AUTH_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0',
        'TWILIO_API_KEY_SID=SK0123456789abcdef0123456789abcdef',
        'TWILIO_API_KEY_SECRET=an-api-key-secret',
        'TWIML_APP_SID=AP0123456789abcdef0123456789abcdef',
        'TWILIO_NUMBER=+15551234567',
      ].join('\n'),
    );
    await page.getByRole('button', { name: 'Import pasted text' }).click();
    await page.waitForFunction(() => /** @type {any} */ (window).__ipc.calls.some((/** @type {any} */ c) => c.cmd === 'import_env'));
    await page.waitForTimeout(300);
    assert.equal(await opens(page), 0);
    await assertClean(app);
    await app.context.close();
  });

  test('an incoming call rings prominently, then the in-call timer runs from `since`', async () => {
    const app = await openApp(build.browser, build.server.url, { fake: unsupported, clock: true, window: windowStatus() });
    const { page } = app;
    await page.locator('#status-pill').getByText('Ready').waitFor();
    // Even over the settings: a ringing call takes the screen.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();

    await emit(page, callStatus(/** @type {any} */ (null), 'ringing'));
    const ringing = page.getByRole('alert').filter({ hasText: 'Incoming call from' });
    await ringing.waitFor();
    assert.equal(await ringing.locator('.cw-ringing-text').textContent(), 'Incoming call from +1 555 765 4321 — answer in the calling window.');
    assert.equal(await page.getByRole('heading', { name: 'Settings' }).isHidden(), true, 'settings gave way to the call');
    await screenshot(page, 'calling-window-ringing');

    // Answered in the calling window 65 s ago (by the page's clock, which stands still now).
    await pauseClock(page);
    const now = await page.evaluate(() => Date.now());
    await emit(page, callStatus(now - 65_000, 'open'));
    assert.equal(await ringing.count(), 0, 'no longer ringing');
    const call = page.locator('.cw-call');
    await call.getByText('In call').waitFor();
    await call.getByText('Call from').waitFor();
    await call.getByText('+1 555 765 4321').waitFor();
    // Reopening now would take the session from the window carrying the call: not offered.
    assert.equal(await page.getByRole('button', { name: 'Reopen calling window' }).count(), 0);
    await call.locator('[role="timer"]', { hasText: '01:05' }).waitFor();
    await page.clock.runFor(2_000);
    await call.locator('[role="timer"]', { hasText: '01:07' }).waitFor();
    await screenshot(page, 'calling-window-in-call');

    // Outgoing, connecting: no timer.
    await emit(page, callStatus(/** @type {any} */ (null), 'connecting', 'outgoing'));
    await call.getByText('Outgoing call').waitFor();
    await call.getByText('Connecting…').waitFor();
    assert.equal(await call.locator('[role="timer"]').innerText(), '');
    // Hung up.
    await emit(page, windowStatus());
    await page.getByRole('button', { name: 'Reopen calling window' }).waitFor();
    await call.waitFor({ state: 'hidden' });
    await assertClean(app);
    await app.context.close();
  });

  test('the reopen button invokes the command; a missing browser is explained', async () => {
    const noBrowser = 'no browser with WebRTC found: install Chromium (sudo apt install chromium) or Firefox';
    const app = await openApp(build.browser, build.server.url, { fake: unsupported, window: { connected: false, report: null, browser: null, error: noBrowser } });
    const { page } = app;
    const panel = page.locator('.calling-window');
    await panel.locator('.cw-browser.error', { hasText: noBrowser }).waitFor();
    await page.locator('#status-pill').getByText('Calling window closed').waitFor();
    assert.equal(await opens(page), 0);
    await page.getByRole('button', { name: 'Reopen calling window' }).click();
    await page.waitForFunction(() => /** @type {any} */ (window).__ipc.calls.filter((/** @type {any} */ c) => c.cmd === 'open_calling_window').length === 1);
    // The command itself failing is shown the same way.
    await page.evaluate(() => {
      /** @type {any} */ (window).__ipc.openError = { kind: 'calling_window', message: 'could not create /nonexistent/profile: permission denied' };
    });
    await page.getByRole('button', { name: 'Reopen calling window' }).click();
    await panel.locator('.cw-browser.error', { hasText: 'could not create /nonexistent/profile: permission denied' }).waitFor();
    assert.equal(await opens(page), 2);
    await assertClean(app);
    await app.context.close();
  });
});

describe('the calling window page (HTTP backend)', () => {
  /** @param {ReturnType<typeof fakeApi>} api @param {any} [options] */
  async function openPage(api, options = {}) {
    const site = await serve(DIST, productionCsp(), api.handle);
    const app = await openApp(build.browser, site.url, { host: 'http', ...options });
    return { ...app, site };
  }

  test('opens its event stream and reports registration and call changes', async () => {
    const api = fakeApi();
    const app = await openPage(api);
    const { page } = app;
    /** @type {string[]} */
    const posts = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await page.locator('#status-pill').getByText('Ready').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.voiceSupported), 'true');
    assert.equal(await page.evaluate(() => '__TAURI_INTERNALS__' in window), false);
    await waitFor(() => api.state.eventStreams >= 1, 'the page opened /api/events');
    await waitFor(() => api.state.reports.some((r) => r.registration === 'registered'), 'registered reported');
    assert.ok(api.state.rawReports.every((r) => r.contentType === 'application/json'));
    assert.deepEqual(api.state.reports.at(-1), { registration: 'registered', error: null, call: null });
    assert.ok(api.state.reports.some((r) => r.registration === 'registering'), 'registering reported first');

    // An incoming call: ringing, then open with the answer time, then gone.
    await page.evaluate((from) => globalThis.__fakeTwilio.device?.incoming(from), CALLER);
    await waitFor(() => api.state.reports.at(-1)?.call?.state === 'ringing', 'ringing reported');
    assert.deepEqual(api.state.reports.at(-1)?.call, { direction: 'incoming', number: CALLER, state: 'ringing', since: null, callSid: 'CA00000000000000000000000000000001' });
    await page.getByRole('button', { name: 'Accept' }).click();
    await waitFor(() => api.state.reports.at(-1)?.call?.state === 'open', 'answered reported');
    const since = api.state.reports.at(-1)?.call?.since;
    assert.ok(typeof since === 'number' && Math.abs(Date.now() - since) < 10_000, `since is the answer time: ${since}`);
    // Muting is not news for the app.
    const count = api.state.reports.length;
    await page.getByRole('button', { name: 'Mute' }).click();
    await page.getByRole('button', { name: 'Hang up' }).click();
    await waitFor(() => api.state.reports.at(-1)?.call === null, 'hang-up reported');
    assert.equal(api.state.reports.length, count + 1, 'one report for the hang-up, none for mute');
    assert.ok(posts.every((p) => p === '/api/state'), `only state posts: ${posts.join(', ')}`);

    // An outgoing call.
    await page.locator('#number').fill('+15557654321');
    await page.keyboard.press('Enter');
    await waitFor(() => api.state.reports.at(-1)?.call?.direction === 'outgoing', 'outgoing reported');
    assert.equal(api.state.reports.at(-1)?.call?.state, 'connecting');
    await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteRinging());
    await waitFor(() => api.state.reports.at(-1)?.call?.state === 'ringing', 'outgoing ringing reported');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await waitFor(() => api.state.reports.at(-1)?.call === null, 'hang-up reported');

    // Settings work here too (on Linux this is the only phone window): editable, with the
    // set-up wizard's card, and the writes go to the app as JSON POSTs.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Twilio connection' }).waitFor();
    assert.equal(await page.locator('#field-twilio_number').inputValue(), '+15551234567');
    assert.equal(await page.locator('#field-twilio_number').isDisabled(), false);
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 1);
    assert.equal(await page.getByText('Change settings in the Dialtone app window').count(), 0);
    await screenshot(page, 'calling-window-page-settings');
    await assertClean(app);
    await app.context.close();
    await app.site.close();
  });

  test('after the stream drops and comes back, the report is sent again', async () => {
    const api = fakeApi();
    const app = await openPage(api);
    await app.page.locator('#status-pill').getByText('Ready').waitFor();
    await waitFor(() => api.state.eventStreams === 1 && api.state.reports.at(-1)?.registration === 'registered', 'connected and reported');
    const before = api.state.reports.length;
    api.dropStreams();
    await waitFor(() => api.state.eventStreams === 2, 'the browser reconnected the event stream', 15_000);
    await waitFor(() => api.state.reports.length > before, 'the report was repeated');
    assert.deepEqual(api.state.reports.at(-1), { registration: 'registered', error: null, call: null });
    await assertClean(app, DROPPED);
    await app.context.close();
    await app.site.close();
  });

  test('settings saved in the app window make the page start over with a new token', async () => {
    const api = fakeApi();
    const app = await openPage(api);
    const { page } = app;
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await waitFor(() => api.state.eventStreams === 1 && api.state.tokens === 1, 'connected with one token');
    api.send('settings');
    await waitFor(() => api.state.tokens === 2, 'a second token');
    await page.locator('#status-pill').getByText('Ready').waitFor();
    assert.equal(await page.evaluate(() => globalThis.__fakeTwilio.devices.length), 2, 'a new Device');
    await assertClean(app);
    await app.context.close();
    await app.site.close();
  });

  test('a lost session (401) says to reopen the window from Dialtone', async () => {
    const api = fakeApi();
    const app = await openPage(api);
    const { page } = app;
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await waitFor(() => api.state.eventStreams === 1, 'connected');
    // The app restarted: it no longer knows this window.
    api.state.session = false;
    api.dropStreams();
    const notice = page.getByRole('alert').filter({ hasText: 'lost its session' });
    await notice.waitFor({ timeout: 15_000 });
    assert.equal((await notice.innerText()).trim(), 'This calling window lost its session: choose Reopen calling window in Dialtone.');
    // The phone stops with its session, so this window and a newer one never both ring.
    await page.locator('#status-pill').getByText('Window closed').waitFor();
    assert.equal(await page.evaluate(() => globalThis.__fakeTwilio.device?.state), 'destroyed');
    assert.equal(await page.getByRole('button', { name: 'Call', exact: true }).getAttribute('aria-disabled'), 'true');
    await screenshot(page, 'calling-window-session-lost');
    await assertClean(app, DROPPED);
    await app.context.close();
    await app.site.close();
  });

  test('a browser without WebRTC shows what to do, and reports it', async () => {
    const api = fakeApi();
    const app = await openPage(api, { fake: { supported: false } });
    const { page } = app;
    await page.getByRole('heading', { name: 'This window can’t make calls' }).waitFor();
    await page.locator('#status-pill').getByText('Calls unavailable').waitFor();
    assert.match(await page.locator('.unsupported').innerText(), /WebKitGTK[\s\S]*What to do[\s\S]*Chromium/);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.voiceSupported), 'false');
    await waitFor(() => api.state.reports.at(-1)?.registration === 'unsupported', 'unsupported reported');
    await screenshot(page, 'unsupported');
    await assertClean(app);
    await app.context.close();
    await app.site.close();
  });
});

/** Polls a Node-side condition. @param {() => boolean} check @param {string} what */
async function waitFor(check, what, timeout = 5_000) {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
