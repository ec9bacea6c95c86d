// @ts-check
// Every screen in English and Japanese at the app window's size (400x720): nothing clipped,
// nothing pushed off the side, a long caller name wrapping inside the incoming screen, the
// Japanese screenshots (`*-ja.png`, next to the English ones the other files take), and the
// language choice in Settings applying at once. Runs against ui/dist-e2e.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UI_DIR, completeSettings, emptySettings, ipcCalls, listeningListener, openApp, pauseClock, screenshot, servedBuild, windowStatus } from './harness.mjs';

const DIST = join(UI_DIR, 'dist-e2e');
const build = servedBuild(DIST);

/** The browser's language for each of ours. */
const LOCALES = /** @type {const} */ ({ en: 'en-US', ja: 'ja-JP' });

/**
 * What Rust sends in each language (its words come from the same catalogs; the mock stands in
 * for it): a token error, and the last webhook's outcome line.
 */
const FROM_RUST = {
  en: { missing: 'missing settings: Account SID (TWILIO_ACCOUNT_SID)', outcome: 'outbound call to +15557654321' },
  ja: { missing: '未設定の項目があります：Account SID（TWILIO_ACCOUNT_SID）。設定画面、`dialtone config set FIELD`、または環境変数で設定してください', outcome: '+15557654321への発信' },
};

/** A caller name longer than the screen is wide, with no spaces to break at. */
const LONG_NAME = '株式会社ダイヤルトーン東日本営業本部カスタマーサポート第二課_山田太郎';

/**
 * Elements whose content is wider than their box (text cut off or spilling out), or that reach
 * past the window's right edge. Only what is laid out counts (hidden screens have no box).
 * @param {import('playwright-core').Page} page
 */
async function clipped(page) {
  return page.evaluate(() => {
    const selector = 'button, label, legend, summary, select, a, h1, h2, h3, p, .status-pill, .badge, .control-label, .call-label, .field-label';
    /** @type {string[]} */
    const problems = [];
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      // Hidden, or only for screen readers (a 1px box by design).
      if (box.width === 0 || box.height === 0 || el.closest('.visually-hidden')) continue;
      const name = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
      const style = getComputedStyle(el);
      if (style.display !== 'inline' && el.scrollWidth > el.clientWidth + 1) problems.push(`${name}: content ${el.scrollWidth}px in ${el.clientWidth}px`);
      if (box.right > window.innerWidth + 1 || box.left < -1) problems.push(`${name}: spans ${Math.round(box.left)}–${Math.round(box.right)}px of ${window.innerWidth}px`);
    }
    return problems;
  });
}

/** @param {import('playwright-core').Page} page @param {string} where */
async function assertNothingClipped(page, where) {
  assert.deepEqual(await clipped(page), [], `nothing clipped: ${where}`);
}

/** A screenshot for Japanese only: the English ones come from the other files. */
async function shot(/** @type {import('playwright-core').Page} */ page, /** @type {string} */ name, /** @type {'en'|'ja'} */ lang) {
  if (lang === 'ja') await screenshot(page, `${name}-ja`);
}

/** @param {{ pageErrors: string[], page: import('playwright-core').Page }} app */
async function assertClean(app) {
  const violations = await app.page.evaluate(() => /** @type {any} */ (window).__cspViolations);
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.deepEqual(app.pageErrors, [], 'no page errors');
}

const ready = (/** @type {import('playwright-core').Page} */ page) => page.locator('#status-pill[data-status="ready"]').waitFor();

