// @ts-check
// The browser-test harness: a static server for a built UI, Debian's Chromium driven by
// playwright-core, and an init script that stands in for Tauri's IPC.

import { createServer } from 'node:http';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const UI_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_DIR = resolve(UI_DIR, '..');
export const ARTIFACTS = process.env.DIALTONE_ARTIFACTS ? resolve(process.env.DIALTONE_ARTIFACTS) : join(REPO_DIR, 'artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

const CHROMIUM = process.env.DIALTONE_CHROMIUM ?? '/usr/bin/chromium';

/** @returns {any} */
export function tauriConf() {
  return JSON.parse(readFileSync(join(REPO_DIR, 'tauri.conf.json'), 'utf8'));
}

/** The production CSP from tauri.conf.json, so the tests load the UI under the real policy. */
export function productionCsp() {
  /** @type {Record<string, string>} */
  const csp = tauriConf().app.security.csp;
  return Object.entries(csp)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wav': 'audio/wav',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1 with the given CSP header; `api`, when given, answers first.
 * @param {string} dir
 * @param {string} csp
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, path: string) => boolean} [api]
 */
export async function serve(dir, csp, api) {
  const root = resolve(dir);
  /** @type {string[]} */
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (api?.(req, res, path)) return;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream';
        res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok(undefined));
        server.closeAllConnections();
      }),
  };
}

/**
 * The calling window's HTTP API as the app serves it, for the page (HTTP backend) on
 * dist-e2e: token, settings, listener, state reports and the event stream. Set `state.session`
 * to false to answer 401 like an app that no longer knows this window.
 * @param {{ settings?: any, listener?: any }} [options]
 */
export function fakeApi(options = {}) {
  const state = {
    session: true,
    settings: options.settings ?? completeSettings(),
    listener: options.listener ?? listeningListener(),
    tokens: 0,
    /** @type {any[]} */
    reports: [],
    /** @type {{ contentType: string | undefined, body: string }[]} */
    rawReports: [],
    eventStreams: 0,
    /** @type {Set<import('node:http').ServerResponse>} */
    open: new Set(),
  };
  /** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
  const json = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  /** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, path: string) => boolean} */
  const handle = (req, res, path) => {
    if (!path.startsWith('/api/')) return false;
    if (!state.session) {
      json(res, 401, { kind: 'session', message: 'This phone page opens from the Dialtone app: choose “Reopen calling window” there.' });
      return true;
    }
    switch (`${req.method} ${path}`) {
      case 'GET /api/token':
        state.tokens += 1;
        json(res, 200, { token: `fake-token-${state.tokens}`, identity: 'dialtone_15551234567', expiresAt: Math.floor(Date.now() / 1000) + 3600 });
        return true;
      case 'GET /api/settings':
        json(res, 200, state.settings);
        return true;
      case 'GET /api/webhook':
        json(res, 200, state.listener);
        return true;
      case 'GET /api/setup':
        json(res, 200, notSetUp());
        return true;
      case 'GET /api/setup/wiring':
        json(res, 200, wiredReport());
        return true;
      case 'POST /api/state': {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          state.rawReports.push({ contentType: req.headers['content-type'], body });
          state.reports.push(JSON.parse(body));
          res.writeHead(204).end();
        });
        return true;
      }
      // The journal's read routes, empty (tests/browser/screens.test.mjs drives the tabs over IPC).
      case 'GET /api/history/status':
        json(res, 200, { available: true, path: '/data/calls.sqlite3', problem: null, recordedGreeting: false });
        return true;
      case 'GET /api/history':
      case 'GET /api/voicemail':
      case 'GET /api/contacts':
        json(res, 200, []);
        return true;
      case 'GET /api/caller-name':
        json(res, 200, null);
        return true;
      case 'GET /api/events':
        state.eventStreams += 1;
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
        res.write('event: hello\ndata: connected\n\n');
        state.open.add(res);
        res.on('close', () => state.open.delete(res));
        return true;
      default:
        json(res, 404, { kind: 'error', message: 'not found' });
        return true;
    }
  };
  return {
    state,
    handle,
    /** Sends a named event on every open stream. @param {string} event */
    send(event) {
      for (const res of state.open) res.write(`event: ${event}\ndata: {}\n\n`);
    },
    /** Ends every open event stream, like an app that restarted. */
    dropStreams() {
      for (const res of state.open) res.destroy();
    },
  };
}

