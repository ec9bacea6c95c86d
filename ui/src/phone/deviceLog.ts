// The device log, as in the tutorial: what the phone did, in words, with what to do about
// errors. A bounded buffer (a phone left open for days must not grow without end) plus the
// listeners that show it.

import { render, t } from '../i18n/i18n';
import { errorParts, explainError } from './errors';
import type { Clock } from './timer';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  at: number;
  level: LogLevel;
  text: string;
  /** For errors: what to do about it. */
  fix?: string;
  code?: number;
}

/** Entries kept; older ones are dropped first. */
export const LOG_LIMIT = 200;

export class DeviceLog {
  private readonly list: LogEntry[] = [];
  private readonly listeners = new Set<(entry: LogEntry) => void>();
  /** Error objects already written: the SDK reports one failure on several paths. */
  private readonly written = new WeakSet();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly limit = LOG_LIMIT,
  ) {}

  /** Oldest first, at most `limit` of them. */
  get entries(): readonly LogEntry[] {
    return this.list;
  }

  /** Calls `listener` with each new entry; returns a function that stops. */
  onEntry(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  write(level: LogLevel, text: string, extra: { fix?: string; code?: number } = {}): void {
    const entry: LogEntry = { at: this.clock.now(), level, text, ...extra };
    this.list.push(entry);
    if (this.list.length > this.limit) this.list.splice(0, this.list.length - this.limit);
    for (const listener of this.listeners) listener(entry);
  }

  /**
   * An SDK error explained: "Title (code). What happened", after `prefix` when given (already
   * in words), and the fix. Written in the language of the moment: the log is a record.
   */
  writeError(error: unknown, prefix?: string): void {
    const { code, message } = errorParts(error);
    const explained = explainError(code, message);
    const parts = { title: render(explained.title), what: render(explained.what) };
    const text =
      code !== null
        ? prefix
          ? t('log-error-prefixed', { ...parts, prefix, code: String(code) })
          : t('log-error', { ...parts, code: String(code) })
        : prefix
          ? t('log-error-prefixed-no-code', { ...parts, prefix })
          : t('log-error-no-code', parts);
    this.write('error', text, { fix: render(explained.fix), ...(code !== null ? { code } : {}) });
  }

  /** Like `writeError`, but once per error object. */
  writeErrorOnce(error: unknown): void {
    if (typeof error === 'object' && error !== null) {
      if (this.written.has(error)) return;
      this.written.add(error);
    }
    this.writeError(error);
  }

  /** Counts `error` as written, for a caller that words it (or leaves it out) itself. */
  markWritten(error: unknown): void {
    if (typeof error === 'object' && error !== null) this.written.add(error);
  }
}
