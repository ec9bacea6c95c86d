// The "Local listener" card under the Webhook settings: the webhook listener's state, the exact
// Voice Request URL to paste (with a copy button), the Twilio Console steps, and the last
// webhook. Pushed updates change the state and last-webhook lines in place.

import type { WebhookStatus, SettingsStatus } from '../../contract';
import { formatDateTime, formatTime } from '../../i18n/i18n';
import { toBackendError, type AppBackend } from '../../ipc';
import { h, hm, setChildren } from '../dom';
import { icon } from '../icons';
import { localize } from '../l10n';
import { WiringCheckView } from '../setup/wiringCheck';

export class WebhookCard {
  readonly el = h('div', { class: 'listener card', 'aria-labelledby': 'listener-title' });
  private listener: WebhookStatus | null = null;
  /** The parts that change on their own (see `changed`). */
  private readonly stateLine = h('p', { class: 'listener-state', role: 'status' });
  private readonly lastWebhook = h('p', { class: 'field-hint last-webhook', role: 'status' });
  /** Where Twilio calls: the public URL's source, the tunnel, the last re-pointing. */
  private readonly whereLine = h('div', { class: 'listener-where', role: 'status' });
  /** The remote checks, with "Fix it". */
  readonly wiring: WiringCheckView;
  /** The Voice Request URL the card was drawn for. */
  private drawnUrl: string | null | undefined = undefined;

  /**
   * @param settings the settings the form shows, null before they loaded: the console steps
   *   name the user's TwiML App and number, and pushed updates wait for them.
   * @param fixed called when "Fix it" changed the settings.
   */
  constructor(
    private readonly backend: AppBackend,
    private readonly settings: () => SettingsStatus | null,
    fixed: () => void = () => undefined,
  ) {
    this.wiring = new WiringCheckView(backend, fixed);
  }

  /** The last listener status read; null when unknown. */
  get status(): WebhookStatus | null {
    return this.listener;
  }

  /** Keeps `status` (null: unknown) for the next `render`. */
  take(status: WebhookStatus | null): void {
    this.listener = status;
  }

  /**
   * A pushed listener status: the state line and the last webhook update in place, so focus
   * and a half-done copy stay where they are; the card is redrawn only when the Voice Request
   * URL itself changed.
   */
  changed(status: WebhookStatus): void {
    this.listener = status;
    if (!this.settings()) return;
    if (this.drawnUrl !== status.voiceRequestUrl) {
      this.render(null);
      return;
    }
    fillListenerState(this.stateLine, status, null);
    fillWhere(this.whereLine, status);
    fillLastWebhook(this.lastWebhook, status);
  }

  /** Draws the whole card; `error` says why the listener state could not be read. */
  render(error: string | null): void {
    const l = this.listener;
    const refresh = h('button', { type: 'button', class: 'icon-button small' }, icon('refresh'));
    localize(refresh, 'webhook-refresh');
    refresh.addEventListener('click', () => {
      void this.backend.webhookStatus().then(
        (status) => this.changed(status),
        (e: unknown) => fillListenerState(this.stateLine, this.listener, toBackendError(e).message),
      );
    });

    const url = l?.voiceRequestUrl ?? null;
    const urlBlock = url
      ? copyRow(url)
      : hm('p', { class: 'field-hint' }, 'webhook-no-url');

    const loaded = this.settings();
    const app = loaded?.fields.find((f) => f.name === 'twiml_app_sid')?.value;
    const number = loaded?.fields.find((f) => f.name === 'twilio_number')?.value;
    this.drawnUrl = url;
    fillListenerState(this.stateLine, l, error);
    fillWhere(this.whereLine, l);
    fillLastWebhook(this.lastWebhook, l);
    setChildren(
      this.el,
      h(
        'div',
        { class: 'listener-head' },
        hm('h3', { id: 'listener-title' }, 'webhook-title'),
        refresh,
      ),
      this.stateLine,
      this.whereLine,
      hm('h3', {}, 'webhook-voice-url'),
      urlBlock,
      h(
        'ol',
        { class: 'steps' },
        step('webhook-step-app', { menu: 'Voice › TwiML Apps', app: app ?? 'none', field: 'Voice Configuration › Request URL' }),
        step('webhook-step-number', { menu: 'Phone Numbers › Manage › Active numbers', number: number ?? 'none', choice: 'Configure with: TwiML App' }),
      ),
      this.lastWebhook,
      this.wiring.el,
    );
  }
}

