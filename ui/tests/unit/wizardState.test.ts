import { describe, expect, test } from 'vitest';
import type { AccountOverview, WebhookStatus } from '../../src/contract';
import { callerIdOptions, canConnect, connectQuery, firstChoice, pickNumber, publicUrlNote, takeOverNeeded } from '../../src/views/setup/wizardState';

const overview = (numbers: AccountOverview['numbers'], proposed: string | null = null): AccountOverview => ({
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  friendlyName: 'Test',
  trial: false,
  numbers,
  callerIds: [
    { phoneNumber: '+15550009999', friendlyName: null, verified: true },
    ...numbers.map((n) => ({ phoneNumber: n.phoneNumber, friendlyName: null, verified: false })),
  ],
  proposed,
});

const free = { phoneNumber: '+15551234567', friendlyName: null, wiring: { kind: 'free' as const } };
const crm = { phoneNumber: '+15550400000', friendlyName: null, wiring: { kind: 'elsewhere' as const, detail: 'the URL https://crm.example/voice' } };

describe('the wizard’s choices', () => {
  test('the proposed number comes first, with its own caller ID', () => {
    const o = overview([free, crm], '+15551234567');
    const choice = firstChoice(o);
    expect(choice).toEqual({ number: '+15551234567', callerId: null, takeOver: false, publicUrl: '' });
    expect(canConnect(o, choice)).toBe(true);
    expect(callerIdOptions(o, choice.number).map((c) => c.phoneNumber)).toEqual(['+15551234567', '+15550400000', '+15550009999']);
  });

  test('nothing proposed: nothing can be connected until a number is picked', () => {
    const o = overview([free, crm]);
    expect(canConnect(o, firstChoice(o))).toBe(false);
    expect(canConnect(o, pickNumber(firstChoice(o), free.phoneNumber))).toBe(true);
  });

  test('a number wired elsewhere needs the box ticked, and picking another forgets the tick', () => {
    const o = overview([free, crm]);
    let choice = pickNumber(firstChoice(o), crm.phoneNumber);
    expect(takeOverNeeded(o, choice)).toBe('the URL https://crm.example/voice');
    expect(canConnect(o, choice)).toBe(false);
    choice = { ...choice, takeOver: true };
    expect(canConnect(o, choice)).toBe(true);
    choice = pickNumber(pickNumber(choice, free.phoneNumber), crm.phoneNumber);
    expect(choice.takeOver).toBe(false);
  });

  test('Connect sends the number’s own caller ID as null and a typed URL trimmed', () => {
    const q = connectQuery(' AC1 ', ' tok ', { number: '+15551234567', callerId: '+15551234567', takeOver: false, publicUrl: '  ' });
    expect(q).toEqual({ accountSid: 'AC1', authToken: 'tok', number: '+15551234567', callerId: null, publicUrl: null, takeOver: false });
    const v = connectQuery('AC1', '', { number: '+15551234567', callerId: '+15550009999', takeOver: true, publicUrl: ' https://x.example/handle_calls ' });
    expect(v).toMatchObject({ callerId: '+15550009999', publicUrl: 'https://x.example/handle_calls', takeOver: true, authToken: '' });
  });

  test('where Twilio calls: a configured URL, else the tunnel, else none with the port', () => {
    const base: WebhookStatus = { state: 'listening', address: '127.0.0.1:3005', error: null, publicUrl: null, voiceRequestUrl: null, lastWebhook: null };
    expect(publicUrlNote(base)).toEqual({ kind: 'none', port: '3005' });
    const tunnel = { publicBase: 'https://a.ngrok-free.app', agent: 'ngrok' as const };
    expect(publicUrlNote({ ...base, publicUrl: tunnel.publicBase, publicUrlSource: 'tunnel', tunnel })).toEqual({ kind: 'tunnel', tunnel });
    expect(publicUrlNote({ ...base, publicUrl: 'https://fixed.example', publicUrlSource: 'configured', tunnel })).toEqual({ kind: 'configured', url: 'https://fixed.example' });
    expect(publicUrlNote(null)).toEqual({ kind: 'none', port: null });
  });
});
