// A stand-in for `@twilio/voice-sdk`, for `npm run build:e2e` and the unit tests (both alias
// the package to this file, so the shipped bundle never contains it). It implements the
// surface src/phone/sdk.ts names, behaves like SDK 2.x where Dialtone depends on it, and is
// driven from tests through `globalThis.__fakeTwilio`.

import type { DeviceOptions, Listener, SdkAudio, SdkCall, SdkDevice, SdkOutputDevices } from '../../src/phone/sdk';

type AnyListener = (...args: unknown[]) => void;

class Emitter {
  private readonly listeners = new Map<string, AnyListener[]>();

  on(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as AnyListener);
    this.listeners.set(event, list);
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    const list = this.listeners.get(event);
    if (list) {
      const i = list.indexOf(listener as AnyListener);
      if (i >= 0) list.splice(i, 1);
    }
    return this;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = [...(this.listeners.get(event) ?? [])];
    for (const listener of list) listener(...args);
    return list.length > 0;
  }

  listenerCount(event?: string): number {
    if (event !== undefined) return this.listeners.get(event)?.length ?? 0;
    let n = 0;
    for (const list of this.listeners.values()) n += list.length;
    return n;
  }
}

/** Shaped like the SDK's TwilioError. */
export class FakeTwilioError extends Error {
  readonly code: number;
  readonly description: string;
  readonly explanation: string;
  readonly causes: string[] = [];
  readonly solutions: string[] = [];

  constructor(code: number, message: string, name = 'TwilioError') {
    super(message);
    this.name = name;
    this.code = code;
    this.description = message;
    this.explanation = message;
  }
}

let callCounter = 0;

export class Call extends Emitter implements SdkCall {
  static readonly Codec = { Opus: 'opus', PCMU: 'pcmu' } as const;

  readonly parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  readonly direction: 'INCOMING' | 'OUTGOING';
  readonly sid: string;
  private _status: 'pending' | 'connecting' | 'ringing' | 'open' | 'reconnecting' | 'closed';
  private muted = false;
  /** Every `sendDigits` argument, in order. */
  readonly digits: string[] = [];
  acceptCount = 0;
  rejectCount = 0;
  disconnectCount = 0;

  constructor(direction: 'INCOMING' | 'OUTGOING', parameters: Record<string, string>) {
    super();
    callCounter += 1;
    this.sid = `CA${String(callCounter).padStart(32, '0')}`;
    this.direction = direction;
    this.parameters = direction === 'INCOMING' ? { CallSid: this.sid, ...parameters } : {};
    this.customParameters = new Map(direction === 'OUTGOING' ? Object.entries(parameters) : []);
    this._status = direction === 'INCOMING' ? 'pending' : 'connecting';
  }

  // -- SDK surface --
  accept(): void {
    this.acceptCount += 1;
    if (this._status !== 'pending') return;
    this._status = 'connecting';
    // The real SDK opens the microphone and media first; `accept` follows asynchronously.
    queueMicrotask(() => {
      if (this._status !== 'connecting') return;
      if (controller.micError !== null) {
        const code = controller.micError;
        this._status = 'closed';
        this.emit('error', new FakeTwilioError(code, code === 31401 ? 'Permission denied' : 'Could not start audio source'));
        return;
      }
      this._status = 'open';
      this.emit('accept', this);
    });
  }

  reject(): void {
    this.rejectCount += 1;
    if (this._status !== 'pending') return;
    this._status = 'closed';
    this.emit('reject');
  }

  disconnect(): void {
    this.disconnectCount += 1;
    if (this._status === 'closed') return;
    this._status = 'closed';
    this.emit('disconnect', this);
  }

  mute(shouldMute = true): void {
    if (this.muted === shouldMute) return;
    this.muted = shouldMute;
    this.emit('mute', shouldMute, this);
  }

  isMuted(): boolean {
    return this.muted;
  }

