// The desktop integration of the real app (target/debug/dialtone) under Xvfb, in the private
// test session (its own D-Bus, HOME and gnome-keyring; scripts/test.sh runs it there):
// - one Dialtone per session: a second launch hands over to the first and exits;
// - `dialtone call|answer|hangup|mute` reach it over the session bus, and the number lands in
//   the calling window's dial pad, also when that window was closed first;
// - `xdg-open tel:…` and `callto:…` reach it through the desktop entry of the built package,
//   registered with xdg-mime in temporary XDG folders;
// - global shortcuts pressed with xdotool reach the phone, and one that another X client holds
//   is reported next to its setting;
// - Linux has one phone window: the calling window opens at start and no app window beside it;
//   a crashed calling window is reopened, and so is one whose page crashed while the browser
//   ran on; closing it quits the app (without a tray), and a browser that cannot start opens
//   the app window instead; its browser files nothing in the keyring.
// The calling window runs in the stand-in Chromium (tests/window/headless-browser.sh); the test
// reads the page through the DevTools protocol.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const { chromium } = createRequire(join(root, 'ui/package.json'))('playwright-core');
const app = process.env.DIALTONE_BIN ?? join(root, 'target/debug/dialtone');
const BUS_NAME = 'app.dialtone.phone.SingleInstance';

const creds = {
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  TWILIO_API_KEY_SID: 'SK0123456789abcdef0123456789abcdef',
  TWILIO_API_KEY_SECRET: 'an-api-key-secret',
  TWIML_APP_SID: 'AP0123456789abcdef0123456789abcdef',
  TWILIO_NUMBER: '+15551234567',
  DIALTONE_PUBLIC_URL: 'https://abc123.ngrok.app/handle_calls',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it returns something truthy; fails after `timeoutMs`. */
async function until(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Runs a command to its end (30 s at most); resolves to its exit code and output. */
function run(command, args, env = processEnv) {
  return new Promise((done) => {
    execFile(command, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (error.code ?? 'killed') : 0, stdout, stderr });
    });
  });
}

let work;
let processEnv;
let first;
let firstLog = '';
let holder;
let cdpPort;
let cdp;

const browserPidFile = () => join(work, 'browser.pid');

