// The window: status bar, then one screen at a time (the phone's tabs, call, incoming call,
// settings; screen.ts chooses which), with the device log folded into Diagnostics under the
// phone screens. The tabs (Keypad, Recents, Voicemail, Contacts) are phoneTabs.ts.

import type { FieldName, SettingsStatus, WindowStatus } from '../contract';
import { language, msg, onLanguageChange, resolveLanguage, setLanguage, t } from '../i18n/i18n';
import { toBackendError, type AppBackend, type CallingWindowControl } from '../ipc';
import { DEFAULT_ID } from '../phone/audioDevices';
import type { Phone, PhoneSnapshot } from '../phone/device';
import { formatForDisplay, homeRegionOf } from '../phone/number';
import { windowRegistration } from '../phone/report';
import { CallerNames } from './callerNames';
import { CallView } from './callView';
import { AudioSection } from './settings/audioSection';
import { CallingWindowView } from './callingWindow';
import { DialView } from './dialpad';
import { diagnostics } from './diagnostics';
import { h, hm } from './dom';
import { icon } from './icons';
import { IncomingView } from './incoming';
import { localize, relocalize } from './l10n';
import { LogView } from './log';
import { PhoneTabs } from './phoneTabs';
import { chooseScreen, type Screen } from './screen';
import { SettingsView } from './settings/panel';
import { StatusView } from './status';

/** Changing these needs a new token and Device. */
const PHONE_FIELDS: ReadonlySet<FieldName> = new Set([
  'account_sid', 'api_key_sid', 'api_key_secret', 'twiml_app_sid', 'twilio_number', 'identity',
]);

export class App {
  private readonly status: StatusView;
  private readonly dial: DialView;
  private readonly call: CallView;
  private readonly incoming: IncomingView;
  private readonly settings: SettingsView;
  /** Settings › Sound (its microphone meter runs only while Settings is open). */
  private readonly audio: AudioSection;
  private readonly log: LogView;
  private readonly settingsButton: HTMLButtonElement;
  private readonly screens: Record<Screen, HTMLElement>;
  private readonly phoneArea: HTMLElement;
  private settingsOpen = false;
  private screen: Screen | null = null;
  /** The user's Twilio number (E.164): "Calls to … ring here", and the home country code. */
  private ownNumber: string | null = null;
  /** The settings are incomplete: the status bar asks for setup. */
  private setupNeeded = false;
  private readonly supported: boolean;
  /** Set where this window cannot carry calls and drives the calling window instead. */
  private readonly callingWindow: CallingWindowControl | null;
  private readonly windowView: CallingWindowView;
  private windowStatus: WindowStatus | null = null;
  /** Counts `calling-window` events: a command's answer older than an event is dropped. */
  private windowEvents = 0;
  /**
   * A number another program handed over with "call at once", waiting for the phone to be
   * able to call (it may still be registering); the dial pad shows it meanwhile.
   */
  private callWhenReady: string | null = null;
  private readonly notice: HTMLElement;
  private readonly tabs: PhoneTabs;
  private readonly names: CallerNames;
  /** The last call phase rendered: a call that just ended is in the journal now. */
  private lastPhase: PhoneSnapshot['call']['phase'] = 'idle';