  sendDigits(digits: string): void {
    if (!/^[0-9*#w]+$/.test(digits)) {
      throw new FakeTwilioError(31000, 'Illegal character passed into sendDigits', 'InvalidArgumentError');
    }
    this.digits.push(digits);
  }

  status(): string {
    return this._status;
  }

  // -- test drivers --
  /** The callee's phone rings. */
  remoteRinging(): void {
    if (this._status !== 'connecting') return;
    this._status = 'ringing';
    this.emit('ringing', false);
  }

  /** The callee answers. */
  remoteAnswer(): void {
    if (this._status !== 'connecting' && this._status !== 'ringing') return;
    this._status = 'open';
    this.emit('accept', this);
  }

  /** The other side hangs up a connected call. */
  remoteHangup(): void {
    if (this._status === 'closed') return;
    this._status = 'closed';
    this.emit('disconnect', this);
  }

  /** The caller hangs up before this incoming call was answered. */
  callerCancel(): void {
    if (this._status !== 'pending') return;
    this._status = 'closed';
    this.emit('cancel');
  }

  /** A call error; `closes` ends the call like a fatal SDK error does. */
  fail(code: number, message: string, closes = true): void {
    if (closes) this._status = 'closed';
    this.emit('error', new FakeTwilioError(code, message));
  }

  /** The SDK starts reconnecting: 53405 for the audio (ICE restart), 53001 for the signalling link. */
  reconnecting(code = 53405): void {
    this._status = 'reconnecting';
    this.emit('reconnecting', new FakeTwilioError(code, code === 53001 ? 'Signaling connection disconnected' : 'Media connection failed.'));
  }

  /** The SDK gives up reconnecting (30 s): it disconnects the call, then says why, as call.ts does. */
  reconnectFailed(): void {
    this._status = 'closed';
    this.emit('disconnect', this);
    this.emit('error', new FakeTwilioError(53405, 'Media connection failed.'));
  }

  reconnected(): void {
    this._status = 'open';
    this.emit('reconnected');
  }

  /** The SDK's 50 ms levels, 0..1 each (`volume(inputVolume, outputVolume)`). */
  volume(input: number, output: number): void {
    this.emit('volume', input, output);
  }

  /** One of the SDK's once-a-second samples; fields left out take a healthy call's values. */
  sample(fields: Record<string, unknown> = {}): void {
    this.emit('sample', {
      audioInputLevel: 3000, audioOutputLevel: 3000, bytesReceived: 8000, bytesSent: 8000,
      codecName: 'opus', jitter: 2, mos: 4.4, packetsLost: 0, packetsLostFraction: 0,
      packetsReceived: 50, packetsSent: 50, rtt: 40, timestamp: Date.now(), ...fields,
    });
  }

  /** A quality warning with the SDK's `data` shape (`{name, threshold, values, samples}`). */
  warning(name: string, value = 0): void {
    this.emit('warning', name, { name, threshold: { name: 'max', value }, values: [value, value, value], samples: [] });
  }

  warningCleared(name: string): void {
    this.emit('warning-cleared', name);
  }
}

/** A device as the SDK's maps hold it (`MediaDeviceInfo`). */
export interface FakeMediaDevice {
  deviceId: string;
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

function mediaInfo(d: FakeMediaDevice): MediaDeviceInfo {
  const info: MediaDeviceInfo = { ...d, groupId: '', toJSON: () => d };
  return info;
}

/** `speakerDevices` / `ringtoneDevices`: rejects like the SDK's OutputDeviceCollection. */
export class FakeOutputDevices implements SdkOutputDevices {
  /** Every id list `set` accepted, in order. */
  readonly sets: string[][] = [];
  /** Every URL `test` played. */
  readonly tests: string[] = [];
  current: string[] = ['default'];

  constructor(private readonly audio: FakeAudio) {}

  set(deviceIdOrIds: string | string[]): Promise<void> {
    const ids = Array.isArray(deviceIdOrIds) ? deviceIdOrIds : [deviceIdOrIds];
    if (!this.audio.isOutputSelectionSupported) {
      return Promise.reject(new FakeTwilioError(31100, 'This browser does not support audio output selection', 'NotSupportedError'));
    }
    if (ids.length === 0 || ids.some((id) => !this.audio.availableOutputDevices.has(id))) {
      return Promise.reject(new FakeTwilioError(31000, `Devices not found: ${ids.join(', ')}`, 'InvalidArgumentError'));
    }
    this.sets.push(ids);
    this.current = ids;
    return Promise.resolve();
  }

  test(soundUrl?: string): Promise<unknown> {
    this.tests.push(soundUrl ?? '');
    return Promise.resolve();
  }
}

/** `device.audio`: the device maps come from the controller's `inputs` / `outputs`. */
export class FakeAudio extends Emitter implements SdkAudio {
  readonly availableInputDevices = new Map<string, MediaDeviceInfo>();
  readonly availableOutputDevices = new Map<string, MediaDeviceInfo>();
  readonly speakerDevices = new FakeOutputDevices(this);
  readonly ringtoneDevices = new FakeOutputDevices(this);
  /** The id `setInputDevice` opened, null when none is open. */
  inputDevice: string | null = null;
  /** Every id `setInputDevice` was given, in order. */
  readonly inputSets: string[] = [];
  /** Whether the SDK's own incoming ring would play (`incoming(false)` turns it off). */
  incomingSound = true;

