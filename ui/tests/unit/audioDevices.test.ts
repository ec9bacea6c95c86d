import { beforeEach, describe, expect, test } from 'vitest';
import {
  AudioDevices,
  STORAGE_KEY,
  loadChoices,
  resolveChoice,
  saveChoices,
  type AudioSnapshot,
  type PrefStore,
} from '../../src/phone/audioDevices';
import { FakeAudio, resetFake, type FakeTwilio } from '../fakes/voice-sdk';

const LIST = [
  { id: 'default', label: 'Default' },
  { id: 'a1', label: 'USB Headset' },
  { id: 'b2', label: 'Laptop Microphone' },
];

function memoryStore(): PrefStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('resolveChoice', () => {
  test('nothing chosen, or the default, is the default', () => {
    expect(resolveChoice(null, LIST)).toEqual({ id: 'default', via: 'default' });
    expect(resolveChoice({ id: 'default', label: 'Default' }, LIST)).toEqual({ id: 'default', via: 'default' });
  });

  test('the same id wins, even when the label changed', () => {
    expect(resolveChoice({ id: 'a1', label: 'Old name' }, LIST)).toEqual({ id: 'a1', via: 'id' });
  });

  test('a new id for the same label is the same device', () => {
    expect(resolveChoice({ id: 'zz', label: 'USB Headset' }, LIST)).toEqual({ id: 'a1', via: 'label' });
  });

  test('a device that is gone falls back to the default and says so', () => {
    expect(resolveChoice({ id: 'zz', label: 'Bluetooth Buds' }, LIST)).toEqual({ id: 'default', via: 'missing' });
    expect(resolveChoice({ id: 'zz', label: '' }, LIST)).toEqual({ id: 'default', via: 'missing' });
  });

  test('a label never matches the default entry', () => {
    expect(resolveChoice({ id: 'zz', label: 'Default' }, LIST)).toEqual({ id: 'default', via: 'missing' });
  });
});

describe('stored choices', () => {
  test('round trip', () => {
    const store = memoryStore();
    saveChoices(store, { input: { id: 'a1', label: 'USB Headset' }, speaker: null, ringtone: { id: 'o', label: 'HDMI' } });
    expect(loadChoices(store)).toEqual({ input: { id: 'a1', label: 'USB Headset' }, speaker: null, ringtone: { id: 'o', label: 'HDMI' } });
  });

  test('garbage reads as nothing chosen, never an error', () => {
    const store = memoryStore();
    for (const raw of ['{', '42', 'null', '{"input":{"id":5}}', '{"input":{"id":"","label":""}}']) {
      store.data.set(STORAGE_KEY, raw);
      expect(loadChoices(store), raw).toEqual({ input: null, speaker: null, ringtone: null });
    }
    expect(loadChoices(null)).toEqual({ input: null, speaker: null, ringtone: null });
  });

  test('a storage that throws loses the memory, not the choice', () => {
    const throwing: PrefStore = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(() => saveChoices(throwing, { input: null, speaker: null, ringtone: null })).not.toThrow();
  });
});

