// @ts-check
// End-to-end harness: the Twilio simulator (tests/simulator), `dialtone phone` with a UI build that
// points the Voice SDK at the simulator, and Debian's Chromium with a fake microphone playing a tone.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
/** @type {import('playwright-core')} */
const { chromium } = require('playwright-core');

export const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const SIM_PORT = 9443; // fixed: the simulator UI build bakes it in (VITE_DIALTONE_SIGNALING)
export const APP_TONE_HZ = 440; // what the fake microphone plays
export const SIM_TONE_HZ = 660; // what the simulator plays towards the app

export const CREDS = {
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: '0123456789abcdef0123456789abcdef',
  TWILIO_API_KEY_SID: 'SK0123456789abcdef0123456789abcdef',
  TWILIO_API_KEY_SECRET: 'e2e-api-key-secret-0123456789abcd',
  TWIML_APP_SID: 'AP0123456789abcdef0123456789abcdef',
  TWILIO_NUMBER: '+15551234567',
  DIALTONE_PUBLIC_URL: 'https://sim.test/handle_calls',
  DIALTONE_ALLOWED_COUNTRY_CODES: '1,44',
};
export const IDENTITY = 'dialtone_15551234567';

const bin = (name, env) =>
  process.env[env] ??
  [join(REPO, 'target/sim/debug', name), join(REPO, 'target/debug', name)].find((p) => existsSync(p)) ??
  name;

export async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = /** @type {import('node:net').AddressInfo} */ (s.address());
      s.close(() => res(a.port));
    });
  });
}

/** 16-bit mono 48 kHz sine WAV (Chromium loops it as the microphone). */
export function writeToneWav(path, hz, seconds = 10, rate = 48000) {
  const n = seconds * rate;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 0.4 * 32767), 44 + i * 2);
  writeFileSync(path, buf);
}

/**
 * The UI the page runs. Prefers ui/dist-sim (`npm run build:sim`, VITE_DIALTONE_SIGNALING=127.0.0.1:9443);
 * until that exists, a temporary copy of ui/dist whose Device options get chunderw/eventgw added.
 */
export function uiDir(work) {
  const sim = join(REPO, 'ui/dist-sim');
  if (existsSync(join(sim, 'index.html')) && !process.env.E2E_PATCH_DIST) return { dir: sim, patched: false };
  const dir = join(work, 'ui');
  cpSync(join(REPO, 'ui/dist'), dir, { recursive: true });
  const assets = join(dir, 'assets');
  let patched = 0;
  for (const f of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const p = join(assets, f);
    const src = readFileSync(p, 'utf8');
    const out = src.replace(/appName:`dialtone`,/, `appName:\`dialtone\`,chunderw:\`127.0.0.1:${SIM_PORT}\`,eventgw:\`127.0.0.1:${SIM_PORT}\`,`);
    if (out !== src) {
      writeFileSync(p, out);
      patched++;
    }
  }
  if (!patched) throw new Error('could not find the Device options in ui/dist to point them at the simulator');
  return { dir, patched: true };
}

/** Spawns a process, collects its output, resolves when `ready` matches a line of stdout. */
function start(cmd, args, env, ready, label) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  const p = new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${label} did not start:\n${out.stdout}\n${out.stderr.slice(-3000)}`)), 20000);
    child.stdout.on('data', (d) => {
      out.stdout += d;
      const m = out.stdout.match(ready);
      if (m) {
        clearTimeout(timer);
        res(m);
      }
    });
    child.stderr.on('data', (d) => {
      out.stderr += d;
      if (process.env.E2E_VERBOSE) process.stderr.write(`[${label}] ${d}`);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      rej(new Error(`${label} could not start (${cmd}): ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`${label} exited with ${code}:\n${out.stdout}\n${out.stderr.slice(-3000)}`));
    });
  });
  return { child, out, ready: p };
}