  constructor() {
    super();
    this.sync();
  }

  get isOutputSelectionSupported(): boolean {
    return controller.outputSelection;
  }

  setInputDevice(deviceId: string): Promise<void> {
    if (!this.availableInputDevices.has(deviceId)) {
      return Promise.reject(new FakeTwilioError(31000, 'Device not found: ' + deviceId, 'InvalidArgumentError'));
    }
    this.inputSets.push(deviceId);
    this.inputDevice = deviceId;
    return Promise.resolve();
  }

  incoming(doEnable?: boolean): boolean {
    if (typeof doEnable === 'boolean') this.incomingSound = doEnable;
    return this.incomingSound;
  }

  unsetInputDevice(): Promise<void> {
    if (controller.device?.isBusy) return Promise.reject(new FakeTwilioError(31000, 'Cannot unset input device while a call is in progress.', 'InvalidStateError'));
    this.inputDevice = null;
    return Promise.resolve();
  }

  /** Re-reads the controller's lists, as the SDK does on `devicechange`; a vanished input falls back to default. */
  sync(): void {
    for (const [map, kind] of [[this.availableInputDevices, 'audioinput'], [this.availableOutputDevices, 'audiooutput']] as const) {
      map.clear();
      for (const d of controller.mediaDevices) if (d.kind === kind) map.set(d.deviceId, mediaInfo(d));
    }
    if (this.inputDevice !== null && !this.availableInputDevices.has(this.inputDevice)) this.inputDevice = 'default';
  }

  // -- test drivers --
  /** The OS's device list changed (`controller.mediaDevices` edited first). */
  devicesChanged(): void {
    this.sync();
    this.emit('deviceChange', []);
  }

  /** The open microphone's level (0..1); only heard while an input is open, as in the SDK. */
  inputVolume(level: number): void {
    if (this.inputDevice !== null) this.emit('inputVolume', level);
  }
}

export class Device extends Emitter implements SdkDevice {
  static get isSupported(): boolean {
    return controller.supported;
  }

  readonly token0: string;
  readonly options: DeviceOptions;
  readonly tokens: string[] = [];
  readonly calls: Call[] = [];
  readonly connectParams: unknown[] = [];
  registerCount = 0;
  readonly audio: FakeAudio = new FakeAudio();
  private _state: 'unregistered' | 'registering' | 'registered' | 'destroyed' = 'unregistered';
  private _identity: string | null = null;

  constructor(token: string, options: DeviceOptions) {
    super();
    this.token0 = token;
    this.tokens.push(token);
    this.options = options;
    controller.devices.push(this);
  }

  get state(): string {
    return this._state;
  }

  get identity(): string | null {
    return this._identity;
  }

  get isBusy(): boolean {
    return this.calls.some((c) => c.status() !== 'closed' && c.status() !== 'pending');
  }

  get token(): string {
    return this.tokens[this.tokens.length - 1]!;
  }

  register(): Promise<void> {
    if (this._state !== 'unregistered') {
      return Promise.reject(new FakeTwilioError(31000, `Attempt to register when device is in state "${this._state}".`, 'InvalidStateError'));
    }
    this.registerCount += 1;
    this._state = 'registering';
    this.emit('registering');
    const outcome = controller.registerOutcome;
    if (outcome === 'hang') return new Promise(() => undefined);
    return new Promise((resolve, reject) => {
      queueMicrotask(() => {
        if (this._state !== 'registering') return;
        if (outcome === 'ok') {
          this.completeRegistration();
          resolve();
        } else {
          const error = new FakeTwilioError(outcome, outcome === 53000 ? 'Error sent from gateway in HANGUP' : 'Registration failed');
          this._state = 'unregistered';
          this.emit('error', error);
          this.emit('unregistered');
          reject(error);
        }
      });
    });
  }

  unregister(): Promise<void> {
    if (this._state === 'registered') {
      this._state = 'unregistered';
      this.emit('unregistered');
    }
    return Promise.resolve();
  }

  connect(options: { params: Record<string, string> }): Promise<Call> {
    this.connectParams.push(options);
    if (this.calls.some((c) => c.status() !== 'closed' && c.direction === 'OUTGOING')) {
      return Promise.reject(new FakeTwilioError(31000, 'A Call is already active', 'InvalidStateError'));
    }
    if (controller.micError !== null) {
      const code = controller.micError;
      return Promise.reject(new FakeTwilioError(code, code === 31401 ? 'Permission denied' : 'Requested device not found'));
    }
    // Like 2.x: only `params` reaches the TwiML App.
    const params = (options as { params?: Record<string, string> }).params ?? {};
    const call = new Call('OUTGOING', params);
    this.calls.push(call);
    return Promise.resolve(call);
  }

