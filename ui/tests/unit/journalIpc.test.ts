// The journal's part of the contract (recents, voicemail, contacts) on both transports: the
// command names and argument keys the Rust commands take, and the calling window's routes.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { audioType, COMMANDS, HttpBackend, TauriBackend } from '../../src/ipc';
import type { ContactDraft, HistoryEntry } from '../../src/contract';

const SID = 'RE0123456789abcdef0123456789abcdef';
const ENTRY: HistoryEntry = {
  call_sid: 'CA0123456789abcdef0123456789abcdef',
  direction: 'inbound',
  number: '+15557654321',
  name: 'Ana',
  started_at: '2024-05-01T12:00:00Z',
  status: 'missed',
  duration_secs: 0,
  voicemail: { recording_sid: SID, duration_secs: 7, heard: false },
  quality: { codec: 'opus', average_mos: 4.1, worst_warning: 'high-jitter' },
};
const DRAFT: ContactDraft = { name: 'Ana', numbers: [{ number: '(555) 765-4321', label: 'mobile' }] };
const WAV = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45]);

describe('TauriBackend', () => {
  const seen: { cmd: string; args: unknown }[] = [];
  let answer: unknown = null;

  beforeEach(() => {
    seen.length = 0;
    (globalThis as Record<string, unknown>).window = {
      __TAURI_INTERNALS__: {
        invoke: (cmd: string, args: unknown) => {
          seen.push({ cmd, args });
          return Promise.resolve(answer);
        },
      },
    };
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).window;
  });

  test('every journal method invokes its command with the keys Rust reads', async () => {
    const backend = new TauriBackend();
    answer = [ENTRY];
    await expect(backend.callHistory({ missedOnly: true, limit: 5 })).resolves.toEqual([ENTRY]);
    await backend.callHistory();
    await backend.clearCallHistory();
    await backend.historyStatus();
    await backend.voicemails();
    await backend.markVoicemailHeard(SID, true);
    await backend.saveVoicemail(SID);
    await backend.deleteVoicemail(SID);
    await backend.clearVoicemailGreeting();
    await backend.contacts();
    await backend.contacts('ana');
    await backend.addContact(DRAFT);
    await backend.editContact(3, DRAFT);
    await backend.deleteContact(3);
    await backend.callerName('+15557654321');
    expect(seen).toEqual([
      { cmd: COMMANDS.callHistory, args: { filter: { missedOnly: true, limit: 5 } } },
      { cmd: 'call_history', args: { filter: {} } },
      { cmd: 'clear_call_history', args: {} },
      { cmd: 'history_status', args: {} },
      { cmd: 'voicemails', args: {} },
      { cmd: 'mark_voicemail_heard', args: { recordingSid: SID, heard: true } },
      { cmd: 'save_voicemail', args: { recordingSid: SID } },
      { cmd: 'delete_voicemail', args: { recordingSid: SID } },
      { cmd: 'clear_voicemail_greeting', args: {} },
      { cmd: 'contacts', args: {} },
      { cmd: 'contacts', args: { query: 'ana' } },
      { cmd: 'add_contact', args: { draft: DRAFT } },
      { cmd: 'edit_contact', args: { id: 3, draft: DRAFT } },
      { cmd: 'delete_contact', args: { id: 3 } },
      { cmd: 'caller_name', args: { number: '+15557654321' } },
    ]);
  });

  test('files go as raw bytes and audio comes back as bytes with its type', async () => {
    const backend = new TauriBackend();
    await backend.setVoicemailGreeting(WAV);
    await backend.importContacts(new TextEncoder().encode('BEGIN:VCARD'));
    expect(seen[0]).toEqual({ cmd: 'set_voicemail_greeting', args: WAV });
    expect(seen[1]?.args).toBeInstanceOf(Uint8Array);
    answer = WAV.buffer;
    await expect(backend.voicemailAudio(SID)).resolves.toEqual({ contentType: 'audio/wav', bytes: WAV.buffer });
    expect(seen[2]).toEqual({ cmd: 'voicemail_audio', args: { recordingSid: SID } });
  });

  test('a rejection arrives in the contract shape', async () => {
    // What Tauri rejects with: the command's serialized error, a plain object.
    const rejection: unknown = { kind: 'history', message: 'call history is unavailable: disk full' };
    (globalThis as Record<string, unknown>).window = {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- Tauri rejects with a plain object
      __TAURI_INTERNALS__: { invoke: () => Promise.reject(rejection) },
    };
    await expect(new TauriBackend().callHistory()).rejects.toMatchObject({ kind: 'history', message: /disk full/ });
  });
});

