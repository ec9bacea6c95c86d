import { describe, expect, test } from 'vitest';
import { errorParts, explainError } from '../../src/phone/errors';

describe('explainError', () => {
  // The codes the issue names, each with plain words and what to do.
  test.each([
    [20101, /Access token rejected/, /API Key Secret/],
    [20104, /Access token expired/, /clock/],
    [31005, /Connection to Twilio failed/, /Voice Request URL/],
    [31009, /Offline/, /internet connection/],
    [31401, /Microphone blocked/, /Privacy/],
    [31402, /Microphone unavailable/, /Plug in a microphone/],
    [53000, /Can’t reach Twilio/, /firewall|WebSockets/],
    [53405, /Audio connection failed/, /UDP/],
  ])('%i', (code, title, fix) => {
    const e = explainError(code, 'raw sdk text');
    expect(e.code).toBe(code);
    expect(e.title).toMatch(title);
    expect(e.fix).toMatch(fix);
    expect(e.what.length).toBeGreaterThan(20);
    expect(e.what).not.toContain('raw sdk text');
  });

  test('1.x codes for the microphone map to the same advice', () => {
    expect(explainError(31208).title).toBe(explainError(31401).title);
    expect(explainError(31201).title).toBe(explainError(31402).title);
  });

  test('unknown codes keep the SDK message', () => {
    const e = explainError(39999, 'Something odd happened');
    expect(e).toMatchObject({ code: 39999, title: 'Twilio error 39999', what: 'Something odd happened' });
    expect(e.fix).toMatch(/twilio\.com\/docs\/api\/errors/);
    expect(explainError(null, '').what).toMatch(/without a message/);
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
