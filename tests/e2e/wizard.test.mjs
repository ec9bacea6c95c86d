// @ts-check
// Zero-console set-up, end to end: from an empty keychain and no credentials at all, the set-up
// wizard in the real UI (the calling window in Chromium, real Voice SDK) sets up the simulator's
// account through its REST API; then a call goes out and one comes in, with no value copied by
// hand. The tunnel is found through a stand-in ngrok agent; when it restarts on a new URL, the
// TwiML App follows and calls keep working. Runs in the private test session (its own
// gnome-keyring): scripts/test-session.sh tests/e2e/run.sh wizard.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { CREDS, startStack } from './harness.mjs';

/** The ngrok agent's local API (`GET /api/tunnels`), as ngrok v3 answers it. */
const tunnel = { publicUrl: 'https://e2e-first.ngrok-free.app', port: 0 };
const agent = createServer((req, res) => {
  if (req.url !== '/api/tunnels') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      tunnels: tunnel.port
        ? [{ name: 'command_line', uri: '/api/tunnels/command_line', public_url: tunnel.publicUrl, proto: 'https', config: { addr: `http://localhost:${tunnel.port}`, inspect: true }, metrics: {} }]
        : [],
      uri: '/api/tunnels',
    }),
  );
});

/** @type {Awaited<ReturnType<typeof startStack>>} */
let s;

/** @param {string} path */
const rest = async (path) => {
  const auth = Buffer.from(`${CREDS.TWILIO_ACCOUNT_SID}:${CREDS.TWILIO_AUTH_TOKEN}`).toString('base64');
  const r = await fetch(`${s.restUrl}/2010-04-01/Accounts/${CREDS.TWILIO_ACCOUNT_SID}${path}`, { headers: { Authorization: `Basic ${auth}` } });
  return r.json();
};

