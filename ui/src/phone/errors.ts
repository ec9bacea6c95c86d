// Twilio error codes: their names, and each in plain words with what to do about it. Sources:
// the Voice SDK's own error classes (`TwilioError.<namespace>.<class>`, which errors.test.ts
// reads to check every code below) and twilio.com/docs/api/errors/<code>.

import { msg, t, type Msg } from '../i18n/i18n';

/**
 * The Twilio error codes Dialtone tells apart, named after the Voice SDK 2.x error class that
 * carries each (the namespace is in the name where two classes share one, e.g. the SDK's three
 * `ConnectionError`s). Compare codes against these, never against bare numbers.
 */
export const TwilioCode = {
  AccessTokenInvalid: 20101,
  AccessTokenExpired: 20104,
  AuthenticationFailed: 20151,
  UnknownError: 31000,
  ConnectionDeclined: 31002,
  ConnectionTimeout: 31003,
  /** The gateway hung up with an error, often the webhook's TwiML; or the WebSocket failed to open. */
  ConnectionError: 31005,
  CallCancelled: 31008,
  /** No signalling transport: the WebSocket is down. */
  TransportError: 31009,
  InvalidClientName: 31105,
  AccessTokenSignatureValidationFailed: 31202,
  NoValidAccount: 31203,
  InvalidJwtToken: 31204,
  JwtTokenExpired: 31205,
  JwtTokenExpirationTooLong: 31207,
  MicrophonePermissionDenied: 31401,
  MicrophoneAcquisitionFailed: 31402,
  NotFound: 31404,
  TemporarilyUnavailable: 31480,
  BusyHere: 31486,
  Decline: 31603,
  SignalingConnectionError: 53000,
  SignalingConnectionDisconnected: 53001,
  MediaConnectionError: 53405,
} as const;

/** Codes explained by Twilio's docs or by their twilio.js 1.x meaning, not by an SDK 2.x class. */
export const LegacyTwilioCode = {
  /** "Voice JavaScript SDK version not supported": 1.x has been shut down. */
  SdkVersionNotSupported: 31007,
  /**
   * 1.x: getUserMedia failed (2.x: 31402). In 2.x, 31201 is the gateway's AuthorizationError,
   * which the Device reports as 20151.
   */
  MicrophoneFailed: 31201,
  /** 1.x: microphone denied (2.x: 31401). */
  MicrophoneDenied: 31208,
} as const;

const C = TwilioCode;
const L = LegacyTwilioCode;

export interface Explanation {
  code: number | null;
  /** Short, for the status line. */
  title: Msg;
  /** What happened, in plain words. */
  what: Msg;
  /** What the user can do about it. */
  fix: Msg;
}

/**
 * Each known code's message in the catalogs (i18n/*.ftl): its value is the title, its `.what`
 * and `.fix` attributes the rest.
 */
const KNOWN: Record<number, string> = {
  [C.AccessTokenInvalid]: 'twilio-token-invalid',
  [C.AccessTokenExpired]: 'twilio-token-expired',
  [C.AuthenticationFailed]: 'twilio-auth-failed',
  [C.UnknownError]: 'twilio-unknown',
  [C.ConnectionDeclined]: 'twilio-connection-declined',
  [C.ConnectionTimeout]: 'twilio-timeout',
  [C.ConnectionError]: 'twilio-connection-error',
  [L.SdkVersionNotSupported]: 'twilio-old-sdk',
  [C.CallCancelled]: 'twilio-call-cancelled',
  [C.TransportError]: 'twilio-transport',
  [C.InvalidClientName]: 'twilio-invalid-identity',
  [L.MicrophoneFailed]: 'twilio-mic-failed',
  [C.AccessTokenSignatureValidationFailed]: 'twilio-token-signature',
  [C.NoValidAccount]: 'twilio-no-account',
  [C.InvalidJwtToken]: 'twilio-token-invalid',
  [C.JwtTokenExpired]: 'twilio-jwt-expired',
  [C.JwtTokenExpirationTooLong]: 'twilio-token-too-long',
  [L.MicrophoneDenied]: 'twilio-mic-denied',
  [C.MicrophonePermissionDenied]: 'twilio-mic-denied',
  [C.MicrophoneAcquisitionFailed]: 'twilio-mic-failed',
  [C.NotFound]: 'twilio-not-found',
  [C.TemporarilyUnavailable]: 'twilio-unavailable',
  [C.BusyHere]: 'twilio-busy',
  [C.Decline]: 'twilio-decline',
  [C.SignalingConnectionError]: 'twilio-unreachable',
  [C.SignalingConnectionDisconnected]: 'twilio-dropped',
  [C.MediaConnectionError]: 'twilio-media',
};