  constructor(
    private readonly root: HTMLElement,
    private readonly backend: AppBackend,
    private readonly phone: Phone,
    supported: boolean,
    callingWindow: CallingWindowControl | null = null,
  ) {
    this.supported = supported;
    this.callingWindow = supported ? null : callingWindow;
    this.windowView = new CallingWindowView({
      homeRegion: () => homeRegionOf(this.ownNumber),
      reopen: () => void this.openCallingWindow(),
    });
    this.notice = h('p', { class: 'banner warning app-notice', role: 'alert', hidden: true });
    this.status = new StatusView({ openSettings: () => this.openSettings(), retry: () => void this.phone.retry() });
    this.dial = new DialView({
      call: (n) => void this.phone.dial(n),
      homeRegion: () => homeRegionOf(this.ownNumber),
      blockedReason: () => this.phone.dialBlockedReason(),
    });
    this.audio = new AudioSection(phone);
    this.call = new CallView({
      homeRegion: () => homeRegionOf(this.ownNumber),
      nameOf: (number) => this.names.nameOf(number),
      hangUp: () => this.phone.hangUp(),
      toggleMute: () => this.phone.toggleMute(),
      sendDigit: (d) => this.phone.sendDigit(d),
    }, new AudioSection(phone, { meter: false, idPrefix: 'call-audio' }).el);
    phone.onCallLevels((levels) => this.call.meters.levels(levels));
    this.names = new CallerNames(backend, () => this.render(this.phone.snapshot()));
    this.incoming = new IncomingView({
      homeRegion: () => homeRegionOf(this.ownNumber),
      nameOf: (number) => this.names.nameOf(number),
      accept: () => this.phone.accept(),
      reject: () => this.phone.reject(),
    });
    this.settings = new SettingsView(backend, {
      changed: (status, fields) => this.settingsChanged(status, fields),
      close: () => this.closeSettings(),
      extra: this.audio.el,
    });
    this.log = new LogView();

    this.settingsButton = h('button', { type: 'button', class: 'icon-button', 'aria-expanded': 'false' }, icon('settings'));
    localize(this.settingsButton, 'app-settings-button');
    this.settingsButton.addEventListener('click', () => (this.settingsOpen ? this.closeSettings() : this.openSettings()));

    this.screens = {
      dial: h('div', { class: 'screen screen-dial' }, this.dial.el),
      call: h('div', { class: 'screen screen-call' }, this.call.el),
      incoming: h('div', { class: 'screen screen-incoming' }, this.incoming.el),
      settings: h('div', { class: 'screen screen-settings' }, this.settings.el),
      unsupported: h('div', { class: 'screen screen-unsupported' }, unsupportedNotice()),
      'calling-window': h('div', { class: 'screen screen-calling-window' }, this.windowView.el),
    };
    for (const el of Object.values(this.screens)) el.hidden = true;

    this.tabs = new PhoneTabs(
      backend,
      h('div', { class: 'keypad-screens' }, this.screens.dial, this.screens.unsupported, this.screens['calling-window']),
      {
        homeRegion: () => homeRegionOf(this.ownNumber),
        // Where this window carries calls, Recents and Contacts call back through the keypad's path.
        callBack: supported ? (number) => void this.phone.dial(number) : null,
        namesChanged: () => {
          this.names.forget();
          void this.tabs.refresh('recents');
          void this.tabs.refresh('voicemail');
        },
        now: () => Date.now(),
        visible: () => document.visibilityState !== 'hidden',
        greetingAudio: {
          microphone: () => this.phone.audioDevices().inUse.input,
          speaker: () => {
            const devices = this.phone.audioDevices();
            return devices.outputSelection ? devices.inUse.speaker : DEFAULT_ID;
          },
          inCall: () => this.phone.snapshot().call.phase !== 'idle',
        },
      },
      storageOf('sessionStorage'),
      storageOf('localStorage'),
    );
    this.phoneArea = h(
      'div',
      { class: 'phone-area' },
      this.tabs.bar.el,
      ...Object.values(this.tabs.panels),
      this.screens.call,
      this.screens.incoming,
      diagnostics(this.log, storageOf('sessionStorage')),
    );
    // The journal may have changed while the window was in the background (a missed call).
    window.addEventListener('focus', () => void this.tabs.refresh());
    const header = h(
      'header',
      { class: 'topbar' },
      h('h1', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, icon('call')), 'Dialtone'),
      this.status.pill,
      this.settingsButton,
    );
    root.append(header, this.status.detail, this.notice, h('main', { class: 'main' }, this.phoneArea, this.screens.settings));

