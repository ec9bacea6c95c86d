// The microphone, speaker and ringtone devices: which one the user chose, which one is in use,
// and the SDK's `device.audio` that applies them. The pure part (`resolveChoice`, the stored
// preferences) is unit-tested; `AudioDevices` is the driver the Phone owns, so views see plain
// lists and methods, never the SDK's AudioHelper.
//
// The choices live in the page's localStorage, not in the settings file: a device ID is only
// meaningful to the browser engine that handed it out (Chromium's calling window and the app's
// webview hash the same headset to different IDs), and a headset belongs to this machine, not
// to the Twilio account the settings describe.

import type { Listener, SdkAudio } from './sdk';

export type AudioKind = 'input' | 'speaker' | 'ringtone';
export const AUDIO_KINDS: readonly AudioKind[] = ['input', 'speaker', 'ringtone'];

/** The SDK's id for the OS default device. */
export const DEFAULT_ID = 'default';

/** A device as the SDK lists it. */
export interface AudioDeviceInfo {
  id: string;
  label: string;
}

/** What the user picked: a device by id, with its label to find it again when the id changes. */
export interface SavedChoice {
  id: string;
  label: string;
}

export type AudioChoices = Record<AudioKind, SavedChoice | null>;

export const NO_CHOICES: AudioChoices = { input: null, speaker: null, ringtone: null };

/** Where a saved choice led: the device to use, and how it was found. */
export interface Resolved {
  id: string;
  /** `id`: the same device; `label`: a device with the same name under a new id; `missing`: gone, default used; `default`: nothing chosen. */
  via: 'id' | 'label' | 'missing' | 'default';
}

/**
 * The device to use for `saved` among `available`. Browsers re-issue device ids (cleared site
 * data, a new profile, some docks on every plug-in), so an id that is gone is looked up again
 * by its label before giving up; a device that is really gone falls back to the default, and
 * the caller says so.
 */
export function resolveChoice(saved: SavedChoice | null, available: readonly AudioDeviceInfo[]): Resolved {
  if (saved === null || saved.id === DEFAULT_ID) return { id: DEFAULT_ID, via: 'default' };
  if (available.some((d) => d.id === saved.id)) return { id: saved.id, via: 'id' };
  const byLabel = saved.label ? available.find((d) => d.label === saved.label && d.id !== DEFAULT_ID) : undefined;
  if (byLabel) return { id: byLabel.id, via: 'label' };
  return { id: DEFAULT_ID, via: 'missing' };
}

// ---- stored preferences ----------------------------------------------------------------

export const STORAGE_KEY = 'dialtone.audio.v1';

/** The part of `Storage` we use, so tests can pass a Map-backed one. */
export interface PrefStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function isChoice(value: unknown): value is SavedChoice {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && v.id !== '' && typeof v.label === 'string';
}

/** The saved choices; anything unreadable counts as "nothing chosen" (never an error). */
export function loadChoices(store: PrefStore | null): AudioChoices {
  let raw: unknown;
  try {
    raw = JSON.parse(store?.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return { ...NO_CHOICES };
  }
  const out: AudioChoices = { ...NO_CHOICES };
  if (typeof raw !== 'object' || raw === null) return out;
  for (const kind of AUDIO_KINDS) {
    const value = (raw as Record<string, unknown>)[kind];
    if (isChoice(value)) out[kind] = { id: value.id, label: value.label };
  }
  return out;
}

export function saveChoices(store: PrefStore | null, choices: AudioChoices): void {
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Storage full or disabled: the choice still applies until the window closes.
  }
}

// ---- the driver ------------------------------------------------------------------------

/** What the Settings view shows. */
export interface AudioSnapshot {
  /** False until the phone has a Device (the SDK lists devices only then). */
  ready: boolean;
  inputs: readonly AudioDeviceInfo[];
  outputs: readonly AudioDeviceInfo[];
  /** False where the engine has no `setSinkId`: output pickers would do nothing. */
  outputSelection: boolean;
  /** The device in use per kind (`default` or an id from the lists). */
  inUse: Record<AudioKind, string>;
  /** Kinds whose chosen device is gone, so the default is used: the view says so. */
  missing: readonly AudioKind[];
}

export const NO_AUDIO: AudioSnapshot = {
  ready: false,
  inputs: [],
  outputs: [],
  outputSelection: false,
  inUse: { input: DEFAULT_ID, speaker: DEFAULT_ID, ringtone: DEFAULT_ID },
  missing: [],
};

function listOf(map: Map<string, MediaDeviceInfo>): AudioDeviceInfo[] {
  return [...map.values()].map((d) => ({ id: d.deviceId, label: d.label }));
}

export interface AudioDevicesHooks {
  /** A chosen device could not be applied (the SDK refused): words for the log. */
  failed(what: string, error: unknown): void;
  /** The snapshot changed. */
  changed(snapshot: AudioSnapshot): void;
}

/**
 * Applies the stored choices to one Device's `audio`, follows `deviceChange`, and keeps the
 * meter's listeners. A new Device gets the same choices (`attach`).
 */
export class AudioDevices {
  private audio: SdkAudio | null = null;
  private choices: AudioChoices;
  private current: AudioSnapshot = NO_AUDIO;
  private readonly levelListeners = new Set<(level: number) => void>();
  /** Whether someone wants the microphone open outside a call (the Settings meter). */
  private metering = false;
  private readonly onDeviceChange: Listener = () => void this.refresh();
  private readonly onInputVolume: Listener = (level: number) => {
    for (const listener of this.levelListeners) listener(level);
  };

