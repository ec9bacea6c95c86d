// Twilio error codes: their names, and each in plain words with what to do about it. Sources:
// the Voice SDK's own error classes (`TwilioError.<namespace>.<class>`, which errors.test.ts
// reads to check every code below) and twilio.com/docs/api/errors/<code>.

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
  title: string;
  /** What happened, in plain words. */
  what: string;
  /** What the user can do about it. */
  fix: string;
}

type Known = Omit<Explanation, 'code'>;

const MIC_DENIED: Known = {
  title: 'Microphone blocked',
  what: 'Dialtone was not allowed to use the microphone, so the call could not start.',
  fix: 'Allow microphone access for Dialtone (macOS: System Settings › Privacy & Security › Microphone; Windows: Settings › Privacy & security › Microphone, “Let desktop apps access your microphone”), then call again.',
};

const MIC_FAILED: Known = {
  title: 'Microphone unavailable',
  what: 'Microphone access is allowed, but no microphone could be opened: none is connected, or another app is using it.',
  fix: 'Plug in a microphone or headset, close other apps that use it (video calls, recorders), check the input device in your system sound settings, then call again.',
};

const TOKEN_INVALID: Known = {
  title: 'Access token rejected',
  what: 'Twilio could not validate the access token Dialtone made: the API key, its secret or the Account SID do not match.',
  fix: 'In Settings, check the Account SID, API Key SID and API Key Secret (the key must belong to that account), then save.',
};

const CALLEE: Record<number, Known> = {
  [C.NotFound]: {
    title: 'Number not found',
    what: 'The number you called does not exist or cannot be reached.',
    fix: 'Check the number and its country code, then call again.',
  },
  [C.TemporarilyUnavailable]: {
    title: 'Not available',
    what: 'The person you called is temporarily unavailable.',
    fix: 'Try again later.',
  },
  [C.BusyHere]: {
    title: 'Busy',
    what: 'The line you called is busy.',
    fix: 'Try again in a few minutes.',
  },
  [C.Decline]: {
    title: 'Call declined',
    what: 'The person you called declined the call.',
    fix: 'Try again later, or send them a message first.',
  },
};