/** The calling window's status as the app reports it. */
export function windowStatus(/** @type {any} */ overrides = {}) {
  return { connected: true, report: { registration: 'registered', error: null, call: null }, browser: 'chromium', error: null, ...overrides };
}

/**
 * Serves a build under the production CSP and opens one browser for a whole test file;
 * both close after the file. Read `.server` and `.browser` inside tests.
 * @param {string} dist
 */
export function servedBuild(dist) {
  /** @type {{ server: Awaited<ReturnType<typeof serve>>, browser: import('playwright-core').Browser }} */
  const build = /** @type {any} */ ({});
  before(async () => {
    assert.ok(existsSync(join(dist, 'index.html')), `build ${dist} first (npm run build:e2e)`);
    build.server = await serve(dist, productionCsp());
    build.browser = await launch();
  });
  after(async () => {
    await build.browser?.close();
    await build.server?.close();
  });
  return build;
}

/**
 * Debian's Chromium, headless, with its fake media devices (a microphone that beeps once a
 * second). `args` are added to its flags; `allowMicrophone: false` leaves out the flag that
 * grants every permission prompt, so a context's permissions decide.
 * @param {{ args?: string[], allowMicrophone?: boolean }} [options]
 */
export function launch({ args = [], allowMicrophone = true } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // Tests never reach the internet, even on a machine that could: Twilio's hosts do not
      // resolve, as on CI, so the real SDK's "can't reach Twilio" path is the same everywhere.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.*',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(allowMicrophone ? ['--use-fake-ui-for-media-stream'] : []),
      '--use-fake-device-for-media-stream',
      ...args,
    ],
  });
}

const HEX = '0123456789abcdef0123456789abcdef';

/**
 * A complete configuration, as settings_status reports it.
 * @returns {any}
 */
export function completeSettings() {
  return {
    complete: true,
    keychain: { available: true, message: null },
    fields: [
      field('account_sid', 'Account SID', `AC${HEX}`, 'keychain'),
      secret('auth_token', 'Auth Token', true),
      field('api_key_sid', 'API Key SID', `SK${HEX}`, 'keychain'),
      secret('api_key_secret', 'API Key Secret', true),
      field('twiml_app_sid', 'TwiML App SID', `AP${HEX}`, 'keychain'),
      field('twilio_number', 'Twilio number', '+15551234567', 'settings file'),
      field('identity', 'Client identity', 'dialtone_15551234567', 'default'),
      field('public_url', 'Public webhook URL', 'https://abc123.ngrok.app/handle_calls', 'settings file'),
      field('port', 'Listener port', '3000', 'default'),
      field('allowed_country_codes', 'Allowed countries', '1', 'default'),
      { ...field('allowed_numbers', 'Allowed numbers', '', 'unset'), set: false, value: null },
      field('max_call_seconds', 'Maximum call length', '14400', 'default'),
      field('voicemail', 'Voicemail', 'true', 'default'),
      field('voicemail_greeting', 'Voicemail greeting', 'You have reached my Dialtone. Please leave a message after the tone.', 'default'),
      field('voicemail_max_secs', 'Longest voicemail (seconds)', '120', 'default'),
      field('ring_secs', 'Ring time (seconds)', '30', 'default'),
      field('do_not_disturb', 'Do not disturb', 'false', 'default'),
      field('call_at_once', 'Call at once when another program hands me a number', 'false', 'default'),
      field('launch_at_login', 'Launch at login', 'false', 'default'),
      field('close_to_tray', 'Keep running in the tray when the window is closed', 'true', 'default'),
      unset('shortcut_answer', 'Shortcut: answer'),
      unset('shortcut_hang_up', 'Shortcut: hang up'),
      unset('shortcut_mute', 'Shortcut: mute'),
      field('language', 'Language', 'auto', 'default'),
      // Every field Rust reports (src-tauri/settings/field.rs), the journal's too.
      field('voicemail', 'Voicemail', 'on', 'default'),
      field('voicemail_greeting', 'Voicemail greeting', 'The person you are calling is not available. Please leave a message after the tone.', 'default'),
      field('voicemail_max_secs', 'Longest voicemail (seconds)', '120', 'default'),
      field('ring_secs', 'Ring time (seconds)', '30', 'default'),
      field('do_not_disturb', 'Do not disturb', 'off', 'default'),
    ],
  };
}