  updateToken(token: string): void {
    if (this._state === 'destroyed') throw new FakeTwilioError(31000, 'Device destroyed', 'InvalidStateError');
    this.tokens.push(token);
  }

  destroy(): void {
    for (const call of this.calls) call.disconnect();
    const was = this._state;
    this._state = 'destroyed';
    if (was === 'registered') this.emit('unregistered');
    this.emit('destroyed');
  }

  // -- test drivers --
  completeRegistration(): void {
    this._state = 'registered';
    this._identity = controller.identity;
    this.emit('registered');
  }

  /** An incoming call rings; returns it. */
  incoming(from: string): Call | null {
    // allowIncomingWhileBusy: false makes the real SDK drop invites during an active call.
    if (this.isBusy && this.options.allowIncomingWhileBusy === false) return null;
    const call = new Call('INCOMING', { From: from, To: `client:${controller.identity ?? 'dialtone'}` });
    this.calls.push(call);
    this.emit('incoming', call);
    return call;
  }

  /** Like `incoming`, but bypasses the SDK's own busy check (a second invite while one rings). */
  incomingAnyway(from: string): Call {
    const call = new Call('INCOMING', { From: from, To: `client:${controller.identity ?? 'dialtone'}` });
    this.calls.push(call);
    this.emit('incoming', call);
    return call;
  }

  emitError(code: number, message: string): void {
    this.emit('error', new FakeTwilioError(code, message));
  }

  /** The signalling WebSocket drops (network gone, laptop asleep). */
  dropConnection(): void {
    const was = this._state;
    this._state = 'unregistered';
    this.emit('error', new FakeTwilioError(31009, 'No transport available to send or receive messages'));
    if (was !== 'unregistered') this.emit('unregistered');
  }

  tokenWillExpire(): void {
    this.emit('tokenWillExpire', this);
  }

}

export interface FakeTwilio {
  /** What `Device.isSupported` answers. */
  supported: boolean;
  /** How `register()` ends: 'ok', 'hang' (pending), or an error code. */
  registerOutcome: 'ok' | 'hang' | number;
  /** When set, `connect()` and incoming `accept()` fail with this code (31401, 31402). */
  micError: number | null;
  identity: string | null;
  /** What the OS offers: the SDK's `availableInputDevices` / `availableOutputDevices`. */
  mediaDevices: FakeMediaDevice[];
  /** What `isOutputSelectionSupported` answers (false: no `setSinkId`). */
  outputSelection: boolean;
  devices: Device[];
  readonly device: Device | null;
  readonly lastCall: Call | null;
}

const controller: FakeTwilio = {
  supported: true,
  registerOutcome: 'ok',
  micError: null,
  identity: 'dialtone_15551234567',
  mediaDevices: defaultMediaDevices(),
  outputSelection: true,
  devices: [],
  get device() {
    return this.devices[this.devices.length - 1] ?? null;
  },
  get lastCall() {
    const calls = this.device?.calls ?? [];
    return calls[calls.length - 1] ?? null;
  },
};

/** Chromium's fake media devices look like this: a default and one named device each way. */
function defaultMediaDevices(): FakeMediaDevice[] {
  return [
    { deviceId: 'default', label: 'Default', kind: 'audioinput' },
    { deviceId: 'mic-usb', label: 'USB Headset Microphone', kind: 'audioinput' },
    { deviceId: 'default', label: 'Default', kind: 'audiooutput' },
    { deviceId: 'out-usb', label: 'USB Headset Earphones', kind: 'audiooutput' },
    { deviceId: 'out-hdmi', label: 'HDMI Monitor Speakers', kind: 'audiooutput' },
  ];
}

declare global {
  var __fakeTwilio: FakeTwilio;
}

// Tests may configure the fake before the app loads (an init script sets a plain object).
const preset = (globalThis as { __fakeTwilioPreset?: Partial<FakeTwilio> }).__fakeTwilioPreset;
if (preset) Object.assign(controller, preset);
globalThis.__fakeTwilio = controller;

/** Resets the fake between unit tests. */
export function resetFake(): FakeTwilio {
  controller.supported = true;
  controller.registerOutcome = 'ok';
  controller.micError = null;
  controller.identity = 'dialtone_15551234567';
  controller.mediaDevices = defaultMediaDevices();
  controller.outputSelection = true;
  controller.devices.length = 0;
  return controller;
}