for (const lang of /** @type {const} */ (['en', 'ja'])) {
  const locale = LOCALES[lang];

  describe(`screens in ${lang}`, () => {
    test('idle, dial pad, in call, keypad', async () => {
      const app = await openApp(build.browser, build.server.url, { locale, clock: true });
      const { page } = app;
      await ready(page);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      if (lang === 'ja') {
        await page.locator('#status-pill').getByText('待受中').waitFor();
        assert.equal(await page.locator('.call-button').getAttribute('aria-label'), '発信');
      }
      await assertNothingClipped(page, 'idle');
      await shot(page, 'idle', lang);

      await pauseClock(page);
      await page.locator('#number').pressSequentially('5551234567');
      await page.locator('#number-message:not(:empty)').waitFor();
      if (lang === 'ja') assert.equal(await page.locator('#number-message').innerText(), '発信先：+1 555 123 4567');
      await assertNothingClipped(page, 'dial pad');
      await shot(page, 'dialpad', lang);

      await page.locator('.call-button').click();
      await page.evaluate(() => globalThis.__fakeTwilio.lastCall?.remoteAnswer());
      await page.locator('.call[data-phase="active"]').waitFor();
      if (lang === 'ja') await page.locator('#call-label', { hasText: '通話中' }).waitFor();
      await page.clock.runFor(65_000);
      // Call timers stay mm:ss in every language.
      assert.equal(await page.getByRole('timer').innerText(), '01:05');
      await page.locator('.control.mute').click();
      if (lang === 'ja') await page.getByText('マイクはミュート中です').waitFor();
      await assertNothingClipped(page, 'in call, muted');
      await shot(page, 'in-call', lang);

      await page.locator('.control.show-pad').click();
      await page.locator('#dtmf-pad').waitFor();
      await assertNothingClipped(page, 'in call, keypad');
      await shot(page, 'in-call-keypad', lang);

      await page.locator('.hangup-button').click();
      await page.locator('#number').waitFor();
      await assertClean(app);
      await app.context.close();
    });

    test('incoming, with a short number and with a very long name', async () => {
      const app = await openApp(build.browser, build.server.url, { locale });
      const { page } = app;
      await ready(page);
      await page.evaluate(() => globalThis.__fakeTwilio.device?.incoming('+447700900123'));
      await page.locator('.incoming').waitFor();
      if (lang === 'ja') {
        await page.getByRole('alertdialog', { name: '着信' }).waitFor();
        await page.getByRole('button', { name: '応答' }).waitFor();
        await page.getByRole('button', { name: '拒否' }).waitFor();
      }
      await assertNothingClipped(page, 'incoming');
      await shot(page, 'incoming', lang);
      await page.locator('.decline-button').click();
      await page.locator('#number').waitFor();

      await page.evaluate((name) => globalThis.__fakeTwilio.device?.incoming(`client:${name}`), LONG_NAME);
      const caller = page.locator('#incoming-caller');
      await caller.waitFor();
      assert.match(await caller.innerText(), new RegExp(LONG_NAME));
      // The name wraps onto more lines inside the screen; the buttons stay whole and on screen.
      const lines = await caller.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
      assert.ok(lines >= 2, `the long name wraps (${lines} lines)`);
      await assertNothingClipped(page, 'incoming, long name');
      for (const button of ['.answer-button', '.decline-button']) {
        const box = await page.locator(button).boundingBox();
        assert.ok(box && box.y + box.height <= 720, `${button} is on screen`);
      }
      await screenshot(page, lang === 'ja' ? 'incoming-long-name-ja' : 'incoming-long-name');
      await page.locator('.decline-button').click();
      await assertClean(app);
      await app.context.close();
    });

    test('setup needed, and the settings panel top to bottom', async () => {
      const app = await openApp(build.browser, build.server.url, {
        locale,
        settings: emptySettings(),
        tokenError: { kind: 'missing_settings', message: FROM_RUST[lang].missing },
      });
      const { page } = app;
      await page.locator('#status-pill[data-status="error"]').waitFor();
      if (lang === 'ja') await page.locator('#status-pill').getByText('初期設定が必要').waitFor();
      // First launch opens Settings: the panel, empty.
      await page.locator('.settings h2, .settings h1').first().waitFor();
      await assertNothingClipped(page, 'settings, empty');
      await shot(page, 'settings-empty', lang);
      await page.locator('.back').click();
      await page.locator('#number').waitFor();
      await assertNothingClipped(page, 'setup needed');
      await shot(page, 'setup-needed', lang);
      await app.context.close();

      const listener = listeningListener();
      listener.lastWebhook.outcome = FROM_RUST[lang].outcome;
      const full = await openApp(build.browser, build.server.url, { locale, listener });
      await ready(full.page);
      await full.page.locator('.icon-button[aria-expanded]').click();
      await full.page.locator('#field-language').waitFor();
      if (lang === 'ja') await full.page.getByRole('heading', { name: '設定' }).waitFor();
      await full.page.locator('.listener').waitFor();
      await assertNothingClipped(full.page, 'settings');
      await shot(full.page, 'settings', lang);
      await full.page.locator('.listener').scrollIntoViewIfNeeded();
      await shot(full.page, 'settings-webhook', lang);
      await full.page.locator('#field-do_not_disturb').scrollIntoViewIfNeeded();
      await shot(full.page, 'settings-voicemail', lang);
      await full.page.locator('#field-shortcut_mute').scrollIntoViewIfNeeded();
      await shot(full.page, 'settings-desktop', lang);
      await full.page.locator('.screen-settings summary').first().click();
      await assertNothingClipped(full.page, 'settings, .env import open');
      await assertClean(full);
      await full.context.close();
    });

    test('the set-up wizard: credentials, the number, done, and the connection card', async () => {
      const HEX = '0123456789abcdef0123456789abcdef';
      const listener = {
        ...listeningListener(),
        publicUrl: 'https://first.ngrok-free.app',
        publicUrlSource: 'tunnel',
        voiceRequestUrl: 'https://first.ngrok-free.app/handle_calls',
        tunnel: { publicBase: 'https://first.ngrok-free.app', agent: 'ngrok' },
        tunnelNotes: [],
        twilioCalls: null,
        repointError: null,
      };
      const app = await openApp(build.browser, build.server.url, { locale, settings: emptySettings(), listener });
      const { page } = app;
      const say = (/** @type {string} */ en, /** @type {string} */ ja) => (lang === 'ja' ? ja : en);
      // First launch opens the wizard, step 1.
      await page.getByRole('heading', { name: say('Connect your Twilio account', 'Twilioアカウントの接続') }).waitFor();
      await page.getByText(say('Step 1 of 2 · Your account', 'ステップ1/2・アカウント')).waitFor();
      await assertNothingClipped(page, 'wizard, step 1');
      await shot(page, 'setup-wizard-credentials', lang);
      await page.getByRole('button', { name: say('Continue', '次へ') }).click();
      // An empty Auth Token: the wizard's own error line, in the window's language.
      await page.locator('#setup-account-sid-error:not(:empty)').waitFor();
      await page.getByLabel(say('Twilio Account SID', 'TwilioのAccount SID')).fill(`AC${HEX}`);
      await page.getByRole('button', { name: say('Continue', '次へ') }).click();
      await page.getByText(say('Required: your Auth Token', 'Auth Tokenを入力してください')).waitFor();
      await assertNothingClipped(page, 'wizard, step 1 with an error');
      await page.getByLabel(say('Twilio Auth Token', 'TwilioのAuth Token')).fill(HEX);
      await page.getByRole('button', { name: say('Continue', '次へ') }).click();

      // Step 2, with the number wired elsewhere picked: the take-over box and its sentence.
      await page.getByText(say('Step 2 of 2 · Your number', 'ステップ2/2・番号')).waitFor();
      await page.getByText(say('Twilio’s demo answer', 'Twilioのデモ応答')).waitFor();
      await page.getByRole('radio', { name: /\+15550400000/ }).check();
      await page.locator('#setup-take-over').waitFor();
      if (lang === 'ja') {
        await page.getByRole('group', { name: 'ここで着信する番号を選択' }).waitFor();
        await page.getByText('ngrokのトンネル：https://first.ngrok-free.app。').waitFor();
      }
      assert.equal(await page.getByRole('button', { name: say('Connect', '接続'), exact: true }).isDisabled(), true, 'not without the tick');
      await assertNothingClipped(page, 'wizard, step 2, take-over');
      await page.locator('.setup-wizard').scrollIntoViewIfNeeded();
      await shot(page, 'setup-wizard-number', lang);
      await page.getByRole('radio', { name: /\+15551234567/ }).check();
      const options = await page.locator('#setup-caller-id option').allTextContents();
      if (lang === 'ja') assert.deepEqual(options, ['+15551234567（お使いの番号）', '+15550400000（お使いの番号）', '+15550009999（認証済み発信者番号）']);
      await page.getByRole('button', { name: say('Connect', '接続'), exact: true }).click();

      // Done.
      await page.getByRole('heading', { name: say('Your phone is ready', '電話の準備ができました') }).waitFor();
      await assertNothingClipped(page, 'wizard, done');
      await page.locator('.setup-done').scrollIntoViewIfNeeded();
      await shot(page, 'setup-wizard-done', lang);
      await page.getByRole('button', { name: say('Close', '閉じる') }).click();

      // The connection card it leaves, and Disconnect's question.
      await page.locator('.connection-number').waitFor();
      if (lang === 'ja') await page.getByText('接続済み：+15551234567への着信をここで受けます。').waitFor();
      await page.getByRole('button', { name: say('Disconnect this number', 'この番号を切断') }).click();
      await page.locator('#disconnect-question').waitFor();
      await assertNothingClipped(page, 'connection card, disconnect question');
      await shot(page, 'setup-disconnect-confirm', lang);
      await assertClean(app);
      await app.context.close();
    });

    test('Test my set-up: progress and both verdicts', async () => {
      const app = await openApp(build.browser, build.server.url, { locale });
      const { page } = app;
      await ready(page);
      await page.locator('.icon-button[aria-expanded]').click();
      await page.locator('#setup-test-start').click();
      // The microphone (Chromium's fake beep), then the echo call on its own Device.
      await page.waitForFunction(() => /** @type {any} */ (globalThis.__fakeTwilio).devices[1]?.calls.length === 1, null, { timeout: 20_000 });
      await page.evaluate(async () => {
        const call = /** @type {any} */ (globalThis.__fakeTwilio).devices[1].calls[0];
        call.remoteAnswer();
        for (let i = 0; i < 12; i++) {
          call.volume(0.4, 0.3);
          call.sample({ mos: i === 0 ? null : 3.4, rtt: 320, jitter: 25, packetsLostFraction: 0.5 });
          await new Promise((r) => setTimeout(r, 1000));
        }
      }).catch(() => undefined);
      await page.locator('#setup-test-net[data-grade="fair"]').waitFor({ timeout: 20_000 });
      await page.locator('#setup-test').scrollIntoViewIfNeeded();
      await assertNothingClipped(page, 'test my set-up, done');
      await shot(page, 'setup-test', lang);
      await assertClean(app);
      await app.context.close();
    });

    test('the calling window panel, idle and ringing', async () => {
      const app = await openApp(build.browser, build.server.url, { locale, fake: { supported: false }, window: windowStatus() });
      const { page } = app;
      await page.locator('.calling-window').waitFor();
      await page.locator('#status-pill[data-status="ready"]').waitFor();
      await assertNothingClipped(page, 'calling window panel');
      await shot(page, 'calling-window-panel', lang);
      const ringing = windowStatus({ report: { registration: 'registered', error: null, call: { direction: 'incoming', state: 'ringing', number: '+15557654321', since: null } } });
      await page.evaluate((s) => /** @type {any} */ (window).__ipc.emit('calling-window', s), ringing);
      await page.locator('.cw-ringing-text').waitFor();
      if (lang === 'ja') assert.match((await page.locator('.cw-ringing-text').textContent()) ?? '', /^\+1 555 765 4321通話ウィンドウで応答してください。$/);
      await assertNothingClipped(page, 'calling window, ringing');
      await shot(page, 'calling-window-ringing', lang);
      await assertClean(app);
      await app.context.close();
    });
  });
}