const KNOWN: Record<number, Known> = {
  [C.AccessTokenInvalid]: TOKEN_INVALID,
  [C.AccessTokenExpired]: {
    title: 'Access token expired',
    what: 'The access token expired (or its expiry is more than 24 hours away, which Twilio refuses).',
    fix: 'Dialtone fetches a new token by itself. If this keeps happening, check that the computer’s clock and time zone are right.',
  },
  [C.AuthenticationFailed]: {
    title: 'Sign-in to Twilio failed',
    what: 'Twilio did not accept the credentials in the access token.',
    fix: 'In Settings, check the Account SID, API Key SID and API Key Secret, then save.',
  },
  [C.UnknownError]: {
    title: 'Unknown Twilio error',
    what: 'Twilio reported an error without details.',
    fix: 'Try again. If it repeats, check the Twilio Console’s Debugger for this call.',
  },
  [C.ConnectionDeclined]: {
    title: 'Call declined',
    what: 'The call was declined.',
    fix: 'Try again later.',
  },
  [C.ConnectionTimeout]: {
    title: 'Twilio did not answer',
    what: 'Twilio’s servers did not answer in time.',
    fix: 'Check your internet connection and try again.',
  },
  [C.ConnectionError]: {
    title: 'Connection to Twilio failed',
    what: 'The connection to Twilio broke off: the network dropped (Dialtone reconnects by itself), or, when a call fails as it starts, your webhook answered with an error or with TwiML Twilio could not use.',
    fix: 'In Settings, check that the listener is running, your tunnel is up, and the TwiML App’s Voice Request URL is exactly the one shown there. The Twilio Console’s Debugger shows what the webhook answered.',
  },
  [L.SdkVersionNotSupported]: {
    title: 'Old Twilio SDK',
    what: 'This version of the Twilio Voice SDK has been shut down.',
    fix: 'Update Dialtone.',
  },
  [C.CallCancelled]: {
    title: 'Caller already hung up',
    what: 'You answered after the caller had hung up.',
    fix: 'Call them back from the keypad.',
  },
  [C.TransportError]: {
    title: 'Offline',
    what: 'The link to Twilio is down, so calls can’t come in or go out.',
    fix: 'Check your internet connection. Dialtone reconnects by itself when the network is back.',
  },
  [C.InvalidClientName]: {
    title: 'Invalid client identity',
    what: 'The client identity has characters Twilio does not allow, or is longer than 121 characters.',
    fix: 'In Settings, set the client identity to letters, digits and underscores only (or leave it empty for the default).',
  },
  [L.MicrophoneFailed]: MIC_FAILED,
  [C.AccessTokenSignatureValidationFailed]: {
    title: 'Access token signature invalid',
    what: 'The access token was signed with the wrong API key secret.',
    fix: 'In Settings, enter the API Key Secret that belongs to the API Key SID, then save.',
  },
  [C.NoValidAccount]: {
    title: 'No valid Twilio account',
    what: 'Twilio found no active account for these credentials.',
    fix: 'Check the Account SID in Settings, and that the account is active in the Twilio Console.',
  },
  [C.InvalidJwtToken]: TOKEN_INVALID,
  [C.JwtTokenExpired]: {
    title: 'Access token expired',
    what: 'The access token expired.',
    fix: 'Dialtone fetches a new token by itself. If this keeps happening, check the computer’s clock.',
  },
  [C.JwtTokenExpirationTooLong]: {
    title: 'Access token lives too long',
    what: 'The access token’s lifetime is over Twilio’s 24-hour maximum.',
    fix: 'Update Dialtone; if it persists, report it.',
  },
  [L.MicrophoneDenied]: MIC_DENIED,
  [C.MicrophonePermissionDenied]: MIC_DENIED,
  [C.MicrophoneAcquisitionFailed]: MIC_FAILED,
  ...CALLEE,
  [C.SignalingConnectionError]: {
    title: 'Can’t reach Twilio',
    what: 'Dialtone cannot reach Twilio’s servers (network down, or a firewall, proxy or VPN in the way).',
    fix: 'Check your internet connection, and that secure WebSockets to *.twilio.com are allowed. Dialtone keeps retrying.',
  },
  [C.SignalingConnectionDisconnected]: {
    title: 'Connection to Twilio dropped',
    what: 'The link to Twilio’s servers dropped unexpectedly.',
    fix: 'Dialtone reconnects by itself; check your internet connection if it doesn’t.',
  },
  [C.MediaConnectionError]: {
    title: 'Audio connection failed',
    what: 'The call’s audio could not get through, or it was cut off and did not come back within 30 seconds (the media connection failed).',
    fix: 'Check your network: a weak Wi-Fi signal, a VPN or a firewall blocking UDP traffic are the usual causes. Try a wired connection or another network, or allow UDP to Twilio (ports 10000–60000).',
  },
};

/** The explanation for a Twilio error code; unknown codes keep the SDK's own message. */
export function explainError(code: number | null | undefined, sdkMessage?: string): Explanation {
  if (typeof code === 'number' && code in KNOWN) return { code, ...KNOWN[code]! };
  const what = sdkMessage?.trim() ? sdkMessage.trim() : 'Twilio reported an error without a message.';
  return {
    code: typeof code === 'number' ? code : null,
    title: typeof code === 'number' ? `Twilio error ${code}` : 'Error',
    what,
    fix:
      typeof code === 'number'
        ? `Look up error ${code} at twilio.com/docs/api/errors, or check the Twilio Console’s Debugger.`
        : 'Try again. If it repeats, restart Dialtone.',
  };
}

/**
 * The log line while a call reconnects. The SDK says which path it is on by the error it gives
 * `reconnecting`: 53405 for the audio (an ICE restart), 53001 for the signalling link (the
 * call's reconnect token).
 */
export function reconnectingWords(code: number | null): string {
  if (code === C.SignalingConnectionDisconnected) {
    return 'The connection to Twilio dropped during the call; reconnecting… The audio may go on meanwhile.';
  }
  return 'The call’s audio dropped (network trouble); reconnecting…';
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
