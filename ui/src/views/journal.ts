// Pure choices for Recents, Voicemail and Contacts: what counts as missed or new, how a time,
// a length and a party are written, and how typed numbers become a contact's. No DOM, no IPC.

import type { CallStatus, ContactNumber, HistoryEntry, HistoryQuality, VoicemailEntry } from '../contract';
import { describeParty, type Region } from '../phone/number';
import { gradeOf, warningWords } from '../phone/quality';

/** An incoming call nobody answered, as `dialtone history --missed` counts them. */
export function isMissed(entry: HistoryEntry): boolean {
  return entry.direction === 'inbound' && entry.status === 'missed';
}

/** Missed calls that started after `seenAt` (ms since the epoch): the Recents badge. */
export function missedSince(entries: readonly HistoryEntry[], seenAt: number): number {
  return entries.filter((e) => isMissed(e) && Date.parse(e.started_at) > seenAt).length;
}

/** Messages not yet played: the Voicemail badge. */
export function unheardCount(messages: readonly VoicemailEntry[]): number {
  return messages.filter((m) => !m.heard).length;
}

/** The newest start time in the list (ms), so "seen" means "seen up to here", whatever the clock says. */
export function newestStart(entries: readonly HistoryEntry[]): number {
  return entries.reduce((newest, e) => Math.max(newest, Date.parse(e.started_at) || 0), 0);
}

/** The message id for a call's outcome, by direction (an outgoing "missed" is "no answer"). */
export function statusMessageId(direction: HistoryEntry['direction'], status: CallStatus): string {
  if (direction === 'outbound') {
    const outbound: Record<CallStatus, string> = {
      answered: 'recents-outbound-answered',
      missed: 'recents-outbound-missed',
      declined: 'recents-outbound-declined',
      busy: 'recents-outbound-busy',
      failed: 'recents-outbound-failed',
      refused: 'recents-outbound-refused',
    };
    return outbound[status];
  }
  const inbound: Record<CallStatus, string> = {
    answered: 'recents-inbound-answered',
    missed: 'recents-inbound-missed',
    declined: 'recents-inbound-declined',
    busy: 'recents-inbound-busy',
    failed: 'recents-inbound-failed',
    refused: 'recents-inbound-refused',
  };
  return inbound[status];
}

/** Who a call or message was with: the contact's (or Twilio's) name, else the number as the phone shows it. */
export function partyLabel(name: string | null, number: string | null, home: Region | null): string {
  const trimmed = name?.trim();
  return trimmed ? trimmed : describeParty(number, home);
}

/** A number that can be called back or saved: E.164, not withheld. */
export function isCallable(number: string | null): number is string {
  return number !== null && /^\+[1-9][0-9]{6,14}$/.test(number);
}

/** A length in seconds as `m:ss` (or `h:mm:ss`), the way phones print call lengths. */
export function formatLength(totalSecs: number): string {
  const secs = Math.max(0, Math.floor(totalSecs));
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = String(secs % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * When a call was, in `lang`: relative within the hour ("5 minutes ago"), the time of day
 * today, otherwise the date and time. `now` is passed in so tests need no clock.
 */
export function formatWhen(at: string, now: number, lang: string): string {
  const time = Date.parse(at);
  if (!Number.isFinite(time)) return at;
  const ago = now - time;
  if (ago >= 0 && ago < 60 * 60_000) {
    const minutes = Math.round(ago / 60_000);
    return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(-minutes, 'minute');
  }
  const sameDay = new Date(time).toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  return new Intl.DateTimeFormat(lang, options).format(time);
}

/**
 * Numbers typed into the contact form (one per line or separated by commas or semicolons),
 * keeping the label of each number the contact had before. Rust checks and normalizes them.
 */
export function numbersFromText(text: string, previous: readonly ContactNumber[] = []): ContactNumber[] {
  const seen = new Set<string>();
  const out: ContactNumber[] = [];
  for (const raw of text.split(/[\n,;]/)) {
    const number = raw.trim();
    if (!number || seen.has(number)) continue;
    seen.add(number);
    const label = previous.find((p) => p.number === number)?.label ?? null;
    out.push({ number, label });
  }
  return out;
}

/** A contact's numbers as the form shows them, one per line. */
export function numbersToText(numbers: readonly ContactNumber[]): string {
  return numbers.map((n) => n.number).join('\n');
}

/** What Recents says about how a call sounded: "Fair line · Opus", and the details for the tooltip. */
export interface QualityLine {
  /** `call-quality-good` / `-fair` / `-poor`; null without a MOS. */
  gradeId: string | null;
  /** The codec as people write it (Opus, PCMU). */
  codec: string | null;
  /** The average MOS with one decimal, as text. */
  mos: string | null;
  /** The message id that explains the worst warning; null when none (or one we do not know). */
  warningId: string | null;
}

const CODEC_NAMES: Record<string, string> = { opus: 'Opus', pcmu: 'PCMU', pcma: 'PCMA' };

export function qualityLine(quality: HistoryQuality | null): QualityLine | null {
  if (!quality) return null;
  const grade = gradeOf(quality.average_mos);
  const codec = quality.codec ? (CODEC_NAMES[quality.codec.toLowerCase()] ?? quality.codec.toUpperCase()) : null;
  const warningId = quality.worst_warning ? (warningWords(quality.worst_warning)?.what ?? null) : null;
  if (grade === null && codec === null && warningId === null) return null;
  return {
    gradeId: grade ? `call-quality-${grade}` : null,
    codec,
    mos: quality.average_mos !== null && Number.isFinite(quality.average_mos) ? quality.average_mos.toFixed(1) : null,
    warningId,
  };
}