/** First launch: nothing set yet. */
export function emptySettings() {
  const s = completeSettings();
  s.complete = false;
  // Port and the desktop switches keep their defaults; everything else is unset.
  const defaults = ['port', 'call_at_once', 'launch_at_login', 'close_to_tray'];
  s.fields = s.fields.map((/** @type {any} */ f) => (defaults.includes(f.name) ? f : { ...f, set: false, value: null, source: 'unset' }));
  return s;
}

/**
 * @param {string} name @param {string} label @param {string} value @param {string} source
 */
function field(name, label, value, source) {
  return { name, label, secret: false, set: true, value, source, problem: null };
}

/** @param {string} name @param {string} label */
function unset(name, label) {
  return { name, label, secret: false, set: false, value: null, source: 'unset', problem: null };
}

/** @param {string} name @param {string} label @param {boolean} set */
function secret(name, label, set) {
  return { name, label, secret: true, set, value: null, source: set ? 'keychain' : 'unset', problem: null };
}

/** What set-up's record says before any set-up. */
export function notSetUp() {
  return { connected: false, accountSid: null, number: null, applicationSid: null, keySid: null, callerId: null, callerIds: [], restores: null, voiceUrl: null, voiceUrlSetAt: null };
}

/** A remote check where everything is wired. */
export function wiredReport() {
  return {
    ok: true,
    repairable: false,
    checkedAt: Date.UTC(2025, 0, 2, 15, 3, 0),
    checks: [
      { id: 'key', ok: true, summary: `the API key SK${HEX} authenticates`, fix: null, repairable: false },
      { id: 'app', ok: true, summary: `the TwiML App AP${HEX} exists`, fix: null, repairable: false },
      { id: 'voiceUrl', ok: true, summary: 'Twilio calls https://abc123.ngrok.app/handle_calls', fix: null, repairable: false },
      { id: 'number', ok: true, summary: '+15551234567 sends its calls to the TwiML App', fix: null, repairable: false },
    ],
  };
}

/** An account as the wizard's step 2 sees it. */
export function accountOverview(/** @type {any} */ overrides = {}) {
  return {
    accountSid: `AC${HEX}`,
    friendlyName: 'My first Twilio account',
    trial: false,
    numbers: [
      { phoneNumber: '+15551234567', friendlyName: '(555) 123-4567', wiring: { kind: 'demo' } },
      { phoneNumber: '+15550400000', friendlyName: '(555) 040-0000', wiring: { kind: 'elsewhere', detail: 'the URL https://crm.example/voice' } },
    ],
    callerIds: [
      { phoneNumber: '+15551234567', friendlyName: null, verified: false },
      { phoneNumber: '+15550400000', friendlyName: null, verified: false },
      { phoneNumber: '+15550009999', friendlyName: 'Office', verified: true },
    ],
    proposed: null,
    ...overrides,
  };
}

