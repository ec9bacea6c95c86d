import { createRequire } from 'node:module';
import { afterEach, describe, expect, test } from 'vitest';
import { render, setLanguage } from '../../src/i18n/i18n';
import {
  CONNECT_FAILURE_CODES, LegacyTwilioCode, OFFLINE_CODES, TOKEN_CODES, TOKEN_REFUSED_CODES, TwilioCode,
  EXPLAINED_CODES, errorParts, explainError,
} from '../../src/phone/errors';

/** An explanation in words, in the current language. */
function words(code: number | null, sdkMessage?: string) {
  const e = explainError(code, sdkMessage);
  return { code: e.code, title: render(e.title), what: render(e.what), fix: render(e.fix) };
}

describe('explainError', () => {
  afterEach(() => setLanguage('en'));

  // The codes the issue names, each with plain words and what to do, in both languages.
  test.each([
    [20101, /Access token rejected/, /API Key Secret/, /アクセストークン/, /API Key Secret/],
    [20104, /Access token expired/, /clock/, /期限切れ/, /時計/],
    [31005, /Connection to Twilio failed/, /Voice Request URL/, /Twilioとの接続/, /Voice Request URL/],
    [31009, /Offline/, /internet connection/, /オフライン/, /インターネット/],
    [31401, /Microphone blocked/, /Privacy/, /マイク/, /プライバシー/],
    [31402, /Microphone unavailable/, /Plug in a microphone/, /マイク/, /接続/],
    [53000, /Can’t reach Twilio/, /firewall|WebSockets/, /Twilioに接続できません/, /WebSocket/],
    [53405, /Audio connection failed/, /UDP/, /音声/, /UDP/],
  ])('%i', (code, title, fix, titleJa, fixJa) => {
    const e = words(code, 'raw sdk text');
    expect(e.code).toBe(code);
    expect(e.title).toMatch(title);
    expect(e.fix).toMatch(fix);
    expect(e.what.length).toBeGreaterThan(20);
    expect(e.what).not.toContain('raw sdk text');
    setLanguage('ja');
    const ja = words(code, 'raw sdk text');
    expect(ja.title).toMatch(titleJa);
    expect(ja.fix).toMatch(fixJa);
    expect(ja.what).not.toBe(e.what);
  });

  test('every code has its own words in both languages', () => {
    for (const code of EXPLAINED_CODES) {
      const en = words(code);
      setLanguage('ja');
      const ja = words(code);
      setLanguage('en');
      for (const part of ['title', 'what', 'fix'] as const) {
        expect(en[part].length, `${code} ${part}`).toBeGreaterThan(2);
        expect(ja[part], `${code} ${part}`).not.toBe(en[part]);
        expect(ja[part], `${code} ${part}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });

  test('1.x codes for the microphone map to the same advice', () => {
    expect(explainError(31208).title).toEqual(explainError(31401).title);
    expect(explainError(31201).title).toEqual(explainError(31402).title);
  });

  test('unknown codes keep the SDK message', () => {
    const e = words(39999, 'Something odd happened');
    expect(e).toMatchObject({ code: 39999, title: 'Twilio error 39999', what: 'Something odd happened' });
    expect(e.fix).toMatch(/twilio\.com\/docs\/api\/errors/);
    expect(words(null, '').what).toMatch(/without a message/);
    setLanguage('ja');
    expect(words(39999, 'Something odd happened')).toMatchObject({ title: 'Twilioエラー39999', what: 'Something odd happened' });
  });
});

describe('errorParts', () => {
  test('reads TwilioError-shaped objects', () => {
    expect(errorParts({ code: 31005, message: 'gateway hangup' })).toEqual({ code: 31005, message: 'gateway hangup' });
  });

  test('maps raw getUserMedia failures to the SDK codes', () => {
    expect(errorParts({ name: 'NotAllowedError', message: 'Permission denied' }).code).toBe(31401);
    expect(errorParts({ name: 'NotFoundError', message: 'Requested device not found' }).code).toBe(31402);
    expect(errorParts({ name: 'NotReadableError' }).code).toBe(31402);
  });

  test('anything else', () => {
    expect(errorParts('boom')).toEqual({ code: null, message: 'boom' });
    expect(errorParts(new Error('x'))).toEqual({ code: null, message: 'x' });
  });
});

describe('TwilioCode', () => {
  // The oracle: the Voice SDK's own error classes (the real package, not the test fake that
  // the unit tests' alias puts in its place), each constructed and asked for its code.
  const sdk = createRequire(import.meta.url)('@twilio/voice-sdk') as {
    TwilioError: Record<string, Record<string, new () => { code: number }>>;
  };
  const SDK_CLASS: Record<keyof typeof TwilioCode, string> = {
    AccessTokenInvalid: 'AuthorizationErrors.AccessTokenInvalid',
    AccessTokenExpired: 'AuthorizationErrors.AccessTokenExpired',
    AuthenticationFailed: 'AuthorizationErrors.AuthenticationFailed',
    UnknownError: 'GeneralErrors.UnknownError',
    ConnectionDeclined: 'GeneralErrors.ConnectionDeclinedError',
    ConnectionTimeout: 'GeneralErrors.ConnectionTimeoutError',
    ConnectionError: 'GeneralErrors.ConnectionError',
    CallCancelled: 'GeneralErrors.CallCancelledError',
    TransportError: 'GeneralErrors.TransportError',
    InvalidClientName: 'MalformedRequestErrors.InvalidClientNameError',
    AccessTokenSignatureValidationFailed: 'SignatureValidationErrors.AccessTokenSignatureValidationFailed',
    NoValidAccount: 'AuthorizationErrors.NoValidAccountError',
    InvalidJwtToken: 'AuthorizationErrors.InvalidJWTTokenError',
    JwtTokenExpired: 'AuthorizationErrors.JWTTokenExpiredError',
    JwtTokenExpirationTooLong: 'AuthorizationErrors.JWTTokenExpirationTooLongError',
    MicrophonePermissionDenied: 'UserMediaErrors.PermissionDeniedError',
    MicrophoneAcquisitionFailed: 'UserMediaErrors.AcquisitionFailedError',
    NotFound: 'ClientErrors.NotFound',
    TemporarilyUnavailable: 'ClientErrors.TemporarilyUnavailable',
    BusyHere: 'ClientErrors.BusyHere',
    Decline: 'SIPServerErrors.Decline',
    SignalingConnectionError: 'SignalingErrors.ConnectionError',
    SignalingConnectionDisconnected: 'SignalingErrors.ConnectionDisconnected',
    MediaConnectionError: 'MediaErrors.ConnectionError',
  };

  test.each(Object.entries(SDK_CLASS))('%s is the code of the SDK’s TwilioError.%s', (name, path) => {
    const [namespace, cls] = path.split('.') as [string, string];
    const ErrorClass = sdk.TwilioError[namespace]?.[cls];
    expect(ErrorClass, path).toBeDefined();
    expect(new ErrorClass!().code).toBe(TwilioCode[name as keyof typeof TwilioCode]);
  });

  test('the codes without an SDK 2.x class are not ones the SDK uses for something else', () => {
    const sdkCodes = new Set(
      Object.values(sdk.TwilioError).flatMap((namespace) =>
        Object.values(namespace).filter((c) => typeof c === 'function').map((C) => new C().code),
      ),
    );
    expect(sdkCodes.has(LegacyTwilioCode.SdkVersionNotSupported)).toBe(false);
    expect(sdkCodes.has(LegacyTwilioCode.MicrophoneDenied)).toBe(false);
  });

  test('every explained code has a name', () => {
    const named = new Set<number>([...Object.values(TwilioCode), ...Object.values(LegacyTwilioCode)]);
    for (const code of [...OFFLINE_CODES, ...TOKEN_CODES, ...TOKEN_REFUSED_CODES, ...CONNECT_FAILURE_CODES]) expect(named.has(code), String(code)).toBe(true);
  });
});