/** The calling window's page in the stand-in Chromium, once it shows the dial pad. */
async function phonePage() {
  return until('the calling window in Chromium', async () => {
    if (!cdp?.isConnected()) {
      cdp = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`, { timeout: 5_000 });
    }
    for (const context of cdp.contexts()) {
      for (const page of context.pages()) {
        if (/^http:\/\/127\.[0-9.]+:[0-9]+\/$/.test(page.url()) && (await page.locator('#number').count()) > 0) return page;
      }
    }
    return null;
  }, 60_000);
}

const padNumber = async () => (await phonePage()).locator('#number').inputValue();
// textContent: the log sits in the folded Diagnostics section, where innerText is empty.
const pageLog = async () => (await phonePage()).locator('.log-list').textContent();
const count = (text, needle) => text.split(needle).length - 1;

async function busNameOwned() {
  const { stdout } = await run('dbus-send', ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${BUS_NAME}`]);
  return stdout.includes('true');
}

function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Ends the stand-in browser, as closing the calling window does. */
async function closeBrowser() {
  await cdp?.close().catch(() => undefined);
  cdp = null;
  if (!existsSync(browserPidFile())) return;
  const pid = Number(readFileSync(browserPidFile(), 'utf8'));
  rmSync(browserPidFile());
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  await until('the browser to stop', () => !alive(pid), 15_000);
}

before(async () => {
  assert.ok(existsSync(app), `the app is not built: ${app}`);
  assert.ok(process.env.DIALTONE_TEST_SESSION && process.env.DBUS_SESSION_BUS_ADDRESS, 'run inside the private test session (scripts/test-session.sh; scripts/test.sh does)');
  assert.ok(process.env.DISPLAY, 'run under Xvfb (scripts/test.sh uses xvfb-run)');
  assert.equal(await busNameOwned(), false, `another Dialtone already owns ${BUS_NAME} on this bus`);
  work = mkdtempSync(join(tmpdir(), 'dialtone-desktop-'));
  cdpPort = await freePort();

  // Another program holds Ctrl+Alt+H before Dialtone starts.
  // Debian's python3 (python3-xlib is installed for it, not for any other python on PATH).
  holder = spawn('/usr/bin/python3', [join(import.meta.dirname, 'hold-shortcut.py'), 'ctrl+alt+h'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((done, fail) => {
    holder.stdout.on('data', (chunk) => String(chunk).includes('grabbed') && done(undefined));
    holder.on('exit', (code) => fail(new Error(`hold-shortcut.py exited with ${code}`)));
  });

  processEnv = {
    ...process.env,
    ...creds,
    DIALTONE_CONFIG_DIR: join(work, 'config'),
    DIALTONE_DATA_DIR: join(work, 'data'),
    DIALTONE_KEYCHAIN_SERVICE: `dialtone-desktop-test-${process.pid}`,
    DIALTONE_PORT: String(await freePort()),
    DIALTONE_PHONE_PORT: String(await freePort()),
    DIALTONE_BROWSER: join(root, 'tests/window/headless-browser.sh'),
    DIALTONE_TEST_BROWSER_PIDFILE: browserPidFile(),
    DIALTONE_TEST_BROWSER_CDP_PORT: String(cdpPort),
    DIALTONE_SHORTCUT_ANSWER: 'ctrl+alt+a',
    DIALTONE_SHORTCUT_HANG_UP: 'ctrl+alt+h',
    DIALTONE_SHORTCUT_MUTE: 'ctrl+alt+m',
    RUST_LOG: 'info',
  };
  first = spawn(app, [], { env: processEnv, stdio: ['ignore', 'inherit', 'pipe'] });
  first.stderr.on('data', (chunk) => {
    firstLog += chunk;
    process.stderr.write(chunk);
  });
  await until(`the app to own ${BUS_NAME}`, busNameOwned);
  await phonePage();
});

after(async () => {
  await closeBrowser();
  if (first && first.exitCode === null) {
    const exited = new Promise((done) => first.once('exit', done));
    first.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
  }
  holder?.stdin.end();
  holder?.kill();
  // A browser the app opened may still be writing its profile for a moment.
  if (work) rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

test('a second launch hands over to the first and exits', async () => {
  const second = await run(app, []);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(first.exitCode, null, 'the first one still runs');
  await until('the first to come forward', () => firstLog.includes('another launch of Dialtone: bringing this one forward'));
});

test('dialtone call puts the number in the dial pad, where it waits for Call', async () => {
  const call = await run(app, ['call', '+1', '(555)', '765-4321']);
  assert.equal(call.code, 0, call.stderr);
  assert.equal(await until('the number in the dial pad', async () => (await padNumber()) === '+15557654321' && 'yes'), 'yes');
  await until('the page to say it waits', async () => (await pageLog()).includes('Another program handed over +1 (555) 765-4321: press Call to dial it.'));
  const refused = await run(app, ['call', '1-800-FLOWERS']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /holds 'F'/);
});

test('dialtone answer, hangup and mute reach the phone', async () => {
  for (const [command, said] of [
    ['answer', 'Asked to answer, but no call is ringing.'],
    ['hangup', 'Asked to hang up, but there is no call.'],
    ['mute', 'Asked to mute, but there is no call in progress.'],
  ]) {
    const before = count(await pageLog(), said);
    const result = await run(app, [command]);
    assert.equal(result.code, 0, `${command}: ${result.stderr}`);
    await until(`${command} to reach the page`, async () => count(await pageLog(), said) > before);
  }
});

test('global shortcuts pressed on the X display reach the phone', async () => {
  for (const [keys, said] of [
    ['ctrl+alt+a', 'Asked to answer, but no call is ringing.'],
    ['ctrl+alt+m', 'Asked to mute, but there is no call in progress.'],
  ]) {
    const before = count(await pageLog(), said);
    const pressed = await run('xdotool', ['key', keys]);
    assert.equal(pressed.code, 0, pressed.stderr);
    await until(`${keys} to reach the page`, async () => count(await pageLog(), said) > before);
  }
});

test('a shortcut another program holds is reported next to its setting, and nothing crashes', async () => {
  const page = await phonePage();
  const status = await page.evaluate(async () => (await fetch('/api/settings')).json());
  const byName = Object.fromEntries(status.fields.map((f) => [f.name, f]));
  assert.match(byName.shortcut_hang_up.problem ?? '', /Ctrl\+Alt\+H is taken by another program/);
  assert.equal(byName.shortcut_answer.problem, null, 'the free ones are active');
  assert.equal(byName.shortcut_mute.problem, null);
  assert.equal(first.exitCode, null);
});

test('xdg-open tel: and callto: links reach the running app through the packaged desktop entry', async () => {
  const debs = readdirSync(join(root, 'target/debug/bundle/deb')).filter((f) => f.endsWith('.deb'));
  const deb = process.env.DIALTONE_DEB ?? (debs[0] && join(root, 'target/debug/bundle/deb', debs[0]));
  assert.ok(deb && existsSync(deb), 'build the package first: scripts/package.sh --debug');
  const extracted = join(work, 'deb');
  assert.equal((await run('dpkg-deb', ['-x', deb, extracted])).code, 0);
  // The entry exactly as packaged (Exec=dialtone %u), found on PATH as an installed one would be.
  const xdg = { data: join(work, 'xdg/data'), config: join(work, 'xdg/config'), bin: join(work, 'bin') };
  mkdirSync(join(xdg.data, 'applications'), { recursive: true });
  mkdirSync(xdg.config, { recursive: true });
  mkdirSync(xdg.bin, { recursive: true });
  copyFileSync(join(extracted, 'usr/share/applications/Dialtone.desktop'), join(xdg.data, 'applications/Dialtone.desktop'));
  symlinkSync(app, join(xdg.bin, 'dialtone'));
  const env = {
    ...processEnv,
    PATH: `${xdg.bin}:${process.env.PATH}`,
    XDG_DATA_HOME: xdg.data,
    XDG_CONFIG_HOME: xdg.config,
    XDG_DATA_DIRS: join(work, 'none'),
    XDG_CONFIG_DIRS: join(work, 'none'),
  };
  // Generic mode (no desktop environment named), as under a bare window manager.
  for (const name of ['XDG_CURRENT_DESKTOP', 'DESKTOP_SESSION', 'BROWSER', 'KDE_FULL_SESSION', 'GNOME_DESKTOP_SESSION_ID']) delete env[name];
  for (const scheme of ['tel', 'callto']) {
    assert.equal((await run('xdg-mime', ['default', 'Dialtone.desktop', `x-scheme-handler/${scheme}`], env)).code, 0);
    const query = await run('xdg-mime', ['query', 'default', `x-scheme-handler/${scheme}`], env);
    assert.equal(query.stdout.trim(), 'Dialtone.desktop');
  }
  for (const [link, number] of [
    ['tel:+1-555-000-1111', '+15550001111'],
    ['callto://+447700900123', '+447700900123'],
  ]) {
    const opened = await run('xdg-open', [link], env);
    assert.equal(opened.code, 0, `xdg-open ${link}: ${opened.stderr}`);
    await until(`${link} in the dial pad`, async () => (await padNumber()) === number);
  }
});

/** Whether a mapped X window titled exactly "Dialtone" (the app window; Chromium's is headless here) is on the display. */
async function appWindowOnDisplay() {
  return (await run('xdotool', ['search', '--onlyvisible', '--name', '^Dialtone$'])).stdout.trim() !== '';
}

async function nameOwned(name) {
  const { stdout } = await run('dbus-send', ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`]);
  return stdout.includes('true');
}

test('Linux has one phone window: the calling window, and no Dialtone window beside it', async () => {
  await phonePage();
  assert.equal(await appWindowOnDisplay(), false, 'the app window was not opened');
});

test("the calling window's browser leaves the keyring alone (no Chromium Safe Storage item)", async () => {
  await phonePage();
  // Chromium files this item at its first start unless told --password-store=basic.
  const search = await run('secret-tool', ['search', '--all', 'application', 'chromium']);
  assert.equal(`${search.stdout}${search.stderr}`.includes('Chromium Safe Storage'), false, search.stdout);
});

test('a calling window that crashes is opened again by the app', async () => {
  await phonePage();
  const pid = Number(readFileSync(browserPidFile(), 'utf8'));
  await cdp?.close().catch(() => undefined);
  cdp = null;
  process.kill(pid, 'SIGKILL');
  await until('the app to reopen it', () => /stopped \(signal: 9 .*: opening the calling window again/.test(firstLog));
  await until('a new browser', () => existsSync(browserPidFile()) && Number(readFileSync(browserPidFile(), 'utf8')) !== pid);
  await phonePage();
  assert.equal(await appWindowOnDisplay(), false, 'still no app window');
});

test('a calling window whose page crashes while the browser runs on is opened again', async () => {
  const page = await phonePage();
  const pid = Number(readFileSync(browserPidFile(), 'utf8'));
  const disconnects = count(firstLog, "the calling window's page disconnected");
  // The renderer dies; the browser process stays (Chromium shows "Aw, Snap!"). The command
  // gets no answer from a dead renderer, so it is not awaited.
  const session = await page.context().newCDPSession(page);
  session.send('Page.crash').catch(() => undefined);
  await until('the page to be gone', () => count(firstLog, "the calling window's page disconnected") > disconnects);
  assert.ok(alive(pid), 'the browser still runs after its page crashed');
  await cdp?.close().catch(() => undefined);
  cdp = null;
  await until('the app to restart the browser', () => firstLog.includes('while its browser still runs (the tab crashed or was closed): restarting the browser'), 60_000);
  await until('a new browser', () => existsSync(browserPidFile()) && Number(readFileSync(browserPidFile(), 'utf8')) !== pid);
  await phonePage();
  assert.equal(await appWindowOnDisplay(), false, 'still no app window');
});

test('closing the calling window quits the app when no tray keeps it (with one, a number reopens it)', async () => {
  const disconnects = count(firstLog, "the calling window's page disconnected");
  // Chromium answers SIGTERM as it answers the window's close button: exit status 0.
  await closeBrowser();
  await until('the app to see the window closed', () => count(firstLog, "the calling window's page disconnected") > disconnects);
  if (!(await nameOwned('org.kde.StatusNotifierWatcher'))) {
    const code = await until('the app to quit', () => first.exitCode !== null && { code: first.exitCode });
    assert.equal(code.code, 0);
    assert.ok(firstLog.includes('the calling window was closed and no tray is shown: quitting'));
    return;
  }
  const call = await run(app, ['call', '+15552223333']);
  assert.equal(call.code, 0, call.stderr);
  await until('the calling window to open again', () => firstLog.includes('the calling window is closed: opening it for the number'));
  assert.equal(await until('the number in the new window', async () => (await padNumber()) === '+15552223333' && 'yes', 60_000), 'yes');
});

test('a browser that cannot start: the Dialtone window opens instead and says why', async () => {
  if (first.exitCode === null) {
    const exited = new Promise((done) => first.once('exit', done));
    first.kill('SIGTERM');
    await exited;
  }
  await until(`${BUS_NAME} to be free`, async () => !(await busNameOwned()));
  let log = '';
  const broken = spawn(app, [], { env: { ...processEnv, DIALTONE_BROWSER: '/bin/false' }, stdio: ['ignore', 'ignore', 'pipe'] });
  broken.stderr.on('data', (chunk) => (log += chunk));
  try {
    await until('the app window', appWindowOnDisplay);
    assert.match(log, /false could not start the calling window/);
  } finally {
    const exited = new Promise((done) => broken.once('exit', done));
    broken.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
  }
});
