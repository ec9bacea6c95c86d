// @ts-check
// The set-up wizard, the Twilio connection card and the remote checks in a real browser,
// against the mocked IPC contract (what the Rust side answers is tests/setup.rs's business).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, completeSettings, emptySettings, listeningListener, openApp, screenshot, servedBuild, wiredReport } from './harness.mjs';

const DIST = join(UI_DIR, 'dist-e2e');
const HEX = '0123456789abcdef0123456789abcdef';

const build = servedBuild(DIST);

/** @param {import('playwright-core').Page} page */
const calls = (page) => page.evaluate(() => /** @type {{cmd: string, args: any}[]} */ (/** @type {any} */ (window).__ipc.calls));

/** @param {import('playwright-core').Page} page @param {(ipc: any) => void} change */
const ipc = (page, change) => page.evaluate(change);

const tunnelListener = () => ({
  ...listeningListener(),
  publicUrl: 'https://first.ngrok-free.app',
  publicUrlSource: 'tunnel',
  voiceRequestUrl: 'https://first.ngrok-free.app/handle_calls',
  tunnel: { publicBase: 'https://first.ngrok-free.app', agent: 'ngrok' },
  tunnelNotes: [],
  twilioCalls: null,
  repointError: null,
});

describe('set-up wizard', () => {
  test('first launch: credentials checked by Twilio, a number picked, connected', async () => {
    const { page, context } = await openApp(build.browser, build.server.url, {
      settings: emptySettings(),
      listener: tunnelListener(),
      setup: { accountError: { kind: 'twilio', field: 'auth_token', message: 'Twilio refused this Account SID and Auth Token (error 20003). Nothing was saved' } },
    });
    await page.getByRole('heading', { name: 'Connect your Twilio account' }).waitFor();
    await page.getByText('Step 1 of 2').waitFor();
    const sid = page.getByLabel('Twilio Account SID');
    const token = page.getByLabel('Twilio Auth Token');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'setup-account-sid', 'the first field has the focus');
    // The manual way stays, second.
    await page.getByRole('heading', { name: 'Or enter every value by hand' }).waitFor();

    await sid.fill('AC123');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(/AC must be followed by exactly 32 hex digits/).waitFor();
    assert.ok(!(await calls(page)).some((c) => c.cmd === 'setup_account'), 'a malformed SID never reaches Twilio');

    await sid.fill(`AC${HEX}`);
    await token.fill('f'.repeat(32));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Twilio refused this Account SID and Auth Token').waitFor();
    assert.equal(await token.getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'setup-wizard-wrong-token');

    await ipc(page, () => {
      /** @type {any} */ (window).__ipc.setup.accountError = null;
    });
    await token.fill(HEX);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Step 2 of 2').waitFor();
    await page.getByText('Twilio’s demo answer').waitFor();
    await page.getByText('Sends its calls to the URL https://crm.example/voice').waitFor();
    await page.getByText('Your ngrok tunnel: https://first.ngrok-free.app').waitFor();
    const connect = page.getByRole('button', { name: 'Connect' });
    assert.equal(await connect.isDisabled(), true, 'two numbers: the user picks one');

    // The number wired elsewhere: not without a tick.
    await page.getByRole('radio', { name: /\+15550400000/ }).check();
    const box = page.getByLabel(/Take \+15550400000 over/);
    await box.waitFor();
    assert.equal(await connect.isDisabled(), true);
    await box.check();
    assert.equal(await connect.isDisabled(), false);
    // Then the other one after all: the tick is forgotten, the caller ID offered.
    await page.getByRole('radio', { name: /\+15551234567/ }).check();
    assert.equal(await page.getByLabel(/Take .* over/).count(), 0);
    const callerId = page.getByLabel('Outgoing caller ID');
    assert.deepEqual(await callerId.locator('option').allTextContents(), [
      '+15551234567 (your number)',
      '+15550400000 (your number)',
      '+15550009999 (verified caller ID)',
    ]);
    await callerId.selectOption('+15550009999');
    await screenshot(page, 'setup-wizard-number');
    await connect.click();
    await page.getByRole('heading', { name: 'Your phone is ready' }).waitFor();
    await page.getByText('Calls to +15551234567 ring here, and your calls show +15550009999.').waitFor();
    const sent = (await calls(page)).find((c) => c.cmd === 'setup_connect');
    assert.deepEqual(sent?.args, {
      query: { accountSid: `AC${HEX}`, authToken: HEX, number: '+15551234567', callerId: '+15550009999', publicUrl: null, takeOver: false },
    });
    assert.ok(
      await page.evaluate((hex) => [...document.querySelectorAll('input')].every((i) => i.value !== hex), HEX),
      'the Auth Token does not stay in the page',
    );
    await screenshot(page, 'setup-wizard-done');
    // The phone starts with what set-up saved.
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText('Connected: calls to +15551234567 ring here.').waitFor();
    await context.close();
  });

  test('connected: the caller ID changes, and Disconnect undoes after a confirmation', async () => {
    const { page, context } = await openApp(build.browser, build.server.url, {
      settings: completeSettings(),
      setup: {
        status: {
          connected: true, accountSid: `AC${HEX}`, number: '+15551234567', applicationSid: `AP${HEX}`, keySid: `SK${HEX}`,
          callerId: '+15551234567', callerIds: ['+15551234567', '+15550009999'], restores: 'the URL https://crm.example/voice',
          voiceUrl: 'https://abc123.ngrok.app/handle_calls', voiceUrlSetAt: Date.UTC(2025, 0, 2, 12, 3),
        },
      },
    });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Connected: calls to +15551234567 ring here.').waitFor();
    await page.getByText(`TwiML App AP${HEX} · API key SK${HEX}`).waitFor();
    await page.getByLabel('Outgoing caller ID').selectOption('+15550009999');
    await page.getByText('Calls now show +15550009999.').waitFor();
    assert.deepEqual((await calls(page)).find((c) => c.cmd === 'set_caller_id')?.args, { callerId: '+15550009999' });

    await page.getByRole('button', { name: 'Disconnect this number' }).click();
    await page.getByText('Disconnect +15551234567? It gets back the URL https://crm.example/voice').waitFor();
    await screenshot(page, 'setup-disconnect-confirm');
    await page.getByRole('button', { name: 'Keep it' }).click();
    assert.ok(!(await calls(page)).some((c) => c.cmd === 'setup_disconnect'), 'nothing without the yes');
    await page.getByRole('button', { name: 'Disconnect this number' }).click();
    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.getByText(/Disconnected\. \+15551234567 sends its calls to Twilio’s demo answer again/).waitFor();
    await page.getByRole('button', { name: 'Set up with your Twilio account' }).waitFor();
    await context.close();
  });

  test('the listener card: where Twilio calls now, and Fix it for a broken wiring', async () => {
    const broken = {
      ...wiredReport(),
      ok: false,
      repairable: true,
      checks: [
        { id: 'key', ok: true, summary: 'the API key authenticates', fix: null, repairable: false },
        { id: 'app', ok: true, summary: 'the TwiML App exists', fix: null, repairable: false },
        { id: 'voiceUrl', ok: true, summary: 'Twilio calls https://second.ngrok-free.app/handle_calls', fix: null, repairable: false },
        { id: 'number', ok: false, summary: 'calls to +15551234567 go to the URL https://crm.example/voice, not to Dialtone’s TwiML App', fix: 'Fix it (or run `dialtone setup --repair`): the number is connected to the app again', repairable: true },
      ],
    };
    const { page, context } = await openApp(build.browser, build.server.url, {
      settings: completeSettings(),
      listener: {
        ...tunnelListener(),
        publicUrl: 'https://second.ngrok-free.app',
        voiceRequestUrl: 'https://second.ngrok-free.app/handle_calls',
        tunnel: { publicBase: 'https://second.ngrok-free.app', agent: 'ngrok' },
        twilioCalls: { url: 'https://second.ngrok-free.app/handle_calls', at: new Date(2025, 0, 2, 12, 3).getTime() },
      },
      setup: {
        wiring: broken,
        repaired: wiredReport(),
        repairError: { kind: 'needs_confirmation', message: '+15551234567 already sends its calls to the URL https://crm.example/voice.' },
      },
    });
    // Settings must be reachable even with settings complete: a complete phone starts on the dial pad.
    await page.getByRole('button', { name: 'Settings' }).click();
    const time = await page.evaluate(() => new Date(2025, 0, 2, 12, 3).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    await page.getByText(`Twilio now calls https://second.ngrok-free.app/handle_calls, updated ${time}`).waitFor();
    await page.getByText('https://second.ngrok-free.app (found running)').waitFor();
    await page.getByText(/Something is not wired/).waitFor();
    await page.getByText(/calls to \+15551234567 go to the URL https:\/\/crm\.example\/voice/).waitFor();
    await screenshot(page, 'settings-wiring-broken');
    await page.getByRole('button', { name: 'Fix it' }).click();
    await page.getByRole('button', { name: 'Take it over' }).click();
    await page.getByText(/All wired, checked/).waitFor();
    const repairs = (await calls(page)).filter((c) => c.cmd === 'repair_wiring').map((c) => c.args);
    assert.deepEqual(repairs, [{ takeOver: false }, { takeOver: true }]);
    await context.close();
  });
});
