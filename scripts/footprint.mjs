// Measures what scripts/footprint.sh reports. Run under Xvfb with TAURI_DRIVER and DIALTONE_BIN.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const app = process.env.DIALTONE_BIN;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const work = mkdtempSync(join(tmpdir(), 'dialtone-footprint-'));
const env = {
  ...process.env,
  DIALTONE_CONFIG_DIR: join(work, 'config'),
  DIALTONE_DATA_DIR: join(work, 'data'),
  DIALTONE_KEYCHAIN_SERVICE: `dialtone-footprint-${process.pid}`,
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
  DIALTONE_BROWSER: 'none',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  TWILIO_API_KEY_SID: 'SK0123456789abcdef0123456789abcdef',
  TWILIO_API_KEY_SECRET: 'an-api-key-secret',
  TWIML_APP_SID: 'AP0123456789abcdef0123456789abcdef',
  TWILIO_NUMBER: '+15551234567',
  DIALTONE_PUBLIC_URL: 'https://abc123.ngrok.app/handle_calls',
  RUST_LOG: 'warn',
};

function freePort() {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/** Every process below `pid`, `pid` included. */
function tree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* gone */ }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

/** Proportional set size in KiB, summed over processes: shared pages counted once overall. */
function pss(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (m) total += Number(m[1]);
    } catch { /* gone */ }
  }
  return total;
}

/**
 * PSS of the process tree below `pid` once it has settled: sampled every second until three
 * samples in a row lie within 2% of each other (at most 60 s). A fixed wait measured one side
 * still loading on a busy machine and the other already idle.
 */
async function settledPss(pid) {
  const samples = [];
  for (let i = 0; i < 60; i++) {
    await sleep(1000);
    samples.push(pss(tree(pid)));
    const last = samples.slice(-3);
    if (last.length === 3 && Math.max(...last) - Math.min(...last) <= 0.02 * Math.max(...last)) break;
  }
  const pids = tree(pid);
  return { kib: pss(pids), processes: names(pids), settledAfterS: samples.length };
}

/** `name: MiB` for each process, largest first. */
const names = (pids) =>
  pids
    .map((p) => {
      let name = '?';
      try { name = readFileSync(`/proc/${p}/comm`, 'utf8').trim(); } catch { /* gone */ }
      return [name, pss([p])];
    })
    .sort((a, b) => b[1] - a[1])
    .map(([name, kib]) => `${name}: ${(kib / 1024).toFixed(1)} MiB`);

async function measureApp() {
  const port = await freePort();
  const driver = spawn(process.env.TAURI_DRIVER, ['--port', String(port), '--native-port', String(await freePort())], { cwd: work, env: { ...env, DIALTONE_PORT: String(await freePort()) }, stdio: 'ignore' });
  const wd = async (method, path, body) => {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    return (await r.json()).value;
  };
  for (let i = 0; i < 100; i++) { try { if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) break; } catch { /* not yet */ } await sleep(50); }
  const starts = [];
  let memory = null;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const { sessionId } = await wd('POST', '/session', { capabilities: { alwaysMatch: { 'tauri:options': { application: app } } } });
    // Interactive: the phone screen is showing and the page has finished loading.
    for (;;) {
      const screen = await wd('POST', `/session/${sessionId}/execute/sync`, { script: "return document.readyState === 'complete' && document.querySelector('[data-screen]')?.dataset.screen || null", args: [] });
      if (screen && screen !== 'settings') break;
      await sleep(5);
    }
    starts.push(performance.now() - t0);
    if (run === runs - 1) {
      const pid = Number(execFileSync('pgrep', ['-n', '-f', app], { encoding: 'utf8' }).trim());
      memory = await settledPss(pid);
    }
    await wd('DELETE', `/session/${sessionId}`);
    await sleep(500);
  }
  driver.kill();
  return { starts, memory };
}

async function measureChromium() {
  const server = spawn(app, ['phone', '--no-open', '--port', '0'], { cwd: work, env: { ...env, DIALTONE_PORT: String(await freePort()) }, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((done) => server.stdout.once('data', (d) => done(String(d).trim().split('\n')[0])));
  const profile = mkdtempSync(join(tmpdir(), 'dialtone-footprint-chromium-'));
  const chromium = spawn('/usr/bin/chromium', [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', '--no-sandbox',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=400,720',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'], { stdio: 'ignore' });
  const memory = await settledPss(chromium.pid);
  chromium.kill();
  server.kill();
  return memory;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const appResult = await measureApp();
const chromium = await measureChromium();
const ratio = appResult.memory.kib / chromium.kib;
console.log(JSON.stringify({ starts_ms: appResult.starts.map(Math.round), app: appResult.memory, chromium }, null, 1));
console.log(`cold start to interactive phone screen: first ${Math.round(appResult.starts[0])} ms, median ${Math.round(median(appResult.starts))} ms over ${runs} launches (WebDriver session start included)`);
console.log(`idle PSS: app + WebKit ${(appResult.memory.kib / 1024).toFixed(1)} MiB (${appResult.memory.processes.length} processes, settled after ${appResult.memory.settledAfterS} s) vs Chromium --app ${(chromium.kib / 1024).toFixed(1)} MiB (${chromium.processes.length} processes, settled after ${chromium.settledAfterS} s): ratio ${ratio.toFixed(2)}`);
