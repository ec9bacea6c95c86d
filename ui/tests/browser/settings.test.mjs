// @ts-check
// The settings panel in a real browser, against the mocked IPC contract.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, completeSettings, emptySettings, listeningListener, openApp, screenshot, servedBuild } from './harness.mjs';

const DIST = join(UI_DIR, 'dist-e2e');
const HEX = '0123456789abcdef0123456789abcdef';

const build = servedBuild(DIST);

/** @param {import('playwright-core').Page} page */
const calls = (page) => page.evaluate(() => /** @type {{cmd: string, args: any}[]} */ (/** @type {any} */ (window).__ipc.calls));

/** @param {import('playwright-core').Page} page @param {string} label */
const fieldError = (page, label) =>
  page.getByLabel(label, { exact: true }).evaluate((el) => {
    const id = el.getAttribute('aria-describedby')?.split(' ')[1];
    return id ? (document.getElementById(id)?.textContent ?? '') : '';
  });

describe('settings', () => {
  test('first launch opens settings; inline validation; save; the phone starts', async () => {
    const app = await openApp(build.browser, build.server.url, { settings: emptySettings() });
    const { page } = app;
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText('Fill in your Twilio details to start using the phone.').waitFor();
    await page.locator('#status-pill').getByText('Setup needed').waitFor();

    const sid = page.getByLabel('Account SID', { exact: true });
    await sid.fill('AC123');
    await sid.blur();
    assert.match(await fieldError(page, 'Account SID'), /AC must be followed by exactly 32 hex digits/);
    assert.equal(await sid.getAttribute('aria-invalid'), 'true');
    await sid.fill(`AC${HEX.toUpperCase()}`);
    assert.equal(await fieldError(page, 'Account SID'), '', 'uppercase hex is fine');
    assert.equal(await sid.getAttribute('aria-invalid'), null);

    await page.getByLabel('Auth Token', { exact: true }).fill(HEX);
    await page.getByLabel('API Key SID', { exact: true }).fill(`SK${HEX}`);
    await page.getByLabel('API Key Secret', { exact: true }).fill('s3cret-value');
    await page.getByLabel('TwiML App SID', { exact: true }).fill(`AP${HEX}`);
    const number = page.getByLabel('Twilio number', { exact: true });
    await number.fill('555 123 4567');
    await number.blur();
    assert.match(await fieldError(page, 'Twilio number'), /Start with \+ and the country code/);
    await number.fill('+1 555 123');
    assert.match(await fieldError(page, 'Twilio number'), /Too short for a \+1 number/);
    await number.fill('+15551234567');
    assert.equal(await page.getByLabel('Client identity', { exact: true }).getAttribute('placeholder'), 'Default: dialtone_15551234567');
    const url = page.getByLabel('Public webhook URL', { exact: true });
    await url.fill('http://abc123.ngrok.app/handle_calls');
    await url.blur();
    assert.match(await fieldError(page, 'Public webhook URL'), /https/);

    // Saving with a bad field sends nothing.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Fix the marked fields, then save.').waitFor();
    assert.ok(!(await calls(page)).some((c) => c.cmd === 'save_settings'));

    await url.fill('https://abc123.ngrok.app/handle_calls');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved\. Credentials are in your system keychain\. The phone is reconnecting\./).waitFor();
    const save = (await calls(page)).find((c) => c.cmd === 'save_settings');
    assert.deepEqual(save?.args, {
      changes: {
        account_sid: `AC${HEX.toUpperCase()}`,
        auth_token: HEX,
        api_key_sid: `SK${HEX}`,
        api_key_secret: 's3cret-value',
        twiml_app_sid: `AP${HEX}`,
        twilio_number: '+15551234567',
        public_url: 'https://abc123.ngrok.app/handle_calls',
      },
    });
    // Secrets come back as "set", never as values.
    assert.equal(await page.getByLabel('API Key Secret', { exact: true }).inputValue(), '');
    await page.locator('.badge', { hasText: 'Set · In keychain' }).first().waitFor();
    // The phone starts with the new settings.
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await app.context.close();
  });

  test('shows sources, secrets as set, the listener, the Voice Request URL and the console steps', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText('Listening on 127.0.0.1:3000').waitFor();

    assert.equal(await page.getByLabel('Auth Token', { exact: true }).inputValue(), '');
    assert.equal(await page.getByLabel('Auth Token', { exact: true }).getAttribute('type'), 'password');
    assert.equal(await page.getByLabel('Account SID', { exact: true }).inputValue(), `AC${HEX}`);
    await screenshot(page, 'settings');

    assert.equal(await page.locator('#voice-url').innerText(), 'https://abc123.ngrok.app/handle_calls');
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'https://abc123.ngrok.app/handle_calls');
    const steps = await page.locator('.steps').innerText();
    assert.match(steps, new RegExp(`Voice › TwiML Apps › AP${HEX}[\\s\\S]*Request URL[\\s\\S]*HTTP POST`));
    assert.match(steps, /Active numbers › \+15551234567[\s\S]*Configure with: TwiML App/);
    await page.getByText(/Last webhook: .* · HTTP 200 · outbound call to \+15557654321 bridged/).waitFor();
    await page.locator('.listener').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-webhook');

    // Only what changed is sent; an emptied identity asks for the default.
    await page.getByLabel('Listener port', { exact: true }).fill('3001');
    await page.getByLabel('Client identity', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Saved\./).waitFor();
    const save = (await calls(page)).find((c) => c.cmd === 'save_settings');
    assert.deepEqual(save?.args, { changes: { port: '3001', identity: '' } });

    // Back to the phone.
    await page.getByRole('button', { name: 'Back to the phone' }).click();
    await page.locator('#number').waitFor();
    await app.context.close();
  });

  test('the listener card follows pushed events without losing focus', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Listening on 127.0.0.1:3000').waitFor();
    const copy = page.getByRole('button', { name: 'Copy' });
    await copy.focus();

    // What the Rust side emits after a forged webhook: the panel shows it without being asked.
    const pushed = {
      ...listeningListener(),
      lastWebhook: { at: Date.UTC(2025, 0, 2, 15, 9, 0), status: 403, outcome: 'refused (403): forbidden: X-Twilio-Signature does not match (check the public URL and the Auth Token)' },
    };
    const asked = (await calls(page)).filter((c) => c.cmd === 'webhook_status').length;
    await page.evaluate((s) => /** @type {any} */ (window).__ipc.emit('webhook-status', s), pushed);
    await page.getByText(/Last webhook: .* · HTTP 403 · refused \(403\): forbidden: X-Twilio-Signature does not match/).waitFor();
    assert.equal((await calls(page)).filter((c) => c.cmd === 'webhook_status').length, asked, 'pushed, not polled');
    assert.equal(await copy.evaluate((el) => el === document.activeElement), true, 'focus stays on Copy');

    // The port went away under us: the state line says so.
    await page.evaluate(
      (s) => /** @type {any} */ (window).__ipc.emit('webhook-status', s),
      { ...pushed, state: 'failed', address: null, error: 'port 3000 is already in use by another program' },
    );
    await page.getByText('Not running: port 3000 is already in use by another program').waitFor();
    assert.equal(await page.locator('.listener-state').getAttribute('data-state'), 'failed');
    assert.equal(await copy.evaluate((el) => el === document.activeElement), true);

    // A new public URL redraws the card with the new address to paste.
    await page.evaluate(
      (s) => /** @type {any} */ (window).__ipc.emit('webhook-status', s),
      { ...pushed, publicUrl: 'https://new.trycloudflare.com/handle_calls', voiceRequestUrl: 'https://new.trycloudflare.com/handle_calls' },
    );
    await page.locator('#voice-url').getByText('https://new.trycloudflare.com/handle_calls').waitFor();
    await app.context.close();
  });

  test('leaving the panel keeps unsaved edits', async () => {
    const app = await openApp(build.browser, build.server.url);
    const { page } = app;
    await page.locator('#status-pill').getByText('Ready').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('API Key Secret', { exact: true }).fill('a-half-typed-secret');
    await page.getByLabel('Listener port', { exact: true }).fill('3002');
    await page.getByRole('button', { name: 'Back to the phone' }).click();
    await page.locator('#number').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Your changes are not saved yet.').waitFor();
    assert.equal(await page.getByLabel('API Key Secret', { exact: true }).inputValue(), 'a-half-typed-secret');
    assert.equal(await page.getByLabel('Listener port', { exact: true }).inputValue(), '3002');
    assert.ok(!(await calls(page)).some((c) => c.cmd === 'save_settings'), 'nothing saved behind the user');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Saved\./).waitFor();
    const save = (await calls(page)).find((c) => c.cmd === 'save_settings');
    assert.deepEqual(save?.args, { changes: { api_key_secret: 'a-half-typed-secret', port: '3002' } });
    await app.context.close();
  });

  test('a rejected save shows the message on its field', async () => {
    const app = await openApp(build.browser, build.server.url, {
      saveError: { kind: 'invalid_value', message: 'API Key SID (api_key_sid) is not valid: expected SK followed by 32 hex digits', field: 'api_key_sid' },
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('API Key SID', { exact: true }).fill(`SK${HEX}`.replace('0', 'f'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Not saved: API Key SID/).waitFor();
    assert.match(await fieldError(page, 'API Key SID'), /expected SK followed by 32 hex digits/);
    await app.context.close();
  });

  test('imports a .env and warns when the keychain is missing', async () => {
    const settings = emptySettings();
    settings.keychain = { available: false, message: 'no Secret Service provider found' };
    const app = await openApp(build.browser, build.server.url, { settings });
    const { page } = app;
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText(/The system keychain is not available \(no Secret Service provider found\)/).waitFor();
    await page.getByText('Import a .env file').click();
    const env = `TWILIO_ACCOUNT_SID=AC${HEX}\nTWILIO_API_KEY_SID=SK${HEX}\n# comment\nTWILIO_NUMBER=+15551234567\n`;
    await page.getByLabel('Or paste its contents').fill(env);
    await page.getByRole('button', { name: 'Import pasted text' }).click();
    await page.getByText('Imported 3 settings: Account SID, API Key SID, and Twilio number.').waitFor();
    const imported = (await calls(page)).find((c) => c.cmd === 'import_env');
    assert.deepEqual(imported?.args, { contents: env });
    assert.equal(await page.getByLabel('Twilio number', { exact: true }).inputValue(), '+15551234567');
    await app.context.close();
  });

  test('an import that completes the settings starts the phone', async () => {
    const app = await openApp(build.browser, build.server.url, { settings: emptySettings() });
    const { page } = app;
    await page.locator('#status-pill').getByText('Setup needed').waitFor();
    await page.getByText('Import a .env file').click();
    const env = [
      `TWILIO_ACCOUNT_SID=AC${HEX}`, `TWILIO_AUTH_TOKEN=${HEX}`, `TWILIO_API_KEY_SID=SK${HEX}`,
      'TWILIO_API_KEY_SECRET=s3cret-value', `TWIML_APP_SID=AP${HEX}`, 'TWILIO_NUMBER=+15551234567',
    ].join('\n');
    await page.getByLabel('Or paste its contents').fill(env);
    await page.getByRole('button', { name: 'Import pasted text' }).click();
    await page.getByText(/^Imported 6 settings: /).waitFor();
    // The app heard which settings changed: a new token, and the phone registers.
    await page.locator('#status-pill').getByText('Ready').waitFor();
    assert.equal(await page.getByLabel('Or paste its contents').inputValue(), '', 'the pasted secrets are cleared');
    await app.context.close();
  });

  test('settings open in dark mode too', async () => {
    const app = await openApp(build.browser, build.server.url, { colorScheme: 'dark', settings: completeSettings() });
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText('Listening on 127.0.0.1:3000').waitFor();
    await screenshot(page, 'settings-dark');
    await app.context.close();
  });

  test('the Desktop section: switches save as true/false, and a shortcut that does not work here says why', async () => {
    const settings = completeSettings();
    const hangUp = settings.fields.find((/** @type {any} */ f) => f.name === 'shortcut_hang_up');
    Object.assign(hangUp, { set: true, value: 'Ctrl+Alt+H', source: 'settings file', problem: 'Ctrl+Alt+H is taken by another program, so it is not active: choose another combination' });
    const app = await openApp(build.browser, build.server.url, { settings });
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('group', { name: 'Desktop' }).waitFor();
    assert.match(await fieldError(page, 'Shortcut: hang up'), /taken by another program/);
    assert.match(await page.getByText(/X11 only: Wayland does not let apps take global shortcuts/).innerText(), /Wayland/);
    const atOnce = page.getByLabel('Call at once when another program hands me a number', { exact: true });
    assert.equal(await atOnce.isChecked(), false, 'off by default');
    await atOnce.check();
    const answer = page.getByLabel('Shortcut: answer', { exact: true });
    await answer.fill('a');
    await answer.blur();
    assert.match(await fieldError(page, 'Shortcut: answer'), /Add Ctrl, Alt or Super/);
    await answer.fill('Ctrl+Alt+A');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Saved\./).waitFor();
    const save = (await calls(page)).find((c) => c.cmd === 'save_settings');
    assert.deepEqual(save?.args, { changes: { call_at_once: 'true', shortcut_answer: 'Ctrl+Alt+A' } });
    await screenshot(page, 'settings-desktop');
    await app.context.close();
  });
});
