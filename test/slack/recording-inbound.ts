// An Inbound that records what an adapter delivers and answers /pray as told. A test double
// of the core (which is written separately), not a mock of any library.
import type {
  Inbound,
  PrayAnswer,
  PrayCommand,
  PrayedButtonAnswer,
  PrayedButtonPress,
  ReactionEvent,
  ReactionsClearedEvent,
} from '../../src/core/ports.js';
import type { PlatformName } from '../../src/core/types.js';

export class RecordingInbound implements Inbound {
  readonly reactions: ReactionEvent[] = [];
  readonly cleared: ReactionsClearedEvent[] = [];
  readonly resyncs: PlatformName[] = [];
  readonly prays: PrayCommand[] = [];
  /** The answer to /pray; may be async (a slow core). */
  answer: (command: PrayCommand) => PrayAnswer | Promise<PrayAnswer> = () => ({ kind: 'text', text: 'ok' });
  readonly presses: PrayedButtonPress[] = [];
  /** The answer to a press of the "I prayed" button; may be async or throw. */
  pressAnswer: (press: PrayedButtonPress) => PrayedButtonAnswer | Promise<PrayedButtonAnswer> = () => ({
    counted: true,
    stillCountedByReaction: false,
    text: 'Counted — thank you.',
  });
  /** The next N reaction deliveries fail, as if the store were down. */
  failReactions = 0;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  async reaction(event: ReactionEvent): Promise<void> {
    if (this.failReactions > 0) {
      this.failReactions -= 1;
      throw new Error('store unavailable (test)');
    }
    this.reactions.push(event);
    this.wake();
  }

  async reactionsCleared(event: ReactionsClearedEvent): Promise<void> {
    this.cleared.push(event);
  }

  async resync(platform: PlatformName): Promise<void> {
    this.resyncs.push(platform);
  }

  async pray(command: PrayCommand): Promise<PrayAnswer> {
    this.prays.push(command);
    return this.answer(command);
  }

  async prayedButton(press: PrayedButtonPress): Promise<PrayedButtonAnswer> {
    this.presses.push(press);
    return this.pressAnswer(press);
  }

  regionChoices(): Array<{ name: string; value: string }> {
    return [];
  }

  /** Resolves once `count` reactions have been recorded. */
  reactionsReach(count: number): Promise<void> {
    if (this.reactions.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.reactions.length < w.count) return true;
      w.resolve();
      return false;
    });
  }
}
