import { describe, expect, test } from 'vitest';
import {
  DEFAULT_RINGTONE,
  RINGTONE_STORAGE_KEY,
  Ringer,
  clampVolume,
  loadRingtone,
  saveRingtone,
  type RingerElement,
} from '../../src/phone/ringtone';

function mapStore(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('the stored ringtone choice', () => {
  test('nothing stored: the classic ring at full volume', () => {
    expect(loadRingtone(mapStore())).toEqual({ tone: 'classic', volume: 100 });
    expect(loadRingtone(null)).toEqual(DEFAULT_RINGTONE);
  });

  test('a saved choice comes back', () => {
    const store = mapStore();
    saveRingtone(store, { tone: 'chime', volume: 35 });
    expect(JSON.parse(store.map.get(RINGTONE_STORAGE_KEY)!)).toEqual({ tone: 'chime', volume: 35 });
    expect(loadRingtone(store)).toEqual({ tone: 'chime', volume: 35 });
  });

  test('unreadable parts fall back one by one, never an error', () => {
    expect(loadRingtone(mapStore({ [RINGTONE_STORAGE_KEY]: '{not json' }))).toEqual(DEFAULT_RINGTONE);
    expect(loadRingtone(mapStore({ [RINGTONE_STORAGE_KEY]: '{"tone":"polka","volume":40}' }))).toEqual({ tone: 'classic', volume: 40 });
    expect(loadRingtone(mapStore({ [RINGTONE_STORAGE_KEY]: '{"tone":"trill","volume":"loud"}' }))).toEqual({ tone: 'trill', volume: 100 });
    expect(loadRingtone(mapStore({ [RINGTONE_STORAGE_KEY]: '{"tone":"digital","volume":250}' }))).toEqual({ tone: 'digital', volume: 100 });
  });

  test('a full or disabled storage does not throw', () => {
    const store = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => saveRingtone(store, { tone: 'chime', volume: 10 })).not.toThrow();
  });

  test('volumes are whole percents in 0..100', () => {
    expect(clampVolume('55')).toBe(55);
    expect(clampVolume(-3)).toBe(0);
    expect(clampVolume(100.4)).toBe(100);
    expect(clampVolume('')).toBeNull();
    expect(clampVolume(Number.NaN)).toBeNull();
  });
});

/** An <audio> stand-in that records what it was told; `play` settles when the test says. */
function fakeElement() {
  const attrs = new Map<string, string>();
  const sinks: string[] = [];
  const el: RingerElement & { attrs: Map<string, string>; sinks: string[]; playing: boolean } = {
    src: '', loop: false, volume: 1, playing: false, attrs, sinks,
    get paused() { return !this.playing; },
    play() { this.playing = true; return Promise.resolve(); },
    pause() { this.playing = false; },
    load() {},
    removeAttribute(name) { if (name === 'src') this.src = ''; attrs.delete(name); },
    setAttribute(name, value) { attrs.set(name, value); },
    setSinkId(id) { sinks.push(id); return Promise.resolve(); },
  };
  return el;
}

describe('the Ringer', () => {
  test('rings looping at the volume on the ringtone device, and stops', async () => {
    const el = fakeElement();
    const ringer = new Ringer(el, (e) => { throw e; });
    ringer.ring({ url: 'http://x/sounds/ringtone-chime.wav', volume: 40, sinkId: 'out-usb' });
    await Promise.resolve();
    await Promise.resolve();
    expect(el).toMatchObject({ src: 'http://x/sounds/ringtone-chime.wav', loop: true, volume: 0.4, playing: true });
    expect(el.sinks).toEqual(['out-usb']);
    expect(ringer.isRinging).toBe(true);
    ringer.stop();
    expect(el).toMatchObject({ src: '', playing: false });
    expect(ringer.isRinging).toBe(false);
  });

  test('the system default is the empty sink id; a preview plays once', async () => {
    const el = fakeElement();
    const ringer = new Ringer(el, (e) => { throw e; });
    ringer.preview({ url: 'http://x/sounds/incoming.wav', volume: 100, sinkId: 'default' });
    await Promise.resolve();
    await Promise.resolve();
    expect(el.sinks).toEqual(['']);
    expect(el).toMatchObject({ loop: false, volume: 1, playing: true });
    expect(ringer.isRinging).toBe(false);
  });

  test('a stop while the sink is being set wins: nothing plays after it', async () => {
    const el = fakeElement();
    let release = () => {};
    el.setSinkId = () => new Promise<void>((r) => { release = r; });
    const ringer = new Ringer(el, (e) => { throw e; });
    ringer.ring({ url: 'http://x/sounds/incoming.wav', volume: 100, sinkId: 'out-usb' });
    ringer.stop();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(el).toMatchObject({ src: '', playing: false });
  });

  test('a refused play (autoplay, a device gone) is reported, not thrown', async () => {
    const el = fakeElement();
    el.play = () => Promise.reject(new Error('NotAllowedError'));
    const failures: unknown[] = [];
    new Ringer(el, (e) => failures.push(e)).ring({ url: 'u', volume: 50, sinkId: 'default' });
    await new Promise((r) => setTimeout(r, 0));
    expect(failures).toHaveLength(1);
  });
});