export function listeningListener() {
  return {
    state: 'listening',
    address: '127.0.0.1:3000',
    error: null,
    publicUrl: 'https://abc123.ngrok.app/handle_calls',
    voiceRequestUrl: 'https://abc123.ngrok.app/handle_calls',
    lastWebhook: { at: Date.UTC(2025, 0, 2, 15, 4, 5), status: 200, outcome: 'outbound call to +15557654321 bridged' },
  };
}

/**
 * Runs in the page before the app: a fake `window.__TAURI_INTERNALS__` answering the IPC
 * contract from `config`, and a record of every call in `window.__ipc.calls`.
 * With `host: 'http'` it installs no IPC at all (the page then uses the HTTP backend).
 * @param {{ settings: any, listener: any, tokenError?: any, saveError?: any, identity?: string, fake?: any, host?: 'tauri'|'http', window?: any, openError?: any, waitingDial?: any, setup?: any, journal?: any }} config
 */
function installMocks(config) {
  const w = /** @type {any} */ (window);
  const journal = config.journal ?? { status: { available: true, path: '/data/calls.sqlite3', problem: null, recordedGreeting: false }, history: [], voicemails: [], contacts: [] };
  const state = {
    /** The call journal as Rust would answer it: see `journalState()`. */
    journal,
    settings: config.settings,
    listener: config.listener,
    tokenError: config.tokenError ?? null,
    saveError: config.saveError ?? null,
    window: config.window ?? { connected: false, report: null, browser: null, error: null },
    openError: config.openError ?? null,
    /** The dial command Rust keeps for the first window that takes it (`take_waiting_dial`). */
    waitingDial: config.waitingDial ?? null,
    /**
     * The wizard's side: `status` (setup_status), `overview` (setup_account), `wiring`
     * (check_wiring, then repair_wiring's answer in `repaired`), and errors to throw.
     */
    setup: {
      status: null,
      overview: null,
      wiring: null,
      repaired: null,
      accountError: null,
      connectError: null,
      repairError: null,
      ...(config.setup ?? {}),
    },
    tokens: 0,
    calls: /** @type {{cmd: string, args: any}[]} */ ([]),
    /** What the page reported with `report_phone_status`. */
    phoneReports: /** @type {any[]} */ ([]),
    /** Tauri event listeners: name -> callback ids. */
    listeners: /** @type {Record<string, {id: number, handler: number}[]>} */ ({}),
    /** Delivers a Tauri event to the page, like `app.emit_to("main", event, payload)`. */
    emit: (/** @type {string} */ event, /** @type {any} */ payload) => {
      for (const l of state.listeners[event] ?? []) w[`_${l.handler}`]?.({ event, id: l.id, payload });
    },
    /** What Rust does with a number from another program: keep it waiting, and tell the window. */
    handDial: (/** @type {string} */ number, /** @type {boolean} */ now) => {
      state.waitingDial = { action: 'dial', number, now };
      state.emit('phone-command', state.waitingDial);
    },
  };
  w.__ipc = state;
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
  if (config.fake) w.__fakeTwilioPreset = config.fake;

  const ENV = {
    TWILIO_ACCOUNT_SID: 'account_sid',
    TWILIO_AUTH_TOKEN: 'auth_token',
    TWILIO_API_KEY_SID: 'api_key_sid',
    TWILIO_API_KEY_SECRET: 'api_key_secret',
    TWIML_APP_SID: 'twiml_app_sid',
    TWILIO_NUMBER: 'twilio_number',
  };
  /** @param {Record<string, string>} changes */
  const apply = (changes) => {
    for (const [name, value] of Object.entries(changes)) {
      const f = state.settings.fields.find((/** @type {any} */ x) => x.name === name);
      if (!f) continue;
      f.set = true;
      f.problem = null;
      f.source = ['account_sid', 'auth_token', 'api_key_sid', 'api_key_secret', 'twiml_app_sid'].includes(name) ? 'keychain' : 'settings file';
      if (!f.secret) f.value = value;
    }
    state.settings.complete = state.settings.fields
      .filter((/** @type {any} */ f) => !['identity', 'public_url', 'port', 'allowed_country_codes', 'allowed_numbers', 'max_call_seconds', 'voicemail', 'voicemail_greeting', 'voicemail_max_secs', 'ring_secs', 'do_not_disturb', 'call_at_once', 'launch_at_login', 'close_to_tray', 'shortcut_answer', 'shortcut_hang_up', 'shortcut_mute', 'language'].includes(f.name))
      .every((/** @type {any} */ f) => f.set);
  };
  const clone = (/** @type {any} */ v) => JSON.parse(JSON.stringify(v));

  /** @param {string} cmd @param {any} args */
  const handle = async (cmd, args) => {
    state.calls.push({ cmd, args: clone(args ?? {}) });
    switch (cmd) {
      case 'get_token':
        if (state.tokenError) throw clone(state.tokenError);
        if (!state.settings.complete) {
          const missing = state.settings.fields.filter((/** @type {any} */ f) => !f.set).map((/** @type {any} */ f) => f.name);
          throw { kind: 'missing_settings', message: `missing settings: ${missing.join(', ')}` };
        }
        state.tokens += 1;
        return { token: `fake-token-${state.tokens}`, identity: config.identity ?? 'dialtone_15551234567', expiresAt: Math.floor(Date.now() / 1000) + 3600 };
      case 'settings_status':
        return clone(state.settings);
      case 'save_settings':
        if (state.saveError) throw clone(state.saveError);
        apply(args.changes);
        return clone(state.settings);
      case 'import_env': {
        /** @type {Record<string, string>} */
        const changes = {};
        for (const line of String(args.contents).split(/\r?\n/)) {
          const m = /^\s*(?:export\s+)?([A-Z_]+)\s*=\s*"?([^"]*)"?\s*$/.exec(line);
          const name = m && /** @type {Record<string, string>} */ (ENV)[m[1] ?? ''];
          if (m && name) changes[name] = m[2] ?? '';
        }
        apply(changes);
        return { status: clone(state.settings), imported: Object.keys(changes) };
      }
      case 'webhook_status':
        return clone(state.listener);
      case 'report_phone_status':
        state.phoneReports.push(clone(args.status));
        return null;
      case 'open_calling_window':
        if (state.openError) throw clone(state.openError);
        return clone(state.window);
      case 'calling_window_status':
        return clone(state.window);
      case 'history_status':
        return clone(journal.status);
      case 'call_history': {
        const filter = args.filter ?? {};
        const all = journal.history.filter((/** @type {any} */ e) => !filter.missedOnly || (e.direction === 'inbound' && e.status === 'missed'));
        return clone(all.slice(0, filter.limit ?? all.length));
      }
      case 'clear_call_history': {
        // As Rust's journal::clear: every call goes, voicemail and contacts stay.
        if (journal.clearError) throw clone(journal.clearError);
        const cleared = journal.history.length;
        journal.history = [];
        return { cleared };
      }
      case 'voicemails':
        return clone(journal.voicemails);
      case 'voicemail_audio':
        // Raw bytes, as Tauri hands an `ipc::Response` to the page: a short WAV tone.
        return tone();
      case 'mark_voicemail_heard': {
        const m = journal.voicemails.find((/** @type {any} */ v) => v.recording_sid === args.recordingSid);
        if (m) m.heard = args.heard;
        return null;
      }
      case 'save_voicemail':
        return { path: `/home/user/Downloads/voicemail-${args.recordingSid}.wav` };
      case 'delete_voicemail':
        journal.voicemails = journal.voicemails.filter((/** @type {any} */ v) => v.recording_sid !== args.recordingSid);
        return null;
      case 'set_voicemail_greeting':
        journal.status.recordedGreeting = true;
        return clone(journal.status);
      case 'clear_voicemail_greeting':
        journal.status.recordedGreeting = false;
        return clone(journal.status);
      case 'contacts': {
        const q = String(args.query ?? '').toLowerCase();
        const digits = q.replace(/[^0-9]/g, '');
        return clone(
          journal.contacts.filter(
            (/** @type {any} */ c) =>
              !q || c.name.toLowerCase().includes(q) || (digits && c.numbers.some((/** @type {any} */ n) => n.number.replace(/[^0-9]/g, '').includes(digits))),
          ),
        );
      }
      case 'add_contact': {
        const contact = { id: (journal.nextId = (journal.nextId ?? 100) + 1), ...args.draft };
        journal.contacts.push(contact);
        return clone(contact);
      }
      case 'edit_contact': {
        const contact = journal.contacts.find((/** @type {any} */ c) => c.id === args.id);
        Object.assign(contact, args.draft);
        return clone(contact);
      }
      case 'delete_contact':
        journal.contacts = journal.contacts.filter((/** @type {any} */ c) => c.id !== args.id);
        return null;
      case 'import_contacts': {
        // The page sends the file's bytes as the raw body; read them as Rust would, card by card.
        const text = new TextDecoder().decode(/** @type {Uint8Array} */ (args));
        const report = { imported: 0, duplicates: 0, withoutNumbers: 0, nameless: 0, unreadableNumbers: /** @type {string[]} */ ([]) };
        for (const card of text.split(/BEGIN:VCARD/i).slice(1)) {
          const name = /^FN[^:]*:(.*)$/im.exec(card)?.[1]?.trim();
          const numbers = [...card.matchAll(/^TEL[^:]*:(.*)$/gim)].map((m) => ({ number: (m[1] ?? '').trim(), label: null }));
          if (!name) report.nameless += 1;
          else if (numbers.length === 0) report.withoutNumbers += 1;
          else {
            journal.contacts.push({ id: (journal.nextId = (journal.nextId ?? 100) + 1), name, numbers });
            report.imported += 1;
          }
        }
        state.calls[state.calls.length - 1] = { cmd, args: { bytes: text.length } };
        return report;
      }
      case 'caller_name': {
        const contact = journal.contacts.find((/** @type {any} */ c) => c.numbers.some((/** @type {any} */ n) => n.number === args.number));
        return contact ? contact.name : null;
      }
      case 'take_waiting_dial': {
        const taken = state.waitingDial;
        state.waitingDial = null;
        return taken;
      }
      case 'setup_status':
        return clone(state.setup.status);
      case 'setup_account':
        if (state.setup.accountError) throw clone(state.setup.accountError);
        return clone(state.setup.overview);
      case 'setup_connect': {
        if (state.setup.connectError && !(args.query.takeOver && state.setup.connectError.kind === 'needs_confirmation')) throw clone(state.setup.connectError);
        const q = args.query;
        apply({
          account_sid: q.accountSid, auth_token: 'x', api_key_sid: 'SK1111111111111111111111111111111a',
          api_key_secret: 'x', twiml_app_sid: 'AP1111111111111111111111111111111a', twilio_number: q.number,
        });
        state.setup.status = {
          connected: true, accountSid: q.accountSid, number: q.number, applicationSid: 'AP1111111111111111111111111111111a',
          keySid: 'SK1111111111111111111111111111111a', callerId: q.callerId ?? q.number,
          callerIds: (state.setup.overview?.callerIds ?? []).map((/** @type {any} */ c) => c.phoneNumber),
          restores: 'Twilio’s demo answer', voiceUrl: 'https://abc123.ngrok.app/handle_calls', voiceUrlSetAt: Date.now(),
        };
        return {
          status: clone(state.settings),
          connected: {
            number: q.number, applicationSid: 'AP1111111111111111111111111111111a', keySid: 'SK1111111111111111111111111111111a',
            voiceUrl: 'https://abc123.ngrok.app/handle_calls', callerId: q.callerId ?? q.number, replaced: q.takeOver ? 'the URL https://crm.example/voice' : null,
            reusedKey: false, reusedApp: false, notes: [],
          },
          warnings: [],
        };
      }
      case 'setup_disconnect':
        for (const f of state.settings.fields) {
          if (['api_key_sid', 'api_key_secret', 'twiml_app_sid', 'twilio_number'].includes(f.name)) Object.assign(f, { set: false, value: null, source: 'unset' });
        }
        state.settings.complete = false;
        state.setup.status = { connected: false, accountSid: null, number: null, applicationSid: null, keySid: null, callerId: null, callerIds: [], restores: null, voiceUrl: null, voiceUrlSetAt: null };
        return { status: clone(state.settings), done: ['+15551234567 sends its calls to Twilio’s demo answer again', 'deleted the TwiML App', 'deleted the API key'] };
      case 'check_wiring':
        return clone(state.setup.wiring);
      case 'repair_wiring':
        if (state.setup.repairError && !(args.takeOver && state.setup.repairError.kind === 'needs_confirmation')) throw clone(state.setup.repairError);
        state.setup.wiring = state.setup.repaired ?? state.setup.wiring;
        return clone(state.setup.wiring);
      case 'set_caller_id':
        state.setup.status = { ...state.setup.status, callerId: args.callerId };
        return clone(state.setup.status);
      case 'plugin:event|listen': {
        const id = next++;
        (state.listeners[args.event] ??= []).push({ id, handler: args.handler });
        return id;
      }
      case 'plugin:event|unlisten':
        state.listeners[args.event] = (state.listeners[args.event] ?? []).filter((l) => l.id !== args.eventId);
        return null;
      default:
        throw { kind: 'unknown_command', message: `no command ${cmd}` };
    }
  };

  /** Half a second of 440 Hz, 8 kHz mono 16-bit PCM, as a WAV file. */
  function tone() {
    const samples = 4000;
    const buffer = new ArrayBuffer(44 + samples * 2);
    const view = new DataView(buffer);
    const ascii = (/** @type {number} */ at, /** @type {string} */ text) => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
    ascii(0, 'RIFF');
    view.setUint32(4, 36 + samples * 2, true);
    ascii(8, 'WAVEfmt ');
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, 8000, true);
    view.setUint32(28, 16000, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    ascii(36, 'data');
    view.setUint32(40, samples * 2, true);
    for (let i = 0; i < samples; i++) view.setInt16(44 + i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), true);
    return buffer;
  }

  if (config.host === 'http') return;
  let next = 1;
  w.__TAURI_EVENT_PLUGIN_INTERNALS__ = { unregisterListener: () => undefined };
  w.__TAURI_INTERNALS__ = {
    invoke: (/** @type {string} */ cmd, /** @type {any} */ args) => handle(cmd, args),
    transformCallback: (/** @type {Function} */ cb, /** @type {boolean} */ once) => {
      const id = next++;
      w[`_${id}`] = (/** @type {any} */ v) => {
        if (once) Reflect.deleteProperty(w, `_${id}`);
        cb(v);
      };
      return id;
    },
    unregisterCallback: (/** @type {number} */ id) => Reflect.deleteProperty(w, `_${id}`),
    convertFileSrc: (/** @type {string} */ p) => p,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
}