    for (const entry of phone.log) this.log.add(entry);
    phone.onLog((entry) => this.log.add(entry));
    phone.onChange((snapshot) => this.render(snapshot));
    document.addEventListener('keydown', (event) => this.onKey(event));
    onLanguageChange(() => this.languageChanged());
    this.render(phone.snapshot());
  }

  /** Every word on screen in the new language, at once: nothing is rebuilt, nothing typed is lost. */
  private languageChanged(): void {
    document.documentElement.lang = language();
    relocalize(this.root);
    this.windowView.render(this.windowStatus);
    this.settings.languageChanged();
    this.dial.refresh();
    this.tabs.languageChanged();
    this.render(this.phone.snapshot());
  }

  /** Loads settings (first launch opens them), then starts the phone. */
  async start(): Promise<void> {
    const listening = this.listenToCallingWindow();
    const following = this.followListener();
    const commanded = this.followCommands();
    const opening = this.followOpenAt();
    const journal = this.followJournal();
    const settingsLoad = this.backend.settingsStatus().then(
      (status) => {
        this.takeSettings(status);
        if (!status.complete && this.backend.canEditSettings) {
          this.openSettings();
        } else {
          this.render(this.phone.snapshot());
          if (this.screen === 'dial') this.dial.focus();
        }
        return status.complete;
      },
      () => true, // The phone start below reports what is wrong; the calling window too.
    );
    // Rust opens the calling window itself at start; this window offers to reopen it.
    await Promise.all([settingsLoad, this.phone.start(), listening, following, commanded, opening, journal, this.tabs.refresh()]);
  }

  /** Rereads the settings after a save elsewhere (the app window, for the calling window page). */
  async reloadSettings(): Promise<void> {
    try {
      this.takeSettings(await this.backend.settingsStatus());
      this.render(this.phone.snapshot());
    } catch {
      // The phone's restart says what is wrong.
    }
  }

  /** Says this calling window's session is gone (HTTP 401): only the app can open a new one. */
  sessionLost(): void {
    localize(this.notice, 'session-lost');
    this.notice.hidden = false;
    // Two windows must never ring for one call: this one stops (after a call in progress).
    this.phone.retire(msg('status-window-replaced'));
  }

  // ---- the calling window (native window without WebRTC) ----------------------------------

  private async listenToCallingWindow(): Promise<void> {
    const control = this.callingWindow;
    if (!control) return;
    try {
      await control.onCallingWindow((status) => {
        this.windowEvents++;
        this.windowChanged(status);
      });
      const seen = this.windowEvents;
      const status = await control.callingWindowStatus();
      if (seen === this.windowEvents) this.windowChanged(status);
    } catch (error) {
      this.phone.note('error', t('log-cant-follow-window', { message: toBackendError(error).message }));
    }
  }

  /**
   * Carries out what Rust asks of the phone (a notification's Answer, `dialtone hangup`, a
   * shortcut, a `tel:` link…), in the window that carries calls only: where this window cannot,
   * the calling window hears the same command.
   */
  private async followCommands(): Promise<void> {
    if (!this.supported) return;
    try {
      await this.backend.onPhoneCommand((command) => {
        // A key binding pressed at the wrong moment says why nothing happened.
        const phase = this.phone.snapshot().call.phase;
        switch (command.action) {
          case 'answer':
            if (phase === 'incoming') this.phone.accept();
            else this.phone.note('info', t('log-asked-answer-no-call'));
            break;
          case 'decline':
            this.phone.reject();
            break;
          case 'hangUp':
            if (phase !== 'idle') this.phone.hangUp();
            else this.phone.note('info', t('log-asked-hang-up-no-call'));
            break;
          case 'toggleMute':
            if (phase === 'active') this.phone.toggleMute();
            else this.phone.note('info', t('log-asked-mute-no-call'));
            break;
          case 'dial':
            this.numberHandedIn(command.number, command.now);
            break;
        }
      });
    } catch (error) {
      this.phone.note('error', t('log-cant-follow-commands', { message: toBackendError(error).message }));
    }
  }

  /**
   * A number from another program (`dialtone call`, a `tel:` link): into the dial pad, where it
   * waits for one press of Call, or, with "call at once", is called as soon as the phone can.
   * A call in progress is never interrupted.
   */
  private numberHandedIn(number: string, now: boolean): void {
    if (this.phone.snapshot().call.phase !== 'idle') {
      this.phone.note('warn', t('log-handed-in-during-call', { number }));
      return;
    }
    if (this.settingsOpen) this.closeSettings();
    this.dial.setNumber(number);
    this.dial.focus();
    this.callWhenReady = now ? number : null;
    if (now) this.callHandedInNumber();
    else this.phone.note('info', t('log-handed-in', { number }));
  }

  /** Places the handed-in call once nothing blocks it (the phone may still be registering). */
  private callHandedInNumber(): void {
    const number = this.callWhenReady;
    if (number === null || this.phone.snapshot().call.phase !== 'idle') return;
    // The user changed the number meanwhile: theirs is not ours to call.
    if (this.dial.input.value !== this.dial.valueFor(number)) {
      this.callWhenReady = null;
      return;
    }
    if (this.phone.dialBlockedReason() !== null) return;
    this.callWhenReady = null;
    this.dial.callNow();
  }

  /** Keeps the settings panel's listener card live (state, last webhook) while it is open. */
  private async followListener(): Promise<void> {
    try {
      await this.backend.onWebhookStatus((status) => this.settings.webhookChanged(status));
    } catch (error) {
      this.phone.note('error', t('log-cant-follow-webhook', { message: toBackendError(error).message }));
    }
  }

  /**
   * A click on a notification opens the phone here (`open-at`, in the window that carries
   * calls): the tab with that call or voicemail, shown and focused. A call on screen stays.
   */
  private async followOpenAt(): Promise<void> {
    try {
      await this.backend.onOpenAt((at) => {
        if (this.phone.snapshot().call.phase !== 'idle') return;
        if (this.settingsOpen) this.closeSettings();
        void this.tabs.openAt(at);
      });
    } catch (error) {
      this.phone.note('error', t('log-cant-follow-commands', { message: toBackendError(error).message }));
    }
  }

  /**
   * The journal changed, whoever wrote it (a voicemail, a missed call, `dialtone contacts
   * import`): the badges and the lists on screen follow at once, and the call screens ask for
   * names afresh. Nothing moves under the user: unchanged rows stay, focus and place with them.
   */
  private async followJournal(): Promise<void> {
    try {
      await this.backend.onJournalChanged(() => {
        this.names.forget();
        void this.tabs.journalChanged();
      });
    } catch (error) {
      this.phone.note('error', t('log-cant-follow-journal', { message: toBackendError(error).message }));
    }
  }

  private async openCallingWindow(): Promise<void> {
    const control = this.callingWindow;
    if (!control) return;
    const seen = this.windowEvents;
    try {
      const status = await control.openCallingWindow();
      // An event that arrived meanwhile is newer than this answer.
      if (seen === this.windowEvents) this.windowChanged(status);
    } catch (error) {
      const message = toBackendError(error).message;
      this.windowChanged({ connected: false, report: null, browser: null, ...this.windowStatus, error: message });
    }
  }

  private windowChanged(status: WindowStatus): void {
    const wasRinging = isRingingIn(this.windowStatus);
    this.windowStatus = status;
    this.windowView.render(status);
    // An incoming call takes the screen, like in a window that rings itself.
    if (isRingingIn(status) && !wasRinging && this.settingsOpen) this.settingsOpen = false;
    this.render(this.phone.snapshot());
  }

  private render(snapshot: PhoneSnapshot): void {
    const registration = this.callingWindow ? windowRegistration(this.windowStatus, this.setupNeeded) : snapshot.registration;
    // Users know their number, not the client identity the token carries.
    const shown =
      registration.status === 'ready' && this.ownNumber && !this.callingWindow
        ? { ...registration, detail: msg('status-ready-number', { number: formatForDisplay(this.ownNumber, homeRegionOf(this.ownNumber)) }) }
        : registration;
    this.status.render(shown, this.settingsOpen);
    // Each call asks for its caller's name afresh: contacts may have changed where this page
    // cannot see it (`dialtone contacts import` while the app runs, the other window).
    if (snapshot.call.phase !== 'idle' && this.lastPhase === 'idle') this.names.forget();
    this.call.render(snapshot.call);
    this.call.meters.quality(this.phone.callQuality());
    this.dial.setAvailable(this.phone.dialBlockedReason() === null);
    this.incoming.render(snapshot.call);
    const phase = snapshot.call.phase;
    if (phase === 'idle' && this.lastPhase !== 'idle') void this.tabs.refresh();
    if (phase !== 'idle' && this.lastPhase === 'idle') this.tabs.voicemail.greeting.callStarted();
    this.lastPhase = phase;
    // A call takes the screen over settings, which stay closed after it.
    if (phase !== 'idle' && this.settingsOpen) this.settingsOpen = false;
    const next = chooseScreen({
      settingsOpen: this.settingsOpen,
      call: phase,
      supported: this.supported,
      drivesCallingWindow: this.callingWindow !== null,
    });
    this.settingsButton.disabled = phase !== 'idle';
    // The microphone meter keeps the microphone open: only while Settings shows.
    this.audio.setOpen(next === 'settings');
    this.show(next);
    if (this.callWhenReady !== null) this.callHandedInNumber();
  }

  private show(next: Screen): void {
    if (next === this.screen) return;
    const previous = this.screen;
    this.screen = next;
    for (const [name, el] of Object.entries(this.screens)) el.hidden = name !== next;
    this.phoneArea.hidden = next === 'settings';
    this.root.dataset.screen = next;
    const onPhone = next === 'dial' || next === 'unsupported' || next === 'calling-window';
    this.tabs.setShown(onPhone);
    this.settingsButton.setAttribute('aria-expanded', String(next === 'settings'));
    // Move focus with the screen so keyboard and screen-reader users follow along.
    if (next === 'incoming') this.incoming.focus();
    else if (next === 'call' && previous !== 'call') this.call.focus();
    else if (next === 'settings') this.settings.focus();
    else if (next === 'calling-window' && previous === 'settings') this.windowView.focus();
    else if (next === 'dial' && previous !== null) {
      if (previous === 'call' || previous === 'incoming') this.dial.clear();
      if (this.tabs.tab === 'keypad') this.dial.focus();
      else this.tabs.bar.focus();
    }
  }

  private openSettings(): void {
    if (this.phone.snapshot().call.phase !== 'idle') return;
    this.settingsOpen = true;
    void this.settings.refresh();
    this.render(this.phone.snapshot());
  }

  private closeSettings(): void {
    this.settingsOpen = false;
    this.render(this.phone.snapshot());
    this.settingsButton.focus();
    // E.g. the keychain was unlocked meanwhile: try again rather than wait for a click.
    if (this.phone.snapshot().registration.status === 'error') void this.phone.retry();
  }

  /** What the phone screens need from the settings: the number, and whether setup is done. */
  private takeSettings(status: SettingsStatus): void {
    this.ownNumber = status.fields.find((f) => f.name === 'twilio_number')?.value ?? null;
    this.setupNeeded = !status.complete;
    const choice = status.fields.find((f) => f.name === 'language')?.value ?? 'auto';
    setLanguage(resolveLanguage(choice, navigator.languages));
  }

  private settingsChanged(status: SettingsStatus, fields: FieldName[]): void {
    this.takeSettings(status);
    this.render(this.phone.snapshot());
    const phoneNeedsIt = fields.some((f) => PHONE_FIELDS.has(f)) || this.phone.snapshot().registration.status === 'error';
    if (status.complete && phoneNeedsIt) void this.phone.restart();
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target && (target.closest('input, textarea, select') || target.isContentEditable)) return;
    // Let Enter and Space activate the focused button as usual.
    if ((event.key === 'Enter' || event.key === ' ') && target?.closest('button, summary, a')) return;
    let handled = false;
    if (this.screen === 'dial' && this.tabs.tab === 'keypad') handled = this.dial.handleKey(event);
    else if (this.screen === 'call') handled = this.call.handleKey(event);
    if (handled) event.preventDefault();
  }
}

/** Web storage, or null where the page may not use it (a locked-down webview). */
function storageOf(name: 'sessionStorage' | 'localStorage'): Storage | null {
  try {
    return window[name];
  } catch {
    return null;
  }
}

function isRingingIn(status: WindowStatus | null): boolean {
  const call = status?.connected ? status.report?.call : null;
  return call?.direction === 'incoming' && call.state === 'ringing';
}

function unsupportedNotice(): HTMLElement {
  return h(
    'section',
    { class: 'unsupported card', 'aria-labelledby': 'unsupported-title' },
    h('div', { class: 'unsupported-icon', 'aria-hidden': 'true' }, icon('warning')),
    hm('h2', { id: 'unsupported-title' }, 'unsupported-title'),
    hm('p', {}, 'unsupported-why'),
    hm('h3', {}, 'unsupported-what-to-do'),
    h(
      'ul',
      {},
      hm('li', {}, 'unsupported-step-settings'),
      hm('li', {}, 'unsupported-step-browser'),
      hm('li', {}, 'unsupported-step-other-systems'),
    ),
  );
}
