// The part of the Voice SDK surface Dialtone uses. The real `Device` must satisfy these
// interfaces (device.ts checks that at compile time), and the test fake implements them. Also
// the options every Device gets, and where our sound files are.

import type { Call, Device } from '@twilio/voice-sdk';

/** Listener arguments differ per event, as in Node's EventEmitter, which the SDK extends. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Listener = (...args: any[]) => void;

export interface SdkEmitter {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

export interface SdkCall extends SdkEmitter {
  readonly parameters: Record<string, string>;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  sendDigits(digits: string): void;
  status(): string;
}

/** `device.audio.speakerDevices` / `ringtoneDevices` (the SDK's OutputDeviceCollection). */
export interface SdkOutputDevices {
  set(deviceIdOrIds: string | string[]): Promise<void>;
  /** Plays `soundUrl` on these devices. */
  test(soundUrl?: string): Promise<unknown>;
}

/** `device.audio` (the SDK's AudioHelper): device lists, choices, the input level. */
export interface SdkAudio extends SdkEmitter {
  readonly availableInputDevices: Map<string, MediaDeviceInfo>;
  readonly availableOutputDevices: Map<string, MediaDeviceInfo>;
  /** False where the engine has no `HTMLMediaElement.setSinkId`. */
  readonly isOutputSelectionSupported: boolean;
  readonly speakerDevices: SdkOutputDevices;
  readonly ringtoneDevices: SdkOutputDevices;
  setInputDevice(deviceId: string): Promise<void>;
  unsetInputDevice(): Promise<void>;
  /** Turns the SDK's own incoming ring on or off (Dialtone rings itself: ringtone.ts). */
  incoming(doEnable?: boolean): boolean;
}

export interface SdkDevice extends SdkEmitter {
  readonly state: string;
  /** Null until the Device is set up, and after `destroy`. */
  readonly audio: SdkAudio | null;
  readonly identity: string | null;
  readonly isBusy: boolean;
  register(): Promise<void>;
  unregister(): Promise<void>;
  connect(options: { params: Record<string, string> }): Promise<SdkCall>;
  updateToken(token: string): void;
  destroy(): void;
}

export type SoundName =
  | 'incoming' | 'outgoing' | 'disconnect'
  | 'dtmf0' | 'dtmf1' | 'dtmf2' | 'dtmf3' | 'dtmf4' | 'dtmf5' | 'dtmf6' | 'dtmf7' | 'dtmf8' | 'dtmf9'
  | 'dtmfs' | 'dtmfh';

export const SOUND_NAMES: readonly SoundName[] = [
  'incoming', 'outgoing', 'disconnect',
  'dtmf0', 'dtmf1', 'dtmf2', 'dtmf3', 'dtmf4', 'dtmf5', 'dtmf6', 'dtmf7', 'dtmf8', 'dtmf9',
  'dtmfs', 'dtmfh',
];

export type DeviceOptions = Device.Options;

export interface SdkDeviceConstructor {
  new (token: string, options: DeviceOptions): SdkDevice;
  readonly isSupported: boolean;
}

/** Our sound files, shipped in public/sounds (the SDK's defaults come from Twilio's CDN). */
export function soundUrls(baseUrl: string): Record<SoundName, string> {
  const urls = {} as Record<SoundName, string>;
  for (const name of SOUND_NAMES) urls[name] = new URL(`sounds/${name}.wav`, baseUrl).href;
  return urls;
}

/** Test-only Device options (the SDK's `IExtendedDeviceOptions`): signaling and Insights hosts. */
interface SimulatorOptions {
  chunderw?: string;
  eventgw?: string;
}

/** The options Dialtone creates every Device with; sounds come from `baseUrl`. */
export function deviceOptions(baseUrl: string): DeviceOptions & SimulatorOptions {
  return {
    // Opus first: better audio; PCMU as the fallback every gateway speaks.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the SDK's enum values are these strings
    codecPreferences: ['opus' as Call.Codec, 'pcmu' as Call.Codec],
    closeProtection: 'A call is in progress. Leaving will hang up.',
    allowIncomingWhileBusy: false,
    sounds: soundUrls(baseUrl),
    tokenRefreshMs: 60_000,
    // Survive a signaling drop during a call: the SDK retries the call's own gateway for this
    // long, and `listen` asks the gateway to keep the call that long (reconnectTimeout, 30 s at
    // most). At the SDK's default of 0 the gateway ends the call as soon as the socket drops,
    // so the call's reconnect token would find nothing to reconnect to.
    maxCallSignalingTimeoutMs: 30_000,
    appName: 'dialtone',
    appVersion: __APP_VERSION__,
    // Only in `npm run build:sim`: the Twilio simulator of the end-to-end tests.
    ...(__DIALTONE_SIGNALING__ === null ? {} : { chunderw: __DIALTONE_SIGNALING__, eventgw: __DIALTONE_SIGNALING__ }),
  };
}