/** One Twilio Console step: a sentence with the Console's menu names (in English, as the Console is) in bold. */
function step(id: string, args: Record<string, string>): HTMLElement {
  const li = h('li', {});
  localize(li, id, args, ['menu', 'field', 'choice']);
  return li;
}

/** Where Twilio calls: the URL in effect and its source, the tunnel, the last re-pointing. */
function fillWhere(el: HTMLElement, l: WebhookStatus | null): void {
  const lines: HTMLElement[] = [];
  if (l?.publicUrl) {
    lines.push(hm('p', { class: 'field-hint' }, 'setup-public-url-source', { url: l.publicUrl, source: l.publicUrlSource === 'tunnel' ? 'tunnel' : 'settings' }));
  }
  if (l?.tunnel && l.publicUrlSource !== 'tunnel') lines.push(hm('p', { class: 'field-hint' }, 'setup-tunnel-found', { agent: l.tunnel.agent, url: l.tunnel.publicBase }));
  if (l?.twilioCalls) lines.push(hm('p', { class: 'twilio-calls' }, 'setup-twilio-now-calls', { url: l.twilioCalls.url, time: formatTime(l.twilioCalls.at) }));
  if (l?.repointError) lines.push(hm('p', { class: 'field-error' }, 'setup-repoint-failed', { why: l.repointError }));
  if (l && !l.publicUrl) {
    lines.push(hm('p', { class: 'field-hint' }, 'setup-no-tunnel'));
    for (const note of l.tunnelNotes ?? []) lines.push(h('p', { class: 'field-hint' }, note));
  }
  const text = lines.map((p) => p.textContent).join('\n');
  // Unchanged: leave it, so a screen reader does not announce it again.
  if (el.dataset.text === text) return;
  el.dataset.text = text;
  setChildren(el, ...lines);
}

/** The Voice Request URL with a copy button that says whether copying worked. */
function copyRow(text: string): HTMLElement {
  const code = h('code', { class: 'url-text', id: 'voice-url' }, text);
  localize(code, 'webhook-url-code');
  const label = hm('span', {}, 'webhook-copy');
  const button = h('button', { type: 'button', class: 'secondary-button copy', 'aria-describedby': 'voice-url' }, icon('copy'), label);
  const done = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  button.addEventListener('click', () => {
    void copyText(text, code).then((ok) => {
      localize(label, ok ? 'webhook-copied' : 'webhook-press-ctrl-c');
      localize(done, ok ? 'webhook-copied-spoken' : 'webhook-copy-failed');
      button.classList.toggle('done', ok);
    });
  });
  button.addEventListener('blur', () => {
    localize(label, 'webhook-copy');
    button.classList.remove('done');
  });
  return h('div', { class: 'copy-row' }, code, button, done);
}

function fillListenerState(line: HTMLElement, l: WebhookStatus | null, error: string | null): void {
  const [id, args]: [string, Record<string, string>?] = error
    ? ['webhook-state-unreadable', { message: error }]
    : !l
      ? ['webhook-state-unknown']
      : l.state === 'listening'
        ? l.address
          ? ['webhook-listening', { address: l.address }]
          : ['webhook-listening-unknown']
        : l.state === 'starting'
          ? ['webhook-starting']
          : l.state === 'failed'
            ? l.error
              ? ['webhook-failed', { message: l.error }]
              : ['webhook-failed-unknown']
            : ['webhook-stopped'];
  const state = error ? 'failed' : (l?.state ?? 'unknown');
  const key = `${id} ${JSON.stringify(args ?? {})}`;
  // Unchanged: leave it, so a screen reader does not announce it again.
  if (line.dataset.state === state && line.dataset.shown === key) return;
  line.dataset.state = state;
  line.dataset.shown = key;
  const text = hm('span', {}, id, args);
  setChildren(line, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), text);
}

function fillLastWebhook(line: HTMLElement, l: WebhookStatus | null): void {
  const last = l?.lastWebhook;
  if (last) localize(line, 'webhook-last', { time: formatDateTime(last.at), status: String(last.status), outcome: last.outcome });
  else localize(line, 'webhook-none-yet');
}

async function copyText(text: string, source: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Some webviews refuse the async clipboard; fall back to copying a selection.
    window.getSelection()?.selectAllChildren(source);
    try {
      // eslint-disable-next-line @typescript-eslint/no-deprecated
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
