// @ts-check
// The calling window for real: the built `dialtone phone` binary serves ui/dist (this build,
// from disk) on loopback, and headless Chromium opens it like a user's browser would. Checks
// the launch handshake, the real Voice SDK, the token's claims, the page's state reports, and
// the listener's guards (one-time launch key, session cookie, Host check, no cross-origin
// reads, nothing of it on the webhook port). Twilio itself is unreachable here.
// Needs `npm run build` and the binary (`cargo build`, by the Rust side); skipped without it.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { REPO_DIR, UI_DIR, launch, screenshot } from './harness.mjs';

const BINARY = process.env.DIALTONE_BIN ? resolve(process.env.DIALTONE_BIN) : join(REPO_DIR, 'target', 'debug', 'dialtone');
const DIST = join(UI_DIR, 'dist');

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const API_KEY_SID = 'SK0123456789abcdef0123456789abcdef';
const APP_SID = 'AP0123456789abcdef0123456789abcdef';

const skip = existsSync(BINARY) ? false : `no Dialtone binary at ${BINARY}: build it with \`cargo build\` (or set DIALTONE_BIN)`;

/** A free loopback port (for the webhook listener). */
function freePort() {
  return new Promise((ok, fail) => {
    const probe = createNetServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => ok(port));
    });
  });
}

/**
 * A plain GET with full control of the headers (fetch would set Host itself).
 * @param {string} url @param {Record<string, string>} headers
 * @returns {Promise<{ status: number, body: string, headers: import('node:http').IncomingHttpHeaders }>}
 */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** @param {string} jwt */
function claims(jwt) {
  const [, payload] = jwt.split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
}