/**
 * Counts pending timers and intervals, to check that an idle phone runs none.
 * Installed only where a test asks (it wraps the page's timer functions).
 */
function installTimerProbe() {
  const w = /** @type {any} */ (window);
  const pending = new Set();
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  w.__timers = { pending, intervals: new Set() };
  w.setTimeout = (/** @type {any} */ fn, /** @type {any} */ ms, /** @type {any[]} */ ...rest) => {
    const id = st(() => {
      pending.delete(id);
      if (typeof fn === 'function') fn(...rest);
    }, ms);
    pending.add(id);
    return id;
  };
  w.clearTimeout = (/** @type {any} */ id) => {
    pending.delete(id);
    ct(id);
  };
  w.setInterval = (/** @type {any} */ fn, /** @type {any} */ ms, /** @type {any[]} */ ...rest) => {
    const id = si(fn, ms, ...rest);
    w.__timers.intervals.add(id);
    return id;
  };
  w.clearInterval = (/** @type {any} */ id) => {
    w.__timers.intervals.delete(id);
    ci(id);
  };
}

/**
 * Stops the page's fake clock (`openApp(..., { clock: true })`) where it is: from here on time
 * moves only with `page.clock.runFor`. An installed clock otherwise keeps pace with real time,
 * so on a slow machine a timer could fire between two steps that expect it not to.
 * @param {import('playwright-core').Page} page
 */
