// Settings › Sound › "Test my set-up": one button that checks the microphone and speaker
// without a call (record three seconds, show the level, play it back), then, when the phone is
// connected, the network path to Twilio with a ten-second echo call, and says in plain words
// what it found. Never during a call; a call that starts meanwhile ends the test. The checks
// themselves are the Phone's parts (phone/setupCheck*.ts); this view shows their progress and
// verdicts.

import type { Msg } from '../../i18n/i18n';
import { DEFAULT_ID } from '../../phone/audioDevices';
import type { PhoneSnapshot } from '../../phone/device';
import { explainError } from '../../phone/errors';
import type { CallQuality } from '../../phone/quality';
import { gradeWords, meterLevel, microphoneWords, type NetworkSummary } from '../../phone/setupCheck';
import type { EchoCallHooks, EchoCallResult } from '../../phone/setupCheckCall';
import { browserMedia, checkMicrophone } from '../../phone/setupCheckMicrophone';
import { realClock } from '../../phone/timer';
import { h, hm } from '../dom';
import { localize, localizeMsg } from '../l10n';
import type { AudioControls } from './audioSection';

/** What the test needs from the Phone besides the audio devices. */
export interface SetupTestControls extends AudioControls {
  snapshot(): PhoneSnapshot;
  onChange(listener: (snapshot: PhoneSnapshot) => void): () => void;
  checkNetwork(hooks: EchoCallHooks): Promise<EchoCallResult | 'not-ready'>;
  stopNetworkCheck(): void;
}

function canTest(controls: AudioControls): controls is SetupTestControls {
  return 'checkNetwork' in controls && 'onChange' in controls;
}

/** Adds the test to `host` (Settings › Sound) when `controls` is a phone that can run it. */
export function mountSetupTest(host: HTMLElement, controls: AudioControls): void {
  if (canTest(controls)) host.append(new SetupTest(controls).el);
}

/** Read through a call: the signal may have fired while we awaited. */
function stoppedMeanwhile(signal: AbortSignal): boolean {
  return signal.aborted;
}

/** One figure for the sentence of figures; a dash when unknown. */
function figure(value: number | null, digits: number): string {
  return value === null ? '–' : value.toFixed(digits);
}

export class SetupTest {
  readonly el: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly duringCall: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly level: HTMLMeterElement;
  private readonly levelRow: HTMLElement;
  private readonly mic: { row: HTMLElement; what: HTMLElement; fix: HTMLElement };
  private readonly net: { row: HTMLElement; what: HTMLElement; figures: HTMLElement; fix: HTMLElement };
  private running: AbortController | null = null;

  constructor(private readonly controls: SetupTestControls) {
    this.button = hm('button', { type: 'button', class: 'secondary-button', id: 'setup-test-start' }, 'setup-test-start');
    this.button.addEventListener('click', () => void this.run());
    this.duringCall = hm('p', { class: 'field-hint', id: 'setup-test-during-call', hidden: true }, 'setup-test-during-call');
    this.progress = h('p', { class: 'setup-test-progress', id: 'setup-test-progress', role: 'status', 'aria-live': 'polite' });
    const levelLabel = hm('span', { class: 'level-label', id: 'setup-test-level-label' }, 'setup-test-level');
    this.level = h('meter', { class: 'level', id: 'setup-test-level', min: 0, max: 1, low: 0.5, high: 0.85, optimum: 0.6, value: 0, 'aria-labelledby': 'setup-test-level-label' });
    this.levelRow = h('div', { class: 'level-row', hidden: true }, levelLabel, this.level);
    this.mic = this.resultRow('setup-test-mic', 'setup-test-mic-title');
    const figures = h('p', { class: 'field-hint setup-test-figures' });
    this.net = { ...this.resultRow('setup-test-net', 'setup-test-net-title', figures), figures };
    this.el = h(
      'section',
      { class: 'setup-test', id: 'setup-test', 'aria-labelledby': 'setup-test-title' },
      hm('h3', { class: 'setup-test-title', id: 'setup-test-title' }, 'setup-test-title'),
      hm('p', { class: 'field-hint' }, 'setup-test-intro'),
      h('div', { class: 'audio-control' }, this.button),
      this.duringCall,
      this.progress,
      this.levelRow,
      this.mic.row,
      this.net.row,
    );
    controls.onChange((snapshot) => this.phoneChanged(snapshot));
    this.phoneChanged(controls.snapshot());
  }

  private resultRow(id: string, titleId: string, extra?: HTMLElement): { row: HTMLElement; what: HTMLElement; fix: HTMLElement } {
    const what = h('span', { class: 'setup-test-what' });
    const fix = h('p', { class: 'field-hint setup-test-fix' });
    const row = h('div', { class: 'setup-test-result', id, hidden: true }, h('p', {}, hm('strong', {}, titleId), ' ', what), extra, fix);
    return { row, what, fix };
  }