describe('the real calling window (dialtone phone)', { skip }, () => {
  /** @type {import('node:child_process').ChildProcess} */
  let app;
  /** @type {string} */
  let launchUrl;
  /** @type {string} */
  let origin;
  /** @type {number} */
  let webhookPort;
  /** @type {string} */
  let configDir;
  let stderr = '';
  /** @type {import('playwright-core').Browser} */
  let browser;
  /** @type {import('playwright-core').BrowserContext} */
  let context;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {{ method: string, path: string, body: string | null }[]} */
  const requests = [];
  /** @type {{ path: string, status: number }[]} */
  const responses = [];
  /** @type {string[]} */
  const pageErrors = [];

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'run `npm run build` first');
    configDir = mkdtempSync(join(tmpdir(), 'dialtone-uitest-'));
    webhookPort = /** @type {number} */ (await freePort());
    app = spawn(BINARY, ['phone', '--no-open', '--port', '0'], {
      cwd: configDir, // no stray .env from the repo
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: configDir,
        DIALTONE_UI_DIR: DIST,
        DIALTONE_CONFIG_DIR: join(configDir, 'config'),
        DIALTONE_DATA_DIR: join(configDir, 'data'),
        DIALTONE_KEYCHAIN_SERVICE: `dialtone-uitest-${process.pid}`,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
        DIALTONE_PORT: String(webhookPort),
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
        TWILIO_API_KEY_SID: API_KEY_SID,
        TWILIO_API_KEY_SECRET: 'an-api-key-secret',
        TWIML_APP_SID: APP_SID,
        TWILIO_NUMBER: '+15551234567',
        DIALTONE_PUBLIC_URL: 'https://abc123.ngrok.app/handle_calls',
      },
    });
    app.stderr?.setEncoding('utf8');
    app.stderr?.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise((_, fail) => app.once('exit', (code) => fail(new Error(`dialtone exited (${code}): ${stderr}`))));
    const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (app.stdout) });
    const firstLine = new Promise((ok) => lines.once('line', ok));
    launchUrl = String(await Promise.race([firstLine, exited, timeout(15_000, 'the launch URL on stdout')]));
    assert.match(launchUrl, /^http:\/\/127\.\d+\.\d+\.\d+:\d+\/launch\?key=[0-9a-f]{64}$/);
    // On a loopback address of this install's own (kept in the data folder), not 127.0.0.1, whose
    // cookie jar every other local service shares.
    const saved = readFileSync(join(configDir, 'data', 'calling-window-address'), 'utf8').trim();
    assert.equal(new URL(launchUrl).hostname, saved);
    assert.notEqual(saved, '127.0.0.1');
    origin = new URL(launchUrl).origin;
    await Promise.race([
      (async () => {
        while (!stderr.includes(`webhook listener on http://127.0.0.1:${webhookPort}/handle_calls`)) await sleep(50);
      })(),
      exited,
      timeout(15_000, 'the webhook listener line on stderr'),
    ]);
    exited.catch(() => undefined);

    browser = await launch();
    context = await browser.newContext({ viewport: { width: 400, height: 720 }, permissions: ['microphone'] });
    page = await context.newPage();
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      // The real SDK logs its failures to reach Twilio (no network here).
      if (m.type() === 'error' && !/TwilioVoice|WebSocket connection to 'wss:\/\/voice-js\.|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|eventgw/.test(m.text())) {
        pageErrors.push(`console: ${m.text()} (${m.location().url})`);
      }
    });
    page.on('request', (r) => {
      if (r.url().startsWith(origin)) requests.push({ method: r.method(), path: new URL(r.url()).pathname, body: r.postData() });
    });
    page.on('response', (r) => {
      if (r.url().startsWith(origin)) responses.push({ path: new URL(r.url()).pathname, status: r.status() });
    });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (app && app.exitCode === null) {
      const gone = new Promise((ok) => app.once('exit', ok));
      app.kill('SIGTERM');
      await Promise.race([gone, sleep(5_000)]);
      if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
    }
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  });

  test('the launch URL sets the session and lands on / without the key', async () => {
    const response = await page.goto(launchUrl);
    assert.equal(response?.status(), 200);
    assert.equal(new URL(response.url()).pathname, '/launch', 'came through /launch');
    // The launch page refreshes itself to /, which takes the key out of the address bar.
    await page.waitForURL(`${origin}/`);
    assert.equal(page.url(), `${origin}/`, 'the key is gone from the address bar');
    const cookies = await context.cookies(origin);
    const session = cookies.find((c) => c.name === 'dialtone_phone');
    assert.ok(session, 'a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read it');
  });

  test('the real Voice SDK loads and the page says calls are supported', async () => {
    await page.waitForFunction(() => document.documentElement.dataset.voiceSupported !== undefined);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.voiceSupported), 'true');
    assert.equal(await page.evaluate(() => '__TAURI_INTERNALS__' in window), false);
    await page.locator('#status-pill').waitFor();
  });

  test('a token fetched by the page carries our claims', async () => {
    const result = await page.evaluate(async () => {
      const r = await fetch('/api/token', { credentials: 'same-origin' });
      return { status: r.status, body: await r.json() };
    });
    assert.equal(result.status, 200);
    assert.equal(result.body.identity, 'dialtone_15551234567');
    const c = claims(result.body.token);
    assert.equal(c.iss, API_KEY_SID);
    assert.equal(c.sub, ACCOUNT_SID);
    assert.equal(c.grants.identity, 'dialtone_15551234567');
    assert.equal(c.grants.voice.outgoing.application_sid, APP_SID);
    assert.equal(c.exp, result.body.expiresAt);
  });

  test('the page opens its event stream and reports its state', async () => {
    const deadline = Date.now() + 20_000;
    const isState = (/** @type {{ method: string, path: string }} */ r) => r.method === 'POST' && r.path === '/api/state';
    while (!responses.some((r) => r.path === '/api/state' && r.status === 204)) {
      if (Date.now() > deadline) assert.fail(`no accepted state report; requests: ${JSON.stringify(requests)} responses: ${JSON.stringify(responses)}`);
      await sleep(100);
    }
    assert.ok(requests.some((r) => r.method === 'GET' && r.path === '/api/events'), 'opened /api/events');
    const reports = requests.filter(isState).map((r) => JSON.parse(r.body ?? 'null'));
    for (const report of reports) assert.deepEqual(Object.keys(report).sort(), ['call', 'error', 'registration']);
    // Twilio is unreachable here: registering, then an error or offline.
    assert.ok(
      reports.some((r) => ['registering', 'error', 'unregistered'].includes(r.registration)),
      `reports: ${JSON.stringify(reports)}`,
    );
    assert.ok(responses.filter((r) => r.path === '/api/state').every((r) => r.status === 204), 'every report accepted');
    await screenshot(page, 'calling-window-page');
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__cspViolations), [], 'no CSP violations');
    assert.deepEqual(pageErrors, []);
  });

  test('the launch key works once', async () => {
    const again = await fetch(launchUrl, { redirect: 'manual' });
    assert.equal(again.status, 403);
  });

  test('no cookie, no token; a foreign Host is refused', async () => {
    const anonymous = await fetch(`${origin}/api/token`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('access-control-allow-origin'), null);
    const rebinding = await get(`${origin}/`, { Host: 'evil.example' });
    assert.equal(rebinding.status, 403);
    const rebindingApi = await get(`${origin}/api/token`, { Host: `evil.example:${new URL(origin).port}` });
    assert.equal(rebindingApi.status, 403);
  });

  test('the webhook port serves none of it', async () => {
    for (const path of ['/', '/api/token', '/launch', '/index.html']) {
      const r = await get(`http://127.0.0.1:${webhookPort}${path}`);
      assert.equal(r.status, 404, `${path} on the webhook port`);
    }
  });

  test('a webhook shows up in the open settings panel of the page by itself', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('No webhook from Twilio received yet.').waitFor();
    // An unsigned POST, as a stranger on the tunnel would send: refused, and the page is told.
    const forged = await fetch(`http://127.0.0.1:${webhookPort}/handle_calls`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'From=%2B15550001111&To=%2B15551234567',
    });
    assert.equal(forged.status, 403);
    await page.getByText(/Last webhook: .* · HTTP 403/).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Back to the phone' }).click();
  });

  test('a page from another origin cannot read a token, even with the session cookie', async () => {
    // Another port on the same loopback address is the same *site* (cookies are sent), so only
    // the server's origin checks and the absence of CORS headers stand in the way.
    /** @type {string[]} */
    const seen = [];
    const evil = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>other origin</title><p>hello</p>');
    });
    // On the calling window's own loopback address: the strongest case, the same host.
    const host = new URL(origin).hostname;
    await new Promise((ok) => evil.listen(0, host, () => ok(undefined)));
    const evilOrigin = `http://${host}:${/** @type {import('node:net').AddressInfo} */ (evil.address()).port}`;
    const other = await context.newPage();
    try {
      // The page never gets to see the answer, so ask the browser's network layer what came
      // back and what was sent (Chromium DevTools protocol).
      const cdp = await context.newCDPSession(other);
      await cdp.send('Network.enable');
      /** @type {Map<string, string>} */
      const urls = new Map();
      /** @type {{ id: string, headers: Record<string, string> }[]} */
      const sent = [];
      /** @type {{ id: string, status: number }[]} */
      const answers = [];
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
      cdp.on('Network.requestWillBeSentExtraInfo', (e) => sent.push({ id: e.requestId, headers: /** @type {Record<string, string>} */ (e.headers) }));
      cdp.on('Network.responseReceivedExtraInfo', (e) => answers.push({ id: e.requestId, status: e.statusCode }));
      /** @type {string[]} */
      const failed = [];
      other.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      await other.goto(`${evilOrigin}/`);
      const attempt = await other.evaluate(async (target) => {
        const out = { cors: '', noCors: '' };
        try {
          const r = await fetch(`${target}/api/token`, { credentials: 'include' });
          out.cors = `read ${r.status}: ${await r.text()}`;
        } catch (e) {
          out.cors = `rejected: ${String(e)}`;
        }
        try {
          const r = await fetch(`${target}/api/token`, { credentials: 'include', mode: 'no-cors' });
          out.noCors = `type=${r.type} status=${r.status} body=${JSON.stringify(await r.text())}`;
        } catch (e) {
          out.noCors = `rejected: ${String(e)}`;
        }
        return out;
      }, origin);
      assert.match(attempt.cors, /^rejected: TypeError/, `no readable response: ${attempt.cors}`);
      // no-cors: blocked outright (Cross-Origin-Resource-Policy), or at most an empty opaque answer.
      assert.match(attempt.noCors, /^(rejected: TypeError|type=opaque status=0 body=""$)/, `nothing to read: ${attempt.noCors}`);
      // The browser reports its network events on its own schedule: wait for them, not a fixed time.
      const isToken = (/** @type {string} */ id) => urls.get(id) === `${origin}/api/token`;
      const seenAll = () => failed.length >= 1 && answers.some((a) => isToken(a.id)) && sent.some((r) => isToken(r.id));
      for (const deadline = Date.now() + 5_000; !seenAll() && Date.now() < deadline; ) await sleep(25);
      assert.ok(failed.length >= 1 && failed.every((f) => f.startsWith(`${origin}/api/token `)), `blocked in the browser: ${failed.join('; ')}`);
      // And the server itself refused: 403 for a cross-origin request (Sec-Fetch-Site, Origin),
      // although the request did carry the session cookie.
      const tokenAnswers = answers.filter((a) => isToken(a.id)).map((a) => a.status);
      assert.ok(tokenAnswers.length >= 1, `the browser saw the server's answers: ${JSON.stringify(answers)} for ${JSON.stringify([...urls])}`);
      assert.ok(tokenAnswers.every((status) => status === 403), `refused with 403: ${tokenAnswers.join(', ')}`);
      const tokenRequests = sent.filter((r) => isToken(r.id)).map((r) => lower(r.headers));
      assert.ok(tokenRequests.length >= 1);
      for (const headers of tokenRequests) {
        assert.equal(headers['sec-fetch-site'], 'same-site', 'another loopback port is same-site, not same-origin');
        assert.match(headers.cookie ?? '', /dialtone_phone=/, 'the session cookie went along');
      }
      // The cookie was there all along: the same request from the page itself works.
      const own = await page.evaluate(async () => (await fetch('/api/token')).status);
      assert.equal(own, 200);
    } finally {
      await other.close();
      await new Promise((ok) => evil.close(() => ok(undefined)));
    }
  });
});

/** @param {Record<string, string>} headers */
function lower(headers) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** @param {number} ms @param {string} what @returns {Promise<never>} */
function timeout(ms, what) {
  return new Promise((_, fail) => setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), ms).unref());
}
