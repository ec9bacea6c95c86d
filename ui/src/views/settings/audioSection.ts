// Settings › Sound: the microphone, speaker and ringtone device, each "System default" or a
// device the SDK lists; a live microphone meter while Settings is open; a test sound on each
// output; the ringtone (a bundled tone, its volume, a "Play" preview). Where the engine cannot choose outputs (no `setSinkId`) the output pickers are not
// shown at all, and the card says why. The choices are the Phone's (phone/audioDevices.ts);
// this card only shows them and passes the user's picks on.

import { DEFAULT_ID, type AudioDeviceInfo, type AudioKind, type AudioSnapshot } from '../../phone/audioDevices';
import { RINGTONES, type RingtoneChoice, type RingtoneName } from '../../phone/ringtone';
import { h, setChildren } from '../dom';
import { localize, unbind } from '../l10n';
import { mountSetupTest } from './setupTest';

/** What the card needs from the Phone. */
export interface AudioControls {
  audioDevices(): AudioSnapshot;
  onAudioDevices(listener: (snapshot: AudioSnapshot) => void): () => void;
  chooseAudioDevice(kind: AudioKind, id: string): Promise<void>;
  testOutput(kind: 'speaker' | 'ringtone'): Promise<void>;
  meterMicrophone(on: boolean): Promise<void>;
  onMicrophoneLevel(listener: (level: number) => void): () => void;
  ringtoneChoice(): RingtoneChoice;
  chooseRingtone(tone: RingtoneName): void;
  setRingtoneVolume(volume: number | string): void;
  previewRingtone(): void;
}

interface Picker {
  row: HTMLElement;
  select: HTMLSelectElement;
  missing: HTMLElement;
}

const LABEL_ID: Record<AudioKind, string> = {
  input: 'audio-microphone',
  speaker: 'audio-speaker',
  ringtone: 'audio-ringtone-device',
};

export class AudioSection {
  readonly el: HTMLElement;
  private readonly pickers: Record<AudioKind, Picker>;
  private readonly notReady: HTMLElement;
  private readonly unsupported: HTMLElement;
  private readonly meter: HTMLMeterElement;
  private readonly meterRow: HTMLElement;
  private open = false;
  private readonly prefix: string;
  private readonly withMeter: boolean;
  private stopLevels: (() => void) | null = null;

  /** `meter`: show the microphone meter (Settings); the call screen's copy has none, its call meters do that. */
  constructor(
    private readonly phone: AudioControls,
    { meter = true, idPrefix = 'audio' }: { meter?: boolean; idPrefix?: string } = {},
  ) {
    this.prefix = idPrefix;
    this.withMeter = meter;
    this.pickers = {
      input: this.picker('input', null),
      speaker: this.picker('speaker', 'speaker'),
      ringtone: this.picker('ringtone', 'ringtone'),
    };
    const meterLabel = h('span', { id: `${idPrefix}-mic-level-label`, class: 'level-label' });
    localize(meterLabel, 'audio-mic-level');
    this.meter = h('meter', { class: 'level', id: `${idPrefix}-mic-level`, min: 0, max: 1, low: 0.5, high: 0.75, optimum: 0.2, value: 0, 'aria-labelledby': `${idPrefix}-mic-level-label` });
    this.meterRow = h('div', { class: 'level-row', hidden: !meter }, meterLabel, this.meter);
    this.notReady = h('p', { class: 'field-hint audio-not-ready' });
    localize(this.notReady, 'audio-not-ready');
    this.unsupported = h('p', { class: 'banner warning audio-unsupported', role: 'note' });
    localize(this.unsupported, 'audio-outputs-unsupported');
    const legend = h('legend', {});
    localize(legend, 'audio-title');
    this.el = h(
      'fieldset',
      { class: 'card audio-card', id: `${idPrefix}-settings` },
      legend,
      this.notReady,
      this.pickers.input.row,
      this.meterRow,
      this.unsupported,
      this.pickers.speaker.row,
      this.pickers.ringtone.row,
      ...(meter ? this.ringtoneRows() : []),
    );
    if (meter) mountSetupTest(this.el, phone);
    phone.onAudioDevices((snapshot) => this.render(snapshot));
    this.render(phone.audioDevices());
  }

  /** Settings opened or closed: the meter opens the microphone only meanwhile. */
  setOpen(open: boolean): void {
    if (open === this.open || !this.withMeter) return;
    this.open = open;
    if (open) {
      this.stopLevels = this.phone.onMicrophoneLevel((level) => {
        this.meter.value = level;
      });
    } else {
      this.stopLevels?.();
      this.stopLevels = null;
      this.meter.value = 0;
    }
    void this.phone.meterMicrophone(open);
  }