describe('HttpBackend', () => {
  type Seen = { url: string; method: string; type: string | null; body: unknown };
  function backendWith(reply: (url: string) => Response): { backend: HttpBackend; seen: Seen[] } {
    const seen: Seen[] = [];
    const backend = new HttpBackend((url, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ url, method: init?.method ?? 'GET', type: headers.get('Content-Type'), body: init?.body ?? null });
      return Promise.resolve(reply(url));
    });
    return { backend, seen };
  }
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  test('the routes, methods and bodies of the calling window API', async () => {
    const { backend, seen } = backendWith((url) => (url.includes('heard') || url.includes('DELETE') ? new Response(null, { status: 204 }) : json([])));
    await backend.callHistory({ missedOnly: true, limit: 20 });
    await backend.callHistory();
    await backend.clearCallHistory();
    await backend.historyStatus();
    await backend.voicemails();
    await backend.saveVoicemail(SID);
    await backend.addContact(DRAFT);
    await backend.editContact(7, DRAFT);
    await backend.contacts('an a');
    await backend.callerName('+1 555');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /api/history?missedOnly=true&limit=20',
      'GET /api/history',
      'DELETE /api/history',
      'GET /api/history/status',
      'GET /api/voicemail',
      `POST /api/voicemail/${SID}/save`,
      'POST /api/contacts',
      'PUT /api/contacts/7',
      'GET /api/contacts?query=an+a',
      'GET /api/caller-name?number=%2B1+555',
    ]);
    expect(seen[6]).toMatchObject({ type: 'application/json', body: JSON.stringify(DRAFT) });
  });

  test('204 answers resolve to nothing', async () => {
    const { backend, seen } = backendWith(() => new Response(null, { status: 204 }));
    await expect(backend.markVoicemailHeard(SID, false)).resolves.toBeNull();
    await expect(backend.deleteVoicemail(SID)).resolves.toBeNull();
    await expect(backend.deleteContact(2)).resolves.toBeNull();
    expect(seen.map((s) => `${s.method} ${s.url} ${String(s.body)}`)).toEqual([
      `POST /api/voicemail/${SID}/heard {"heard":false}`,
      `DELETE /api/voicemail/${SID} null`,
      'DELETE /api/contacts/2 null',
    ]);
  });

  test('audio comes back as bytes; files go up as bytes', async () => {
    const { backend, seen } = backendWith((url) =>
      url.endsWith('/audio') ? new Response(WAV, { status: 200, headers: { 'Content-Type': 'audio/wav' } }) : json({ imported: 1 }),
    );
    const audio = await backend.voicemailAudio(SID);
    expect(audio.contentType).toBe('audio/wav');
    expect(new Uint8Array(audio.bytes)).toEqual(WAV);
    await backend.setVoicemailGreeting(WAV);
    await backend.importContacts(new Uint8Array([1, 2]));
    expect(seen.slice(1).map((s) => [s.method, s.url, s.type])).toEqual([
      ['PUT', '/api/voicemail-greeting', 'application/octet-stream'],
      ['POST', '/api/contacts/import', 'text/vcard'],
    ]);
    expect(seen[1]?.body).toBe(WAV);
  });

  test('errors keep their kind: not found, Twilio, history', async () => {
    const answers: Record<string, Response> = {
      audio: json({ kind: 'not_found', message: 'there is no voicemail RE…' }, 404),
      delete: json({ kind: 'twilio', message: 'Twilio could not be reached' }, 502),
      history: json({ kind: 'history', message: 'call history is unavailable: disk full' }, 422),
    };
    const { backend } = backendWith((url) => (url.endsWith('/audio') ? answers.audio! : url.startsWith('/api/voicemail/') ? answers.delete! : answers.history!));
    await expect(backend.voicemailAudio(SID)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(backend.deleteVoicemail(SID)).rejects.toMatchObject({ kind: 'twilio' });
    await expect(backend.callHistory()).rejects.toMatchObject({ kind: 'history', message: /disk full/ });
  });
});

test('audioType tells WAV from MP3 by the first bytes', () => {
  expect(audioType(WAV.buffer)).toBe('audio/wav');
  expect(audioType(new Uint8Array([0x49, 0x44, 0x33, 4]).buffer)).toBe('audio/mpeg');
  expect(audioType(new ArrayBuffer(0))).toBe('audio/mpeg');
});
