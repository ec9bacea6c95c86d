// The in-call timer. It derives the elapsed time from the start timestamp on every tick, so a
// late tick never accumulates drift, and it schedules each tick for the next whole second of
// the call rather than polling.

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${String(minutes).padStart(2, '0')}:${ss}`;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/**
 * Calls `onTick(text)` now and at each whole second after `startedAt` until the returned
 * stop function is called. Exactly one timeout is pending at any time while it runs.
 */
export function startCallTimer(startedAt: number, onTick: (text: string) => void, clock: Clock = realClock): () => void {
  let handle: unknown = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    const elapsed = clock.now() - startedAt;
    onTick(formatDuration(elapsed));
    const untilNextSecond = 1000 - (((elapsed % 1000) + 1000) % 1000);
    handle = clock.setTimeout(tick, untilNextSecond);
  };
  tick();
  return () => {
    stopped = true;
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
  };
}