before(async () => {
  await new Promise((ok) => agent.listen(0, '127.0.0.1', () => ok(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (agent.address());
  s = await startStack({ wizard: { ngrokApi: `http://127.0.0.1:${address.port}` } });
  // The tunnel forwards to the webhook listener's port, as `ngrok http PORT` would.
  tunnel.port = s.webhookPort;
});

after(async () => {
  await s?.stop();
  agent.close();
});

describe('zero-console set-up against the Twilio simulator', () => {
  test('the wizard sets the account up from two values and a click', async () => {
    const { page } = s;
    // First launch: Settings, with the wizard, in the calling window itself.
    await page.getByRole('heading', { name: 'Connect your Twilio account' }).waitFor({ timeout: 20000 });
    await page.locator('#status-pill').getByText('Setup needed').waitFor();
    const before = await rest('/Applications.json');
    assert.equal(before.applications.length, 0, 'no TwiML App yet');

    await page.getByLabel('Twilio Account SID').fill(CREDS.TWILIO_ACCOUNT_SID);
    await page.getByLabel('Twilio Auth Token').fill(CREDS.TWILIO_AUTH_TOKEN);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Step 2 of 2').waitFor({ timeout: 20000 });
    // The only number is proposed; the tunnel was found.
    assert.equal(await page.getByRole('radio', { name: new RegExp(`\\${CREDS.TWILIO_NUMBER}`) }).isChecked(), true);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('heading', { name: 'Your phone is ready' }).waitFor({ timeout: 30000 });
    await page.getByText(`Twilio calls ${tunnel.publicUrl}/handle_calls.`).waitFor();

    // What the account holds now.
    const apps = (await rest('/Applications.json')).applications;
    assert.equal(apps.length, 1);
    assert.equal(apps[0].voice_url, `${tunnel.publicUrl}/handle_calls`);
    assert.equal(apps[0].voice_method, 'POST');
    const numbers = (await rest('/IncomingPhoneNumbers.json')).incoming_phone_numbers;
    assert.equal(numbers.find((/** @type {any} */ n) => n.phone_number === CREDS.TWILIO_NUMBER).voice_application_sid, apps[0].sid);

    // Saved in the real keychain (the session's gnome-keyring), read back by another program.
    const lookup = (/** @type {string} */ field) =>
      execFileSync('secret-tool', ['lookup', 'service', s.keychainService, 'username', field], { encoding: 'utf8' });
    assert.equal(lookup('twiml_app_sid'), apps[0].sid);
    assert.match(lookup('api_key_sid'), /^SK[0-9a-f]{32}$/);
    assert.equal(lookup('auth_token'), CREDS.TWILIO_AUTH_TOKEN);

    // The phone registers with the key set-up made.
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('#status-pill').getByText('Ready').waitFor({ timeout: 30000 });
  });

  test('then a call goes out, signed for the tunnel URL set-up gave Twilio', async () => {
    const { page, sim } = s;
    await page.getByRole('button', { name: 'Back to the phone' }).click().catch(() => {});
    await page.locator('#number').waitFor();
    const mark = await sim.mark();
    await page.locator('#number').fill('+12125550123');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const invite = await sim.waitEvent((e) => e.kind === 'invite', { since: mark, what: 'invite' });
    const hook = await sim.waitEvent((e) => e.kind === 'webhook' && e.call_sid === invite.call_sid, { since: mark, what: 'webhook' });
    assert.equal(hook.status, 200, JSON.stringify(hook));
    assert.equal(hook.url, `${tunnel.publicUrl}/handle_calls`);
    const dial = await sim.waitEvent((e) => e.kind === 'dial' && e.call_sid === invite.call_sid, { since: mark, what: 'dial' });
    assert.equal(dial.caller_id, CREDS.TWILIO_NUMBER);
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor({ timeout: 15000 });
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.locator('#number').waitFor({ timeout: 10000 });
  });

  test('and one comes in', async () => {
    const { page, sim } = s;
    const mark = await sim.mark();
    const { call_sid: parent } = await sim.post('/inbound', { from: '+15559876543' });
    await sim.waitEvent((e) => e.kind === 'ring-client' && e.parent === parent, { since: mark, what: 'ring-client' });
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.locator('#call-label', { hasText: 'Connected' }).waitFor({ timeout: 15000 });
    await page.getByRole('button', { name: 'Hang up' }).click();
    await page.locator('#number').waitFor({ timeout: 10000 });
  });

  test('a free tunnel restarting on a new URL costs nothing', async () => {
    const { page, sim } = s;
    const mark = await sim.mark();
    tunnel.publicUrl = 'https://e2e-second.ngrok-free.app';
    const apps = (await rest('/Applications.json')).applications;
    const update = await sim.waitEvent(
      (e) =>
        e.kind === 'rest' &&
        e.method === 'POST' &&
        e.path.endsWith(`/Applications/${apps[0].sid}.json`) &&
        e.form.some((/** @type {[string, string]} */ [k, v]) => k === 'VoiceUrl' && v === 'https://e2e-second.ngrok-free.app/handle_calls'),
      { since: mark, timeout: 20000, what: 'the TwiML App pointed at the new URL' },
    );
    assert.equal(update.status, 200);
    // The next call is signed for the new URL, and the listener (never restarted) accepts it.
    const ring = await sim.post('/inbound', { from: '+15559876543' });
    const hook = await sim.waitEvent((e) => e.kind === 'webhook' && e.call_sid === ring.call_sid, { since: mark, what: 'webhook' });
    assert.equal(hook.url, 'https://e2e-second.ngrok-free.app/handle_calls');
    assert.equal(hook.status, 200);
    await page.getByRole('alertdialog', { name: 'Incoming call' }).waitFor();
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.locator('#number').waitFor({ timeout: 10000 });
    // The listener card says so.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText(/Twilio now calls https:\/\/e2e-second\.ngrok-free\.app\/handle_calls, updated/).waitFor({ timeout: 10000 });
  });
});