  /** The tone picker with its "Play" button, and the volume slider (Settings only: not needed mid-call). */
  private ringtoneRows(): HTMLElement[] {
    const chosen = this.phone.ringtoneChoice();
    const toneId = `${this.prefix}-ringtone-tone`;
    const toneLabel = h('label', { for: toneId });
    localize(toneLabel, 'audio-ringtone');
    const select = h('select', { id: toneId, name: toneId, class: 'text-input' });
    setChildren(
      select,
      ...RINGTONES.map((tone) => {
        const option = h('option', { value: tone });
        localize(option, 'audio-ringtone-name', { tone });
        return option;
      }),
    );
    select.value = chosen.tone;
    select.addEventListener('change', () => this.phone.chooseRingtone(select.value as RingtoneName));
    const play = h('button', { type: 'button', class: 'secondary-button audio-ringtone-play' });
    localize(play, 'audio-ringtone-play');
    play.addEventListener('click', () => this.phone.previewRingtone());
    const toneRow = h('div', { class: 'field audio-field', 'data-kind': 'ringtone-tone' }, toneLabel, h('div', { class: 'audio-control' }, select, play));

    const volumeId = `${this.prefix}-ringtone-volume`;
    const volumeLabel = h('label', { for: volumeId });
    localize(volumeLabel, 'audio-ringtone-volume');
    const slider = h('input', { id: volumeId, name: volumeId, type: 'range', min: 0, max: 100, step: 5, value: chosen.volume });
    const shown = h('output', { for: volumeId, class: 'audio-volume-value' });
    const show = (percent: number): void => {
      localize(shown, 'audio-ringtone-volume-value', { percent });
    };
    show(chosen.volume);
    slider.addEventListener('input', () => show(slider.valueAsNumber));
    slider.addEventListener('change', () => {
      this.phone.setRingtoneVolume(slider.valueAsNumber);
      show(slider.valueAsNumber);
    });
    const volumeRow = h('div', { class: 'field audio-field', 'data-kind': 'ringtone-volume' }, volumeLabel, h('div', { class: 'audio-control' }, slider, shown));
    return [toneRow, volumeRow];
  }

  private picker(kind: AudioKind, test: 'speaker' | 'ringtone' | null): Picker {
    const id = `${this.prefix}-${kind}`;
    const label = h('label', { for: id });
    localize(label, LABEL_ID[kind]);
    const select = h('select', { id, name: id, class: 'text-input' });
    select.addEventListener('change', () => void this.phone.chooseAudioDevice(kind, select.value));
    const missing = h('p', { class: 'field-problem audio-missing', hidden: true, role: 'status' });
    localize(missing, 'audio-missing', { kind });
    let button: HTMLButtonElement | null = null;
    if (test !== null) {
      button = h('button', { type: 'button', class: 'secondary-button audio-test' });
      localize(button, 'audio-test-sound');
      button.addEventListener('click', () => void this.phone.testOutput(test));
    }
    const row = h('div', { class: 'field audio-field', 'data-kind': kind }, label, h('div', { class: 'audio-control' }, select, button), missing);
    return { row, select, missing };
  }

  private render(snapshot: AudioSnapshot): void {
    this.notReady.hidden = snapshot.ready;
    this.meterRow.hidden = !snapshot.ready || !this.withMeter;
    this.unsupported.hidden = !snapshot.ready || snapshot.outputSelection;
    for (const kind of ['input', 'speaker', 'ringtone'] as const) {
      const picker = this.pickers[kind];
      const output = kind !== 'input';
      picker.row.hidden = !snapshot.ready || (output && !snapshot.outputSelection);
      fillOptions(picker.select, output ? snapshot.outputs : snapshot.inputs, snapshot.inUse[kind]);
      picker.missing.hidden = !snapshot.missing.includes(kind);
    }
  }
}

/** "System default" first, then every named device (the SDK's own `default` entry is that one). */
function fillOptions(select: HTMLSelectElement, devices: readonly AudioDeviceInfo[], selected: string): void {
  const first = h('option', { value: DEFAULT_ID });
  localize(first, 'audio-system-default');
  const options = [first];
  for (const device of devices) {
    if (device.id === DEFAULT_ID) continue;
    const option = h('option', { value: device.id });
    if (device.label) {
      unbind(option);
      option.textContent = device.label;
    } else {
      localize(option, 'audio-unnamed-device', { id: device.id.slice(0, 8) });
    }
    options.push(option);
  }
  setChildren(select, ...options);
  select.value = selected;
}