describe('AudioDevices on the fake SDK', () => {
  let fake: FakeTwilio;
  let snapshots: AudioSnapshot[];
  let failures: string[];
  let inCall: boolean;

  beforeEach(() => {
    fake = resetFake();
    snapshots = [];
    failures = [];
    inCall = false;
  });

  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  function make(store: PrefStore = memoryStore()) {
    return new AudioDevices(store, { failed: (what) => failures.push(what), changed: (s) => snapshots.push(s) }, () => inCall);
  }

  test('lists the SDK’s devices and applies nothing until asked', async () => {
    const audio = new FakeAudio();
    const devices = make();
    devices.attach(audio);
    await flush();
    expect(devices.snapshot.inputs.map((d) => d.label)).toEqual(['Default', 'USB Headset Microphone']);
    expect(devices.snapshot.outputs.map((d) => d.id)).toEqual(['default', 'out-usb', 'out-hdmi']);
    expect(devices.snapshot.outputSelection).toBe(true);
    expect(audio.inputSets).toEqual([]);
  });

  test('before the SDK has listed anything, nothing counts as missing', async () => {
    const store = memoryStore();
    saveChoices(store, { input: { id: 'mic-usb', label: 'USB Headset Microphone' }, speaker: null, ringtone: null });
    fake.mediaDevices = [];
    const audio = new FakeAudio();
    const devices = make(store);
    devices.attach(audio);
    await flush();
    expect(devices.snapshot).toMatchObject({ ready: false, missing: [] });
    fake.mediaDevices = [{ deviceId: 'mic-usb', label: 'USB Headset Microphone', kind: 'audioinput' }];
    audio.devicesChanged();
    await flush();
    expect(devices.snapshot).toMatchObject({ ready: true, missing: [], inUse: { input: 'mic-usb' } });
  });

  test('a choice is remembered and applied to the next Device', async () => {
    const store = memoryStore();
    const first = make(store);
    const audio = new FakeAudio();
    first.attach(audio);
    await flush();
    await first.choose('speaker', 'out-usb');
    expect(audio.speakerDevices.current).toEqual(['out-usb']);
    const again = make(store);
    const next = new FakeAudio();
    again.attach(next);
    await flush();
    expect(again.snapshot.inUse.speaker).toBe('out-usb');
    expect(next.speakerDevices.current).toEqual(['out-usb']);
  });

  test('a microphone chosen mid-call goes into the call at once', async () => {
    const audio = new FakeAudio();
    const devices = make();
    devices.attach(audio);
    await flush();
    inCall = true;
    await devices.choose('input', 'mic-usb');
    expect(audio.inputSets).toEqual(['mic-usb']);
  });

  test('a device plugged in mid-call can be chosen; one that disappears falls back and says so', async () => {
    const audio = new FakeAudio();
    const devices = make();
    devices.attach(audio);
    await flush();
    inCall = true;
    fake.mediaDevices.push({ deviceId: 'mic-bt', label: 'Bluetooth Headset', kind: 'audioinput' });
    audio.devicesChanged();
    await flush();
    expect(devices.snapshot.inputs.map((d) => d.id)).toContain('mic-bt');
    await devices.choose('input', 'mic-bt');
    expect(audio.inputSets).toEqual(['mic-bt']);
    fake.mediaDevices = fake.mediaDevices.filter((d) => d.deviceId !== 'mic-bt');
    audio.devicesChanged();
    await flush();
    expect(devices.snapshot.missing).toEqual(['input']);
    expect(devices.snapshot.inUse.input).toBe('default');
    expect(audio.inputSets).toEqual(['mic-bt', 'default']);
  });

  test('without setSinkId no output is set, and the snapshot says why', async () => {
    fake.outputSelection = false;
    const audio = new FakeAudio();
    const devices = make();
    devices.attach(audio);
    await flush();
    expect(devices.snapshot.outputSelection).toBe(false);
    await devices.choose('speaker', 'out-usb');
    expect(audio.speakerDevices.sets).toEqual([]);
    expect(failures).toEqual([]);
  });

  test('the meter opens the chosen microphone and closes it after', async () => {
    const audio = new FakeAudio();
    const devices = make();
    devices.attach(audio);
    await flush();
    const levels: number[] = [];
    devices.onInputLevel((l) => levels.push(l));
    audio.inputVolume(0.4);
    expect(levels).toEqual([]);
    await devices.setMetering(true);
    audio.inputVolume(0.4);
    expect(levels).toEqual([0.4]);
    await devices.setMetering(false);
    expect(audio.inputDevice).toBeNull();
  });

  test('the test sound plays on the chosen output', async () => {
    const audio = new FakeAudio();
    const devices = make();
    devices.attach(audio);
    await devices.test('ringtone', 'http://x/sounds/incoming.wav');
    expect(audio.ringtoneDevices.tests).toEqual(['http://x/sounds/incoming.wav']);
  });
});