export async function pauseClock(page) {
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 50);
}

/**
 * A fresh context and page (400x720, like the app window) with the IPC mock installed.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ settings?: any, listener?: any, tokenError?: any, saveError?: any, fake?: any, clock?: boolean, timers?: boolean, colorScheme?: 'light'|'dark', host?: 'tauri'|'http', window?: any, openError?: any, locale?: string, journal?: any, diagnostics?: boolean, waitingDial?: any, setup?: any }} [options]
 * `diagnostics: false` leaves the Diagnostics section as a new session has it: folded.
 * @param {{ settings?: any, listener?: any, tokenError?: any, saveError?: any, fake?: any, clock?: boolean, timers?: boolean, colorScheme?: 'light'|'dark', host?: 'tauri'|'http', window?: any, openError?: any, waitingDial?: any, setup?: any, locale?: string }} [options]
 * `locale` is the browser's language (`navigator.languages`, `Accept-Language`); en-US unless given.
 */
export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 400, height: 720 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    reducedMotion: 'reduce',
    permissions: ['microphone', 'clipboard-read', 'clipboard-write'],
  });
  /** @type {string[]} */
  const pageErrors = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    // The real SDK logs its own connection failures (the test machine has no network).
    if (m.type() === 'error' && !/TwilioVoice|WebSocket connection to 'wss:\/\/voice-js\./.test(m.text())) {
      pageErrors.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  // Tests written before the tabs read the device log: open Diagnostics, as a user who looks at it would.
  if (options.diagnostics !== false) await page.addInitScript(() => sessionStorage.setItem('dialtone.diagnostics-open', 'true'));
  if (options.clock) await page.clock.install({ time: new Date('2025-01-02T15:00:00Z') });
  if (options.timers) await page.addInitScript(installTimerProbe);
  await page.addInitScript(installMocks, {
    settings: options.settings ?? completeSettings(),
    listener: options.listener ?? listeningListener(),
    tokenError: options.tokenError,
    saveError: options.saveError,
    fake: options.fake,
    host: options.host ?? 'tauri',
    window: options.window,
    openError: options.openError,
    journal: options.journal,
    waitingDial: options.waitingDial,
    setup: { status: notSetUp(), wiring: wiredReport(), overview: accountOverview(), ...(options.setup ?? {}) },
  });
  await page.goto(url);
  return { context, page, pageErrors };
}

/**
 * The page broke no rule of the CSP, threw nothing and logged no error.
 * @param {{ pageErrors: string[], page: import('playwright-core').Page }} app
 */
export async function assertClean(app) {
  assert.deepEqual(await app.page.evaluate(() => /** @type {any} */ (window).__cspViolations), [], 'no CSP violations');
  assert.deepEqual(app.pageErrors, [], 'no page errors');
}

/** The IPC commands the page has invoked so far. */
export async function ipcCalls(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(() => /** @type {any} */ (window).__ipc.calls.map((/** @type {any} */ c) => c.cmd));
}

/** @param {import('playwright-core').Page} page @param {string} name */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