export class Sim {
  constructor(url) {
    this.url = url;
  }
  async get(path) {
    const r = await fetch(this.url + path);
    return r.json();
  }
  async post(path, body = {}) {
    const r = await fetch(this.url + path, { method: 'POST', body: JSON.stringify(body) });
    return r.json();
  }
  async events(since = 0) {
    return (await this.get(`/events?since=${since}`)).events;
  }
  /** Next event (at or after seq `since`) matching `pred`. */
  async waitEvent(pred, { since = 0, timeout = 15000, what = 'event' } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const ev = (await this.events(since)).find(pred);
      if (ev) return ev;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; events:\n${(await this.events(since)).map((e) => JSON.stringify(e).slice(0, 300)).join('\n')}`);
      await sleep(100);
    }
  }
  async mark() {
    return (await this.events(0)).length;
  }
  async call(sid, windows = 50) {
    return this.get(`/calls/${sid}?windows=${windows}`);
  }
  /** Waits until the simulator's last `n` measurement windows of this call all satisfy `pred`. */
  async waitHearing(sid, pred, { n = 4, timeout = 15000, what = 'audio' } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      last = await this.call(sid, n);
      const w = last.media?.windows ?? [];
      if (w.length >= n && w.every(pred)) return w;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
      await sleep(200);
    }
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once `child` has exited (SIGKILL after 5 s), so its ports are free for the next test.
 * @param {import('node:child_process').ChildProcess} child
 */
function ended(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done(undefined);
    });
  });
}

/**
 * Starts the simulator, `dialtone phone` and Chromium on the phone page.
 * With `wizard`, the account is as before set-up (its number wired to nothing, no TwiML App) and
 * the app starts from an empty keychain with no credentials at all: the test's private
 * gnome-keyring (scripts/test-session.sh), the simulator's REST API, and `wizard.ngrokApi` as
 * the ngrok agent it finds its tunnel through.
 * `pageMic`: the microphone is a tone the test switches on and off from the page (`micTone`),
 * instead of Chromium's looping fake device, so a tone's onset has a known time.
 * @param {{ tokenTtl?: number, appEnv?: Record<string, string>, wizard?: { ngrokApi: string }, simEnv?: Record<string, string>, pageMic?: boolean }} [options]
 */
export async function startStack({ tokenTtl, appEnv: appOverrides = {}, wizard, simEnv = {}, pageMic = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'dialtone-e2e-'));
  const webhookPort = await freePort();
  const windowPort = await freePort();
  const wav = join(work, 'tone.wav');
  writeToneWav(wav, APP_TONE_HZ);
  const ui = uiDir(work);

  if (wizard && !process.env.DIALTONE_TEST_SESSION) {
    throw new Error('the wizard test saves to a keychain and must not touch yours: run it as `scripts/test-session.sh tests/e2e/run.sh wizard` (scripts/test.sh does)');
  }
  /** @type {Record<string, string>} */
  const simVars = { ...CREDS, SIM_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/handle_calls`, ...simEnv };
  if (wizard) {
    // Before set-up: no TwiML App, so the number sends its calls nowhere yet.
    delete simVars.TWIML_APP_SID;
    delete simVars.DIALTONE_PUBLIC_URL;
  }
  const sim = start(
    bin('twilio-sim', 'SIM_BIN'),
    ['--port', String(SIM_PORT), '--tone-hz', String(SIM_TONE_HZ)],
    simVars,
    /"control_port":(\d+).*"rest_port":(\d+)/,
    'twilio-sim',
  );
  const cleanup = [() => sim.child.kill('SIGTERM')];
  const fail = (e) => {
    for (const c of cleanup) c();
    throw e;
  };
  const simReady = await sim.ready.catch(fail);
  const control = new Sim(`http://127.0.0.1:${simReady[1]}`);

  const restUrl = `http://127.0.0.1:${simReady[2]}`;
  /** @type {Record<string, string>} */
  const appEnv = {
    ...(wizard ? {} : CREDS),
    DIALTONE_PORT: String(webhookPort),
    DIALTONE_CONFIG_DIR: join(work, 'config'),
    DIALTONE_DATA_DIR: join(work, 'data'),
    HOME: work,
    // Credentials come from the environment; never the desktop's keyring (a locked one would
    // prompt), and no D-Bus daemon started on the side.
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    DIALTONE_KEYCHAIN_SERVICE: `dialtone-e2e-${process.pid}-${Date.now()}`,
    DIALTONE_UI_DIR: ui.dir,
    DIALTONE_TEST_CONNECT_SRC: `wss://127.0.0.1:${SIM_PORT} https://127.0.0.1:${SIM_PORT}`,
    RUST_LOG: process.env.RUST_LOG ?? 'info',
  };
  if (wizard) {
    // The test session's own bus and gnome-keyring, empty at the start.
    appEnv.DBUS_SESSION_BUS_ADDRESS = /** @type {string} */ (process.env.DBUS_SESSION_BUS_ADDRESS);
    appEnv.DIALTONE_TWILIO_API_BASE = restUrl;
    appEnv.DIALTONE_NGROK_API = wizard.ngrokApi;
    // No cloudflared is asked: nothing listens on this port.
    appEnv.DIALTONE_CLOUDFLARED_METRICS = `127.0.0.1:${await freePort()}`;
  }
  if (tokenTtl) appEnv.DIALTONE_TOKEN_TTL_SECS = String(tokenTtl);
  Object.assign(appEnv, appOverrides);
  const app = start(bin('dialtone', 'DIALTONE_BIN'), ['phone', '--no-open', '--port', String(windowPort)], appEnv, /(http:\/\/127\.\d+\.\d+\.\d+:\d+\/launch\?key=\S+)/, 'dialtone');
  cleanup.push(() => app.child.kill('SIGTERM'));
  const launchUrl = (await app.ready.catch(fail))[1];

