// The incoming ring: which bundled tone, how loud, and the player that rings it on the ringtone
// device. The pure part (the stored choice) is unit-tested; `Ringer` is the Phone's.
//
// Why our own player and not the SDK's `incoming` sound: the Voice SDK (2.18) takes its sound
// URLs once per Device (`sounds` in the options; changing one means `updateOptions`, which
// rebuilds every sound) and its Sound class has no volume at all. So the Phone turns the SDK's
// incoming sound off (`device.audio.incoming(false)`) and rings a looping <audio> element
// itself, routed with `setSinkId` to the same ringtone device the SDK would use.
//
// Stored like the device choices (audioDevices.ts): in the page's localStorage, because the
// ringtone is this machine's, not the Twilio account's.

import type { PrefStore } from './audioDevices';

export type RingtoneName = 'classic' | 'chime' | 'digital' | 'trill';
/** In the order the picker lists them; `classic` is the double ring Dialtone always had. */
export const RINGTONES: readonly RingtoneName[] = ['classic', 'chime', 'digital', 'trill'];

export interface RingtoneChoice {
  tone: RingtoneName;
  /** 0..100 (%). */
  volume: number;
}

export const DEFAULT_RINGTONE: RingtoneChoice = Object.freeze({ tone: 'classic', volume: 100 });

export const RINGTONE_STORAGE_KEY = 'dialtone.ringtone.v1';

/** The file of each tone, under the page's base URL (scripts/make-sounds.mjs writes them). */
export function ringtoneUrl(tone: RingtoneName, baseUrl: string): string {
  return new URL(tone === 'classic' ? 'sounds/incoming.wav' : `sounds/ringtone-${tone}.wav`, baseUrl).href;
}

function isTone(value: unknown): value is RingtoneName {
  return typeof value === 'string' && (RINGTONES as readonly string[]).includes(value);
}

/** A volume from anywhere (a slider's string, stored JSON) as a whole percent in 0..100; null if it is not a number. */
export function clampVolume(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  return Math.min(100, Math.max(0, Math.round(n)));
}

/** The saved choice; anything unreadable falls back to the default, part by part (never an error). */
export function loadRingtone(store: PrefStore | null): RingtoneChoice {
  let raw: unknown;
  try {
    raw = JSON.parse(store?.getItem(RINGTONE_STORAGE_KEY) ?? 'null');
  } catch {
    return { ...DEFAULT_RINGTONE };
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_RINGTONE };
  const v = raw as Record<string, unknown>;
  return {
    tone: isTone(v.tone) ? v.tone : DEFAULT_RINGTONE.tone,
    volume: clampVolume(v.volume) ?? DEFAULT_RINGTONE.volume,
  };
}

export function saveRingtone(store: PrefStore | null, choice: RingtoneChoice): void {
  try {
    store?.setItem(RINGTONE_STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // Storage full or disabled: the choice still applies until the window closes.
  }
}

/** The <audio> element's part the Ringer uses; `setSinkId` is missing where outputs cannot be chosen. */
export interface RingerElement {
  src: string;
  loop: boolean;
  volume: number;
  readonly paused: boolean;
  play(): Promise<void>;
  pause(): void;
  load(): void;
  removeAttribute(name: string): void;
  setAttribute(name: string, value: string): void;
  setSinkId?: (sinkId: string) => Promise<void>;
}

/** Where to ring: the file, the volume (0..100) and the output (`default`: the system's). */
export interface RingRequest {
  url: string;
  volume: number;
  sinkId: string;
}

/**
 * One <audio> element that rings (looping) or previews (once). A new ring or preview replaces
 * whatever plays; `stop` silences it and lets go of the file. Failures (autoplay refused, a
 * device gone) go to `failed`: the call still rings on screen and in the notification.
 */
export class Ringer {
  private ringing = false;
  /** Bumped by every ring, preview and stop, so a play still setting its sink knows it was overtaken. */
  private generation = 0;

  constructor(
    private readonly element: RingerElement | null,
    private readonly failed: (error: unknown) => void,
  ) {}

  get isRinging(): boolean {
    return this.ringing;
  }

  /** Rings until `stop`. */
  ring(request: RingRequest): void {
    this.ringing = true;
    void this.play(request, true);
  }

  /** Plays the tone once (Settings' "Play"). */
  preview(request: RingRequest): void {
    this.ringing = false;
    void this.play(request, false);
  }

  stop(): void {
    this.ringing = false;
    this.generation++;
    const el = this.element;
    if (!el) return;
    el.pause();
    el.removeAttribute('src');
    el.setAttribute('data-state', 'stopped');
    el.load();
  }

  private async play({ url, volume, sinkId }: RingRequest, loop: boolean): Promise<void> {
    const el = this.element;
    if (!el) return;
    const mine = ++this.generation;
    el.pause();
    el.loop = loop;
    el.volume = volume / 100;
    el.setAttribute('data-state', loop ? 'ringing' : 'preview');
    el.setAttribute('data-sink', sinkId);
    try {
      // Chromium names the system output '' ("default" is also the OS default there, but not in WebKit).
      if (el.setSinkId) await el.setSinkId(sinkId === 'default' ? '' : sinkId);
    } catch (error) {
      // The device went away or refuses: say so, and ring on the system output rather than not at all.
      if (mine === this.generation) this.failed(error);
    }
    if (mine !== this.generation) return;
    try {
      el.src = url;
      await el.play();
    } catch (error) {
      // A stop or a newer ring aborts this play(): not a failure.
      if (mine === this.generation) this.failed(error);
    }
  }
}