/** The codes that have their own explanation. */
export const EXPLAINED_CODES: readonly number[] = Object.keys(KNOWN).map(Number);

/** The explanation for a Twilio error code; unknown codes keep the SDK's own message. */
export function explainError(code: number | null | undefined, sdkMessage?: string): Explanation {
  const known = typeof code === 'number' ? KNOWN[code] : undefined;
  if (typeof code === 'number' && known) {
    return { code, title: msg(known), what: msg(`${known}.what`), fix: msg(`${known}.fix`) };
  }
  const what = sdkMessage?.trim() ? msg('plain-text', { text: sdkMessage.trim() }) : msg('twilio-no-message');
  if (typeof code === 'number') {
    return { code, title: msg('twilio-error-code', { code: String(code) }), what, fix: msg('twilio-error-code.fix', { code: String(code) }) };
  }
  return { code: null, title: msg('twilio-error-generic'), what, fix: msg('twilio-error-generic.fix') };
}

/**
 * The log line while a call reconnects. The SDK says which path it is on by the error it gives
 * `reconnecting`: 53405 for the audio (an ICE restart), 53001 for the signalling link (the
 * call's reconnect token).
 */
export function reconnectingWords(code: number | null): string {
  if (code === C.SignalingConnectionDisconnected) return t('log-reconnecting-signaling');
  return t('log-reconnecting-audio');
}

/** Codes that mean "no signalling link": the phone is offline and should retry. */
export const OFFLINE_CODES: ReadonlySet<number> = new Set([
  C.ConnectionTimeout, C.TransportError, C.SignalingConnectionError, C.SignalingConnectionDisconnected,
]);

/** Codes that mean the token itself is bad or stale: fetch a new one. */
export const TOKEN_CODES: ReadonlySet<number> = new Set([
  C.AccessTokenInvalid, C.AccessTokenExpired, C.AuthenticationFailed, C.InvalidJwtToken, C.JwtTokenExpired,
]);

/** Token codes that a fresh token from the same credentials would get again: explain, don't renew. */
export const TOKEN_REFUSED_CODES: ReadonlySet<number> = new Set([
  C.AccessTokenInvalid, C.AuthenticationFailed, C.InvalidJwtToken,
]);

/**
 * Codes the SDK reports when its signalling WebSocket cannot even open; without a registration
 * they mean Twilio is out of reach, like the offline codes.
 */
export const CONNECT_FAILURE_CODES: ReadonlySet<number> = new Set([C.UnknownError, C.ConnectionError]);

/** Something with a Twilio error shape (TwilioError, or what the fake emits). */
export interface ErrorLike {
  code?: number;
  message?: string;
  name?: string;
}

/** Reads the code and message out of anything thrown or emitted. */
export function errorParts(error: unknown): { code: number | null; message: string } {
  if (typeof error === 'object' && error !== null) {
    const { code, message, name } = error as ErrorLike;
    const codeNumber = typeof code === 'number' ? code : null;
    // getUserMedia failures sometimes surface raw, before the SDK wraps them.
    if (codeNumber === null && (name === 'NotAllowedError' || name === 'PermissionDeniedError')) {
      return { code: C.MicrophonePermissionDenied, message: message ?? '' };
    }
    if (codeNumber === null && (name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError')) {
      return { code: C.MicrophoneAcquisitionFailed, message: message ?? '' };
    }
    return { code: codeNumber, message: typeof message === 'string' ? message : '' };
  }
  return { code: null, message: String(error) };
}