  /** @type {import('playwright-core').Browser | null} */
  let browser = null;
  // Everything ends and is reaped before the next test: it needs the simulator's fixed port.
  const stop = async () => {
    await browser?.close().catch(() => {});
    app.child.kill('SIGTERM');
    sim.child.kill('SIGTERM');
    await Promise.all([ended(app.child), ended(sim.child)]);
    rmSync(work, { recursive: true, force: true });
  };
  const pageErrors = [];
  const consoleLines = [];
  let page;
  try {
    browser = await chromium.launch({
      executablePath: process.env.DIALTONE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        // Only the simulator on loopback: not even the SDK's Insights posts leave the machine.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.*',
        '--disable-sync', '--no-first-run', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${wav}`, '--ignore-certificate-errors', '--autoplay-policy=no-user-gesture-required',
      ],
    });
    const context = await browser.newContext();
    // Keep every RTCPeerConnection and its remote streams, to measure what the page hears and
    // read what it negotiated.
    await context.addInitScript(() => {
      const Orig = window.RTCPeerConnection;
      /** @type {any} */ (window).__remoteStreams = [];
      /** @type {any} */ (window).__pcs = [];
      class Tapped extends Orig {
        constructor(...a) {
          super(...a);
          /** @type {any} */ (window).__pcs.push(this);
          this.addEventListener('track', (e) => {
            const s = e.streams[0] ?? new MediaStream([e.track]);
            /** @type {any} */ (window).__remoteStreams.push(s);
          });
        }
      }
      window.RTCPeerConnection = Tapped;
    });
    if (pageMic) await context.addInitScript(installPageMic);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    await page.goto(launchUrl);
    // /launch answers with a page that refreshes to / (a same-origin navigation carries the
    // SameSite=Strict cookie even when the browser was opened from a file).
    await page.waitForURL(new URL('/', launchUrl).href);
  } catch (e) {
    await stop();
    throw e;
  }
  return { sim: control, page, browser, ui, app, simProc: sim, stop, pageErrors, consoleLines, work, webhookPort, restUrl, keychainService: appEnv.DIALTONE_KEYCHAIN_SERVICE };
}

/**
 * Runs in the page before its scripts: getUserMedia hands out a WebAudio oscillator (APP_TONE_HZ)
 * behind a gain the test flips with `window.__mic.set(on)`, which returns the wall-clock time
 * (ms) of the flip. The browser's own audio processing is not in this path.
 */
function installPageMic() {
  const w = /** @type {any} */ (window);
  let ctx = null;
  let gain = null;
  let dest = null;
  const setUp = () => {
    if (ctx) return;
    ctx = new AudioContext({ sampleRate: 48000 });
    const osc = ctx.createOscillator();
    osc.frequency.value = 440;
    gain = ctx.createGain();
    gain.gain.value = 0.4;
    dest = ctx.createMediaStreamDestination();
    osc.connect(gain).connect(dest);
    osc.start();
  };
  const media = navigator.mediaDevices;
  media.getUserMedia = async () => {
    setUp();
    await ctx.resume();
    return new MediaStream([dest.stream.getAudioTracks()[0].clone()]);
  };
  w.__mic = {
    set(on) {
      setUp();
      gain.gain.setValueAtTime(on ? 0.4 : 0, ctx.currentTime);
      return performance.timeOrigin + performance.now();
    },
  };
}

/** What the page's newest peer connection negotiated: the answer's first audio codec, and getStats'. */
export async function pageCodecs(page) {
  return page.evaluate(async () => {
    const pcs = /** @type {any} */ (window).__pcs;
    const pc = pcs[pcs.length - 1];
    if (!pc) return { note: 'no peer connection' };
    const firstCodec = (sdp) => {
      const m = /^m=audio \d+ [^ ]+ (\d+)/m.exec(sdp ?? '');
      if (!m) return null;
      const map = new RegExp(`^a=rtpmap:${m[1]} ([^/\\s]+)`, 'm').exec(sdp);
      return map ? map[1] : null;
    };
    const stats = await pc.getStats();
    const codecs = new Map();
    const rtp = {};
    stats.forEach((r) => {
      if (r.type === 'codec') codecs.set(r.id, r.mimeType);
    });
    stats.forEach((r) => {
      if ((r.type === 'outbound-rtp' || r.type === 'inbound-rtp') && r.kind === 'audio') rtp[r.type] = codecs.get(r.codecId) ?? null;
    });
    return {
      local: firstCodec(pc.localDescription?.sdp),
      remote: firstCodec(pc.remoteDescription?.sdp),
      sending: rtp['outbound-rtp'] ?? null,
      receiving: rtp['inbound-rtp'] ?? null,
    };
  });
}

/**
 * Starts watching the newest remote stream for a tone of `hz`: every 256-sample block (5.3 ms)
 * is checked; a change (tone on or off) that holds for two blocks is recorded with the
 * wall-clock time of its first block in `window.__toneWatch.changes`.
 */
export async function watchPageTone(page, hz) {
  await page.evaluate(async (hz) => {
    const w = /** @type {any} */ (window);
    w.__toneWatch?.stop();
    const stream = w.__remoteStreams[w.__remoteStreams.length - 1];
    const el = new Audio();
    el.muted = true;
    el.srcObject = stream;
    await el.play().catch(() => {});
    const ctx = new AudioContext();
    await ctx.resume();
    const src = ctx.createMediaStreamSource(stream);
    const proc = ctx.createScriptProcessor(256, 1, 1);
    const coeff = 2 * Math.cos((2 * Math.PI * hz) / ctx.sampleRate);
    const watch = { changes: [], on: null, pending: null, stop: () => {} };
    proc.onaudioprocess = (e) => {
      const t = performance.timeOrigin + performance.now();
      const x = e.inputBuffer.getChannelData(0);
      let s1 = 0, s2 = 0, energy = 0;
      for (let i = 0; i < x.length; i++) {
        const s0 = x[i] + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
        energy += x[i] * x[i];
      }
      const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
      // A pure tone at hz gives a ratio near 1 (power ≈ (A·N/2)², energy = A²·N/2).
      const on = energy / x.length > 1e-5 && (2 * power) / (x.length * energy) > 0.3;
      if (on === watch.on) {
        watch.pending = null;
      } else if (watch.pending && watch.pending.on === on) {
        watch.changes.push(watch.pending);
        watch.on = on;
        watch.pending = null;
      } else {
        watch.pending = { on, t };
      }
    };
    src.connect(proc);
    proc.connect(ctx.destination);
    let stopped = false;
    watch.stop = () => {
      if (stopped) return;
      stopped = true;
      proc.disconnect();
      src.disconnect();
      ctx.close().catch(() => {});
      el.srcObject = null;
    };
    w.__toneWatch = watch;
  }, hz);
}

/** The page watcher's first change to `on` at or after wall-clock time `since`. */
export async function pageToneChange(page, on, since, { timeout = 15000, what = 'a tone change on the page' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const changes = await page.evaluate(() => /** @type {any} */ (window).__toneWatch?.changes ?? []);
    const hit = changes.find((c) => c.on === on && c.t >= since);
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(changes.slice(-5))}`);
    await sleep(50);
  }
}

/** CPU time (s) of every Chromium process, from the DevTools protocol (SystemInfo.getProcessInfo). */
export async function chromiumCpu(browser) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    return processInfo.map((p) => ({ type: p.type, id: p.id, cpu: p.cpuTime }));
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Percent of one core each process type used between two `chromiumCpu` readings `ms` apart. */
export function cpuPercent(before, after, ms) {
  const out = {};
  for (const p of after) {
    const was = before.find((b) => b.id === p.id)?.cpu ?? 0;
    out[p.type] = (out[p.type] ?? 0) + ((p.cpu - was) * 1000 * 100) / ms;
  }
  out.total = Object.values(out).reduce((a, b) => a + b, 0);
  for (const k of Object.keys(out)) out[k] = Math.round(out[k] * 10) / 10;
  return out;
}

/** Dominant frequency the page hears on the newest remote stream (analyser on the remote track). */
export async function pageHears(page, ms = 600) {
  return page.evaluate(async (ms) => {
    const streams = /** @type {any} */ (window).__remoteStreams;
    const stream = streams[streams.length - 1];
    if (!stream) return { freq: null, db: -Infinity, note: 'no remote stream' };
    // Chrome only feeds WebAudio from a remote WebRTC stream once an element plays it.
    const el = new Audio();
    el.muted = true;
    el.srcObject = stream;
    await el.play().catch(() => {});
    const ctx = new AudioContext();
    await ctx.resume();
    const src = ctx.createMediaStreamSource(stream);
    const an = ctx.createAnalyser();
    an.fftSize = 8192;
    src.connect(an);
    await new Promise((r) => setTimeout(r, ms));
    const bins = new Float32Array(an.frequencyBinCount);
    an.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
    const out = { freq: (best * ctx.sampleRate) / an.fftSize, db: bins[best] };
    await ctx.close();
    el.srcObject = null;
    return out;
  }, ms);
}
