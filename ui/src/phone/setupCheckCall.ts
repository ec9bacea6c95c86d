// "Test my set-up", the network path: a short call to the reserved destination our webhook
// answers with `<Echo/>` (src-tauri/webhook/routing/echo_test.rs), on a Device of its own that
// never registers, so the phone's own Device stays free to ring. It collects the SDK's quality
// samples and warnings and the levels each way, hangs up by itself after `ECHO_CALL_MS`, and
// hands the measurements to setupCheck.ts for the verdict. The Phone (device.ts) makes the
// Device and stops the check when a real call starts.

import { errorParts } from './errors';
import { NO_QUALITY, nextQuality, type CallQuality, type QualitySample } from './quality';
import type { Listener, SdkCall, SdkDevice } from './sdk';
import { ECHO_CALL_MS, ECHO_TEST_DESTINATION, summarizeEcho, type NetworkSummary } from './setupCheck';
import type { Clock } from './timer';

/** Twilio must answer within this long (ms), or the test says the network did not get through. */
export const ANSWER_TIMEOUT_MS = 20_000;

export interface EchoCallHooks {
  /** Twilio answered: `secondsLeft` counts down, `quality` is the latest sample. */
  measuring(secondsLeft: number, quality: CallQuality): void;
}

export type EchoCallResult =
  | { kind: 'done'; summary: NetworkSummary }
  /** A real call started, or the user left: nothing to report. */
  | { kind: 'stopped' }
  /** Twilio ended the call before the test did (the webhook refused it, or the line dropped). */
  | { kind: 'hung-up-early' }
  /** Twilio did not answer in time. */
  | { kind: 'no-answer' }
  | { kind: 'failed'; code: number | null; message: string };

export class EchoCall {
  private stopRequested: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly device: SdkDevice,
  ) {}

  /** Ends the test at once (a real call comes first); `run` then resolves `stopped`. */
  stop(): void {
    this.stopped = true;
    this.stopRequested?.();
  }

  async run(hooks: EchoCallHooks): Promise<EchoCallResult> {
    let call: SdkCall;
    try {
      call = await this.device.connect({ params: { To: ECHO_TEST_DESTINATION } });
    } catch (error) {
      return this.stopped ? { kind: 'stopped' } : { kind: 'failed', ...errorParts(error) };
    }
    if (this.stopped) {
      call.disconnect();
      return { kind: 'stopped' };
    }
    return new Promise<EchoCallResult>((resolve) => {
      const samples: QualitySample[] = [];
      const warnings: string[] = [];
      let quality = NO_QUALITY;
      let maxInput = 0;
      let maxOutput = 0;
      let answeredAt: number | null = null;
      let timer: unknown = null;
      let over = false;

      const finish = (result: EchoCallResult): void => {
        if (over) return;
        over = true;
        if (timer !== null) this.clock.clearTimeout(timer);
        for (const [event, handler] of Object.entries(handlers)) call.removeListener(event, handler);
        this.stopRequested = null;
        if (call.status() !== 'closed') call.disconnect();
        resolve(result);
      };
      const tick = (): void => {
        const left = ECHO_CALL_MS - (this.clock.now() - (answeredAt ?? this.clock.now()));
        if (left <= 0) {
          finish({ kind: 'done', summary: summarizeEcho({ samples, warnings, maxInput, maxOutput }) });
          return;
        }
        hooks.measuring(Math.ceil(left / 1000), quality);
        timer = this.clock.setTimeout(tick, Math.min(1000, left));
      };
      const handlers: Record<string, Listener> = {
        accept: () => {
          answeredAt = this.clock.now();
          if (timer !== null) this.clock.clearTimeout(timer);
          tick();
        },
        sample: (sample: QualitySample) => {
          samples.push(sample);
          quality = nextQuality(quality, { type: 'sample', sample });
        },
        warning: (name: string) => {
          if (!warnings.includes(name)) warnings.push(name);
        },
        volume: (input: number, output: number) => {
          if (answeredAt === null) return;
          maxInput = Math.max(maxInput, input);
          maxOutput = Math.max(maxOutput, output);
        },
        disconnect: () => finish({ kind: 'hung-up-early' }),
        cancel: () => finish({ kind: 'hung-up-early' }),
        reject: () => finish({ kind: 'hung-up-early' }),
        error: (error: unknown) => finish({ kind: 'failed', ...errorParts(error) }),
      };
      for (const [event, handler] of Object.entries(handlers)) call.on(event, handler);
      this.stopRequested = () => finish({ kind: 'stopped' });
      timer = this.clock.setTimeout(() => {
        if (answeredAt === null) finish({ kind: 'no-answer' });
      }, ANSWER_TIMEOUT_MS);
      if (call.status() === 'closed') finish({ kind: 'hung-up-early' });
    });
  }
}
