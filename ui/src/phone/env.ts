// What the Phone needs from its surroundings, injected so tests can drive time, the network
// and the window's visibility themselves; and the one place that listens to those events.

import type { PrefStore } from './audioDevices';
import type { RingerElement } from './ringtone';
import { realClock, type Clock } from './timer';

export interface PhoneEnv {
  clock: Clock;
  /** Fires `online` and `offline` (the window). */
  network: EventTarget;
  /** Fires `visibilitychange` (the document). */
  visibility: EventTarget & { readonly visibilityState: string };
  /** Where `sounds/` is served from. */
  baseUrl: string;
  /** Where the audio device choices are kept (audioDevices.ts); none: not remembered. */
  storage?: PrefStore | null;
  /** The <audio> element the incoming ring plays in (ringtone.ts); none: no ring. */
  ringerElement?: () => RingerElement | null;
}

export function browserEnv(): PhoneEnv {
  return { clock: realClock, network: window, visibility: document, baseUrl: document.baseURI, storage: pageStorage(), ringerElement: ringerAudio };
}

/** A hidden <audio id="ringtone-player"> in the page (in the DOM so the browser tests can read its state). */
function ringerAudio(): RingerElement {
  const el = document.createElement('audio');
  el.id = 'ringtone-player';
  el.hidden = true;
  el.preload = 'auto';
  document.body.append(el);
  return el;
}

/** The page's localStorage; null where it is disabled (reading it then throws). */
function pageStorage(): PrefStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export interface ConnectivityHandlers {
  /** The network is back. */
  online(): void;
  /** The computer went offline. */
  offline(): void;
  /** The window became visible again: after a sleep or being hidden, timers may not have fired. */
  visible(): void;
}

/** Follows the network and the window's visibility; returns a function that stops. */
export function watchConnectivity(env: PhoneEnv, handlers: ConnectivityHandlers): () => void {
  const online = (): void => handlers.online();
  const offline = (): void => handlers.offline();
  const visibility = (): void => {
    if (env.visibility.visibilityState === 'visible') handlers.visible();
  };
  env.network.addEventListener('online', online);
  env.network.addEventListener('offline', offline);
  env.visibility.addEventListener('visibilitychange', visibility);
  return () => {
    env.network.removeEventListener('online', online);
    env.network.removeEventListener('offline', offline);
    env.visibility.removeEventListener('visibilitychange', visibility);
  };
}
