// What the platforms call instead of the core itself, so shutdown can stop inbound work
// before it stops the platforms: `close()` admits nothing more, `drained()` waits for the
// calls already admitted (a 🙏 half-way to its reaction batch, a /pray retract taking posts
// down). Platforms keep their connections until after the drain, because sends in flight
// still need them; the gate is what makes those connections deaf meanwhile.
//
// After close: a reaction is refused with a retryable error (Slack over HTTP answers 500 and
// redelivers it to a replica that is running; any reaction missed is read again by the next
// start's resync); a resync is skipped (the next holder of the platform does it); /pray gets
// a short answer saying the bot is restarting, in the caller's channel's language.
import { ENGLISH_LOCALE, type Messages } from '../i18n/index.js';
import {
  PlatformError,
  type Inbound,
  type PrayAnswer,
  type PrayCommand,
  type PrayedButtonAnswer,
  type PrayedButtonPress,
  type ReactionEvent,
  type ReactionsClearedEvent,
} from '../core/ports.js';
import type { PlatformName } from '../core/types.js';

export const RESTARTING_ANSWER: PrayAnswer = { kind: 'text', text: ENGLISH_LOCALE.messages.restarting };

/** The messages of the caller's channel's language; it reads only the plan, so it answers while stopping. */
export type MessagesFor = (command: PrayCommand) => Messages;

export class InboundGate implements Inbound {
  private open = true;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly core: Inbound,
    private readonly messagesFor: MessagesFor = () => ENGLISH_LOCALE.messages,
  ) {}

  reaction(event: ReactionEvent): Promise<void> {
    if (!this.open) return Promise.reject(stopping('reaction'));
    return this.track(this.core.reaction(event));
  }

  reactionsCleared(event: ReactionsClearedEvent): Promise<void> {
    if (!this.open) return Promise.reject(stopping('cleared reactions'));
    return this.track(this.core.reactionsCleared(event));
  }

  resync(platform: PlatformName): Promise<void> {
    if (!this.open) return Promise.resolve();
    return this.track(this.core.resync(platform));
  }

  pray(command: PrayCommand): Promise<PrayAnswer> {
    if (!this.open) return Promise.resolve({ kind: 'text', text: this.messagesFor(command).restarting });
    return this.track(this.core.pray(command));
  }

  prayedButton(press: PrayedButtonPress): Promise<PrayedButtonAnswer> {
    if (!this.open) return Promise.reject(stopping('press of the "I prayed" button'));
    return this.track(this.core.prayedButton(press));
  }

  /** Reads only the plan: answered even while stopping. */
  regionChoices(typed: string): Array<{ name: string; value: string }> {
    return this.core.regionChoices(typed);
  }

  /** Admits nothing more. */
  close(): void {
    this.open = false;
  }

  /** Resolves once every call admitted before `close()` has settled. */
  async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    // The caller sees the outcome; the set only needs to know when it is over.
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return work;
  }
}

function stopping(what: string): PlatformError {
  return new PlatformError('unavailable', `prayerbot is stopping: the ${what} was not recorded here (it is read again at the next start)`);
}
