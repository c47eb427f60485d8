// Shutdown in a fixed order, whatever order the parts were started in:
//
//   inbound    nothing new comes in (the HTTP server, the inbound gate in front of the core)
//   drain      what is under way finishes: the scheduler's jobs (their sends), inbound calls
//              already admitted, queued reaction batches
//   platforms  the chat connections close (sends above needed them)
//   observe    the metrics endpoint
//   store      last: everything above may still write to it
//
// A part registers its stop under its phase as soon as it has started, so a start that fails
// half-way tears down exactly what it started. The inbound steps all start at once, within the
// stop() call itself: nothing is admitted after it. In the other phases steps run one after
// another, newest first (platforms stop in the reverse of their start). A step that fails is
// logged and the next one still runs.
import type { Log } from '../core/ports.js';
import { errorLogFields } from '../core/errors.js';

export const TEARDOWN_PHASES = ['inbound', 'drain', 'platforms', 'observe', 'store'] as const;
export type TeardownPhase = (typeof TEARDOWN_PHASES)[number];

export class Teardown {
  private readonly steps = new Map<TeardownPhase, Array<{ what: string; run: () => unknown }>>();
  private stopping: Promise<void> | undefined;

  constructor(private readonly log: Log) {}

  /** `run` is called once, when stop() reaches `phase`. */
  add(phase: TeardownPhase, what: string, run: () => unknown): void {
    if (this.stopping) throw new Error(`teardown already running: cannot add "${what}"`);
    this.steps.set(phase, [...(this.steps.get(phase) ?? []), { what, run }]);
  }

  /** Runs every phase in order. A second call returns the first call's promise. */
  stop(): Promise<void> {
    this.stopping ??= this.run();
    return this.stopping;
  }

  private async run(): Promise<void> {
    for (const phase of TEARDOWN_PHASES) {
      const steps = [...(this.steps.get(phase) ?? [])].reverse();
      if (phase === 'inbound') {
        await Promise.all(steps.map((step) => this.attempt(phase, step)));
        continue;
      }
      for (const step of steps) await this.attempt(phase, step);
    }
  }

  private async attempt(phase: TeardownPhase, step: { what: string; run: () => unknown }): Promise<void> {
    try {
      await step.run();
    } catch (error) {
      this.log.warn({ phase, step: step.what, ...errorLogFields(error) }, 'shutdown step failed');
    }
  }
}