  /** Disabled during a call; a call that starts while the test runs ends the test. */
  private phoneChanged(snapshot: PhoneSnapshot): void {
    // Where this window cannot carry calls (Linux's webview), the calling window runs the test.
    this.el.hidden = snapshot.registration.status === 'unsupported';
    const inCall = snapshot.call.phase !== 'idle';
    this.button.disabled = inCall || this.running !== null;
    this.duringCall.hidden = !inCall;
    if (inCall && this.running) {
      this.running.abort();
      this.controls.stopNetworkCheck();
    }
  }

  private async run(): Promise<void> {
    if (this.running || this.controls.snapshot().call.phase !== 'idle') return;
    const running = new AbortController();
    this.running = running;
    this.button.disabled = true;
    this.mic.row.hidden = true;
    this.net.row.hidden = true;
    try {
      if (!(await this.checkMicrophone(running.signal))) return;
      await this.checkNetwork(running.signal);
    } finally {
      this.running = null;
      this.levelRow.hidden = true;
      this.phoneChanged(this.controls.snapshot());
    }
  }

  /** False when a call stopped the test. */
  private async checkMicrophone(signal: AbortSignal): Promise<boolean> {
    const devices = this.controls.audioDevices();
    localize(this.progress, 'setup-test-recording');
    this.level.value = 0;
    this.levelRow.hidden = false;
    const result = await checkMicrophone(browserMedia(), {
      inputId: devices.inUse.input,
      speakerId: devices.outputSelection ? devices.inUse.speaker : DEFAULT_ID,
      clock: realClock,
      signal,
      recording: (db) => {
        this.level.value = meterLevel(db);
      },
      playing: () => {
        this.levelRow.hidden = true;
        localize(this.progress, 'setup-test-playing');
      },
    });
    this.levelRow.hidden = true;
    if (result.outcome === 'stopped') {
      localize(this.progress, 'setup-test-stopped');
      return false;
    }
    const words = microphoneWords(result.outcome);
    this.show(this.mic, { id: words.what }, words.fix === null ? null : { id: words.fix }, result.outcome === 'ok' ? 'good' : 'poor');
    return true;
  }

  private async checkNetwork(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    localize(this.progress, 'setup-test-calling');
    const result = await this.controls.checkNetwork({
      measuring: (secondsLeft, quality) => {
        if (signal.aborted) return;
        localize(this.progress, 'setup-test-measuring', { seconds: secondsLeft });
        this.showFigures(quality);
      },
    });
    if (stoppedMeanwhile(signal) || (result !== 'not-ready' && result.kind === 'stopped')) {
      localize(this.progress, 'setup-test-stopped');
      this.net.row.hidden = true;
      return;
    }
    localize(this.progress, 'setup-test-done');
    if (result === 'not-ready') {
      this.net.figures.hidden = true;
      this.show(this.net, { id: 'setup-test-net-not-set-up' }, { id: 'setup-test-net-not-set-up-fix' }, 'poor');
      return;
    }
    switch (result.kind) {
      case 'done':
        this.showSummary(result.summary);
        return;
      case 'no-answer':
        this.net.figures.hidden = true;
        this.show(this.net, { id: 'setup-test-net-no-answer' }, { id: 'setup-test-net-no-answer-fix' }, 'poor');
        return;
      case 'hung-up-early':
        this.net.figures.hidden = true;
        this.show(this.net, { id: 'setup-test-net-hung-up' }, { id: 'setup-test-net-hung-up-fix' }, 'poor');
        return;
      case 'failed': {
        // Twilio's code in words (errors.ts): what it is, what it means, what to do.
        const explained = explainError(result.code, result.message);
        this.show(this.net, explained.title, explained.fix, 'poor');
        this.net.figures.hidden = false;
        localizeMsg(this.net.figures, explained.what);
        return;
      }
    }
  }

  private showSummary(summary: NetworkSummary): void {
    this.show(this.net, { id: gradeWords(summary.grade) }, summary.advice === null ? null : { id: summary.advice }, summary.grade ?? 'fair');
    if (summary.noEcho) localize(this.net.what, 'setup-test-net-no-echo');
    this.showFigures({ mos: summary.mos, rttMs: summary.rttMs, jitterMs: summary.jitterMs, lossPercent: summary.lossPercent, codec: summary.codec });
  }

  private showFigures(q: Pick<CallQuality, 'mos' | 'rttMs' | 'jitterMs' | 'lossPercent' | 'codec'>): void {
    this.net.row.hidden = false;
    this.net.figures.hidden = false;
    localize(this.net.figures, 'setup-test-net-figures', {
      mos: figure(q.mos, 1),
      rtt: figure(q.rttMs, 0),
      jitter: figure(q.jitterMs, 0),
      loss: figure(q.lossPercent, 1),
      codec: q.codec ?? '–',
    });
  }

  private show(row: { row: HTMLElement; what: HTMLElement; fix: HTMLElement }, what: Msg, fix: Msg | null, grade: 'good' | 'fair' | 'poor'): void {
    row.row.hidden = false;
    row.row.dataset.grade = grade;
    localizeMsg(row.what, what);
    row.fix.hidden = fix === null;
    if (fix !== null) localizeMsg(row.fix, fix);
  }
}