  constructor(
    private readonly store: PrefStore | null,
    private readonly hooks: AudioDevicesHooks,
    /** True while a call is up: the SDK refuses to close the microphone then. */
    private readonly inCall: () => boolean,
  ) {
    this.choices = loadChoices(store);
  }

  get snapshot(): AudioSnapshot {
    return this.current;
  }

  /** Takes over a new Device's audio helper (null: the Device is gone). */
  attach(audio: SdkAudio | null): void {
    this.audio?.removeListener('deviceChange', this.onDeviceChange);
    this.audio?.removeListener('inputVolume', this.onInputVolume);
    this.audio = audio;
    if (!audio) {
      this.publish(NO_AUDIO);
      return;
    }
    audio.on('deviceChange', this.onDeviceChange);
    audio.on('inputVolume', this.onInputVolume);
    void this.refresh();
  }

  /** Chooses a device (`default` for the system's); remembered, applied at once, even mid-call. */
  async choose(kind: AudioKind, id: string): Promise<void> {
    const list = kind === 'input' ? this.current.inputs : this.current.outputs;
    const label = list.find((d) => d.id === id)?.label ?? '';
    this.choices = { ...this.choices, [kind]: id === DEFAULT_ID ? null : { id, label } };
    saveChoices(this.store, this.choices);
    await this.refresh();
  }

  /** Plays `url` on the speaker or ringtone device (the SDK's `test`, which uses setSinkId). */
  async test(kind: 'speaker' | 'ringtone', url: string): Promise<void> {
    const audio = this.audio;
    if (!audio) return;
    const collection = kind === 'speaker' ? audio.speakerDevices : audio.ringtoneDevices;
    try {
      await collection.test(url);
    } catch (error) {
      this.hooks.failed('test', error);
    }
  }

  /** The microphone level (0..1, up to 60 times a second) while the meter is on. */
  onInputLevel(listener: (level: number) => void): () => void {
    this.levelListeners.add(listener);
    return () => this.levelListeners.delete(listener);
  }

  /** Opens the chosen microphone for the Settings meter, or closes it again. */
  async setMetering(on: boolean): Promise<void> {
    this.metering = on;
    const audio = this.audio;
    if (!audio) return;
    if (on) {
      await this.applyInput(audio, this.current.inUse.input);
    } else if (!this.inCall()) {
      await audio.unsetInputDevice().catch(() => undefined);
    }
  }

  /**
   * Before a call starts: opens the chosen microphone, when it is not the default (null: nothing
   * to wait for, so answering stays synchronous). The SDK otherwise uses the browser's default.
   */
  beforeCall(): Promise<void> | null {
    const audio = this.audio;
    if (!audio || this.current.inUse.input === DEFAULT_ID) return null;
    return this.applyInput(audio, this.current.inUse.input);
  }

  /** After a call: close the microphone unless the meter is on. */
  afterCall(): void {
    if (!this.metering) void this.audio?.unsetInputDevice().catch(() => undefined);
  }

  /** Re-reads the lists, resolves every choice against them and applies what changed. */
  private async refresh(): Promise<void> {
    const audio = this.audio;
    if (!audio) return;
    const inputs = listOf(audio.availableInputDevices);
    const outputs = listOf(audio.availableOutputDevices);
    // The SDK fills its lists asynchronously after the Device starts (`deviceChange` follows):
    // empty lists mean "not known yet", not "every chosen device is gone".
    if (inputs.length === 0 && outputs.length === 0) {
      this.publish(NO_AUDIO);
      return;
    }
    const input = resolveChoice(this.choices.input, inputs);
    const speaker = resolveChoice(this.choices.speaker, outputs);
    const ringtone = resolveChoice(this.choices.ringtone, outputs);
    const outputSelection = audio.isOutputSelectionSupported;
    const before = this.current;
    this.publish({
      ready: true,
      inputs,
      outputs,
      outputSelection,
      inUse: { input: input.id, speaker: speaker.id, ringtone: ringtone.id },
      missing: AUDIO_KINDS.filter((kind) => ({ input, speaker, ringtone })[kind].via === 'missing'),
    });
    if (input.id !== before.inUse.input && (this.metering || this.inCall())) await this.applyInput(audio, input.id);
    if (!outputSelection) return;
    if (speaker.id !== before.inUse.speaker || !before.ready) await this.applyOutput(audio, 'speaker', speaker.id);
    if (ringtone.id !== before.inUse.ringtone || !before.ready) await this.applyOutput(audio, 'ringtone', ringtone.id);
  }

  private async applyInput(audio: SdkAudio, id: string): Promise<void> {
    try {
      // A live call swaps the track in place (`replaceTrack`): the call does not drop.
      await audio.setInputDevice(id);
    } catch (error) {
      this.hooks.failed('input', error);
    }
  }

  private async applyOutput(audio: SdkAudio, kind: 'speaker' | 'ringtone', id: string): Promise<void> {
    try {
      await (kind === 'speaker' ? audio.speakerDevices : audio.ringtoneDevices).set(id);
    } catch (error) {
      this.hooks.failed(kind, error);
    }
  }

  private publish(snapshot: AudioSnapshot): void {
    this.current = snapshot;
    this.hooks.changed(snapshot);
  }
}
