// Measures what scripts/footprint.sh reports. Run under Xvfb with DIALTONE_BIN (a release build)
// and DIALTONE_BROWSER (a Chromium command; footprint-chromium.sh adds what running as root
// and without a microphone need).
//
// What a Linux user runs: `dialtone`, which opens the calling window in Chromium itself. Both
// sides are whole process trees (PSS, so pages shared between processes count once):
// - Dialtone: the dialtone process and everything below it (Chromium with its own profile, its
//   zygote, renderer, GPU and utility processes; WebKit's processes if an app window opened);
// - Chromium alone: the same Chromium command line (read from the app's own Chromium) on the
//   same page, served by `dialtone phone --no-open`, which is not counted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const app = process.env.DIALTONE_BIN;
const browser = process.env.DIALTONE_BROWSER;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const work = mkdtempSync(join(tmpdir(), 'dialtone-footprint-'));
const env = {
  ...process.env,
  DIALTONE_CONFIG_DIR: join(work, 'config'),
  DIALTONE_DATA_DIR: join(work, 'data'),
  DIALTONE_KEYCHAIN_SERVICE: `dialtone-footprint-${process.pid}`,
  // No session bus: settings come from the environment, nothing else on this machine is reached.
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  TWILIO_API_KEY_SID: 'SK0123456789abcdef0123456789abcdef',
  TWILIO_API_KEY_SECRET: 'an-api-key-secret',
  TWIML_APP_SID: 'AP0123456789abcdef0123456789abcdef',
  TWILIO_NUMBER: '+15551234567',
  DIALTONE_PUBLIC_URL: 'https://abc123.ngrok.app/handle_calls',
  RUST_LOG: 'info',
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

const comm = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
};

/** `name: MiB` for each process, largest first. */
const names = (pids) =>
  pids
    .map((p) => [comm(p), pss([p])])
    .sort((a, b) => b[1] - a[1])
    .map(([name, kib]) => `${name}: ${(kib / 1024).toFixed(1)} MiB`);

/** Ends a whole process tree and waits for it (10 s at most). */
async function endTree(pid) {
  const pids = tree(pid);
  for (const p of pids) {
    try { process.kill(p, 'SIGTERM'); } catch { /* gone */ }
  }
  for (let i = 0; i < 100 && pids.some((p) => { try { process.kill(p, 0); return true; } catch { return false; } }); i++) await sleep(100);
  for (const p of pids) {
    try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
  }
}

/** Starts `dialtone` and resolves once the calling window's page has connected. */
async function launchApp(extraEnv = {}) {
  const t0 = performance.now();
  const child = spawn(app, [], { cwd: work, env: { ...env, DIALTONE_PORT: String(await freePort()), DIALTONE_PHONE_PORT: String(await freePort()), ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the calling window did not connect within 60 s:\n${log}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      if (log.includes("the calling window's page connected")) {
        clearTimeout(timer);
        done(undefined);
      }
    });
    child.once('exit', (code) => fail(new Error(`dialtone exited with ${code}:\n${log}`)));
  });
  return { child, ms: performance.now() - t0, log: () => log };
}

async function measureApp() {
  const starts = [];
  let memory = null;
  let chromiumArgs = null;
  for (let run = 0; run < runs; run++) {
    const launched = await launchApp();
    starts.push(launched.ms);
    if (run === runs - 1) {
      memory = await settledPss(launched.child.pid);
      const browserPid = tree(launched.child.pid).find((p) => p !== launched.child.pid && /chrom/.test(comm(p)));
      if (browserPid) {
        // Chromium rewrites its command line area as one space-separated string.
        const raw = readFileSync(`/proc/${browserPid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        chromiumArgs = raw.length === 1 ? (raw[0] ?? '').split(' ').filter(Boolean) : raw;
      }
    }
    await endTree(launched.child.pid);
  }
  return { starts, memory, chromiumArgs };
}

/** Chromium alone, with the app's Chromium command line on a fresh profile and the same page. */
async function measureChromium(chromiumArgs) {
  const server = spawn(app, ['phone', '--no-open', '--port', '0'], { cwd: work, env: { ...env, DIALTONE_PORT: String(await freePort()), DIALTONE_PHONE_PORT: String(await freePort()) }, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((done) => server.stdout.once('data', (d) => done(String(d).trim().split('\n')[0])));
  const profile = mkdtempSync(join(tmpdir(), 'dialtone-footprint-chromium-'));
  const [program, ...rest] = chromiumArgs;
  const args = rest.map((a) => (a.startsWith('--app=') ? `--app=${url}` : a.startsWith('--user-data-dir=') ? `--user-data-dir=${profile}` : a));
  const chromium = spawn(program, args, { stdio: 'ignore' });
  const memory = await settledPss(chromium.pid);
  await endTree(chromium.pid);
  server.kill();
  return { ...memory, command: [program, ...args].join(' ').replace(/key=[^ ]+/, 'key=…') };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const appResult = await measureApp();
if (!appResult.chromiumArgs) throw new Error(`no Chromium below dialtone (DIALTONE_BROWSER=${browser}): ${JSON.stringify(appResult.memory)}`);
const chromium = await measureChromium(appResult.chromiumArgs);
const extra = (appResult.memory.kib - chromium.kib) / 1024;
console.log(JSON.stringify({ starts_ms: appResult.starts.map(Math.round), app: appResult.memory, chromium }, null, 1));
console.log(`cold start to a connected calling window: first ${Math.round(appResult.starts[0])} ms, median ${Math.round(median(appResult.starts))} ms over ${runs} launches`);
console.log(`idle PSS: Dialtone with its calling window ${(appResult.memory.kib / 1024).toFixed(1)} MiB (${appResult.memory.processes.length} processes, settled after ${appResult.memory.settledAfterS} s) vs Chromium alone on the same page ${(chromium.kib / 1024).toFixed(1)} MiB (${chromium.processes.length} processes, settled after ${chromium.settledAfterS} s): Dialtone adds ${extra.toFixed(1)} MiB (goal: at most 80)`);
