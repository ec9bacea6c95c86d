// @ts-check
// Protocol smoke check without the app: the bare Voice SDK bundle in Chromium against the simulator,
// with a throwaway webhook in this process. `node tests/e2e/sdk-smoke.mjs`
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREDS, REPO, SIM_PORT, Sim, freePort, pageHears, sleep, writeToneWav } from './harness.mjs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
const { chromium } = createRequire(new URL('../../ui/package.json', import.meta.url))('playwright-core');

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(identity, ttl = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const h = b64({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
  const p = b64({ jti: `${CREDS.TWILIO_API_KEY_SID}-${now}`, iss: CREDS.TWILIO_API_KEY_SID, sub: CREDS.TWILIO_ACCOUNT_SID, exp: now + ttl,
    grants: { identity, voice: { incoming: { allow: true }, outgoing: { application_sid: CREDS.TWIML_APP_SID } } } });
  const s = createHmac('sha256', CREDS.TWILIO_API_KEY_SECRET).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${s}`;
}
const sdk = readFileSync(join(REPO, 'ui/node_modules/@twilio/voice-sdk/dist/twilio.min.js'));
const webhookPort = await freePort();
const pagePort = await freePort();
const http = createServer((req, res) => {
  if (req.url === '/twilio.min.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(sdk);
  if (req.url === '/handle_calls') {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const f = new URLSearchParams(body);
      console.log('webhook', Object.fromEntries(f));
      const xml = f.get('From')?.startsWith('client:')
        ? `<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" callerId="${CREDS.TWILIO_NUMBER}"><Number>${f.get('To')}</Number></Dial></Response>`
        : `<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" callerId="${f.get('From')}"><Client>alice</Client></Dial></Response>`;
      res.writeHead(200, { 'content-type': 'text/xml' }).end(xml);
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/twilio.min.js"></script>');
});
http.listen(webhookPort, '127.0.0.1');
const http2 = createServer((req, res) => http.emit('request', req, res)).listen(pagePort, '127.0.0.1');

const simBin = join(REPO, 'target/sim/debug/twilio-sim');
const sp = spawn(simBin, ['--port', String(SIM_PORT)], { env: { ...process.env, ...CREDS, SIM_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/handle_calls` }, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((r) => sp.stdout.on('data', (d) => { const m = String(d).match(/"control_port":(\d+)/); if (m) r(m[1]); }));
const sim = new Sim(`http://127.0.0.1:${port}`);
writeToneWav('/tmp/sim-smoke.wav', 440);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--use-file-for-fake-audio-capture=/tmp/sim-smoke.wav', '--ignore-certificate-errors', '--autoplay-policy=no-user-gesture-required'] });
const ctx = await browser.newContext();
await ctx.addInitScript(() => { const O = window.RTCPeerConnection; window.__remoteStreams = []; window.RTCPeerConnection = class extends O { constructor(...a) { super(...a); this.addEventListener('track', (e) => window.__remoteStreams.push(e.streams[0])); } }; });
const page = await ctx.newPage();
page.on('console', (m) => console.log('page:', m.text().slice(0, 300)));
await page.goto(`http://127.0.0.1:${pagePort}/`);
try {
  await page.evaluate(async ({ tok, port }) => {
    const d = new Twilio.Device(tok, { chunderw: `127.0.0.1:${port}`, eventgw: `127.0.0.1:${port}`, logLevel: 'warn' });
    window.dev = d;
    d.on('error', (e) => console.log('device error', e.code, e.message));
    await d.register();
  }, { tok: token('alice'), port: SIM_PORT });
  console.log('registered', await sim.get('/registrations'));
  await page.evaluate(async () => {
    const call = await window.dev.connect({ params: { To: '+15557654321' } });
    window.call = call;
    call.on('ringing', () => console.log('ringing'));
    await new Promise((r, j) => { call.on('accept', r); call.on('error', j); call.on('disconnect', j); });
  });
  console.log('accepted');
  const calls = await sim.get('/calls');
  const sid = calls[0].call_sid;
  await sleep(2000);
  console.log('sim hears', JSON.stringify((await sim.call(sid, 4)).media));
  console.log('page hears', await pageHears(page));
  await page.evaluate(() => window.call.sendDigits('12#'));
  await sleep(1500);
  console.log('dtmf events', (await sim.events()).filter((e) => e.kind === 'dtmf').map((e) => e.digit + e.via));
  await page.evaluate(() => window.call.disconnect());
  await sleep(500);
  // inbound
  await page.evaluate(() => { window.dev.on('incoming', (c) => { window.inc = c; console.log('incoming from', c.parameters.From); c.accept(); }); });
  await sim.post('/inbound', { from: '+15559876543' });
  await sim.waitEvent((e) => e.kind === 'answered' && e.by === 'app');
  const c2 = (await sim.get('/calls')).find((c) => c.direction === 'to-app');
  await sleep(2000);
  console.log('inbound sim hears', JSON.stringify((await sim.call(c2.call_sid, 4)).media?.windows));
  console.log('inbound page hears', await pageHears(page));
} catch (e) {
  console.log('FAILED', e);
  console.log((await sim.events()).map((e) => JSON.stringify(e).slice(0, 200)).join('\n'));
}
await browser.close();
sp.kill();
http.close(); http2.close();