describe('the language follows the system, and the choice in Settings', () => {
  test('a Japanese system gets Japanese; “English” in Settings applies at once, keeping what was typed', async () => {
    const app = await openApp(build.browser, build.server.url, { locale: 'ja-JP' });
    const { page } = app;
    await page.locator('#status-pill').getByText('待受中').waitFor();
    await page.locator('#number').fill('+15551234567');
    await page.locator('.icon-button[aria-expanded]').click();
    await page.getByRole('heading', { name: '設定' }).waitFor();
    const port = page.locator('#field-port');
    await port.fill('3001');

    await page.locator('#field-language').selectOption('en');
    // No reload: the same document, every word in English, the unsaved edit still there.
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await port.inputValue(), '3001');
    assert.equal(await page.locator('label[for="field-port"]').innerText(), 'Listener port');
    const save = (await page.evaluate(() => /** @type {any} */ (window).__ipc.calls)).find((/** @type {any} */ c) => c.cmd === 'save_settings');
    assert.deepEqual(save?.args, { changes: { language: 'en' } }, 'only the language is saved');
    await page.locator('.back').click();
    await page.locator('#status-pill').getByText('Ready').waitFor();
    assert.equal(await page.locator('#number').inputValue(), '+1 555 123 4567');

    // And back to following the system.
    await page.locator('.icon-button[aria-expanded]').click();
    await page.locator('#field-language').selectOption('auto');
    await page.getByRole('heading', { name: '設定' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    assert.ok((await ipcCalls(page)).filter((/** @type {string} */ c) => c === 'save_settings').length === 2);
    await assertClean(app);
    await app.context.close();
  });

  test('a saved choice wins over the system’s language from the start', async () => {
    const settings = completeSettings();
    settings.fields = settings.fields.map((/** @type {any} */ f) => (f.name === 'language' ? { ...f, value: 'ja', source: 'settings file' } : f));
    const app = await openApp(build.browser, build.server.url, { locale: 'en-US', settings });
    await app.page.locator('#status-pill').getByText('待受中').waitFor();
    assert.equal(await app.page.evaluate(() => document.documentElement.lang), 'ja');
    await assertClean(app);
    await app.context.close();
  });
});
