// Inbounds for the adapter tests: one that records what an adapter delivers and answers /pray
// and the "I prayed" button as told, and one that does nothing. Test doubles of the core, not
// mocks of any library.
import type * as ports from '../../src/core/ports.js';
import type { PlatformName } from '../../src/core/types.js';

/** An Inbound that takes everything and does nothing. */
export const quietInbound: ports.Inbound = {
  reaction: async () => undefined,
  reactionsCleared: async () => undefined,
  resync: async () => undefined,
  pray: async () => ({ kind: 'text', text: '' }),
  prayedButton: async () => ({ refused: 'not_a_post', text: '' }),
  regionChoices: () => [],
};

export class RecordingInbound implements ports.Inbound {
  readonly reactions: ports.ReactionEvent[] = [];
  readonly cleared: ports.ReactionsClearedEvent[] = [];
  readonly resyncs: PlatformName[] = [];
  readonly prays: ports.PrayCommand[] = [];
  /** The answer to /pray; may be async (a slow core). */
  answer: (command: ports.PrayCommand) => ports.PrayAnswer | Promise<ports.PrayAnswer> = () => ({ kind: 'text', text: 'ok' });
  readonly presses: ports.PrayedButtonPress[] = [];
  /** The answer to a press of the "I prayed" button; may be async or throw. */
  pressAnswer: (press: ports.PrayedButtonPress) => ports.PrayedButtonAnswer | Promise<ports.PrayedButtonAnswer> = () => ({
    counted: true,
    stillCountedByReaction: false,
    text: 'Counted — thank you.',
  });
  /** What /pray's region autocomplete offers, and what it was asked with. */
  regions: Array<{ name: string; value: string }> = [];
  readonly typed: string[] = [];
  /** The next N reaction deliveries fail, as if the store were down. */
  failReactions = 0;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  async reaction(event: ports.ReactionEvent): Promise<void> {
    if (this.failReactions > 0) {
      this.failReactions -= 1;
      throw new Error('store unavailable (test)');
    }
    this.reactions.push(event);
    this.wake();
  }

  async reactionsCleared(event: ports.ReactionsClearedEvent): Promise<void> {
    this.cleared.push(event);
  }

  async resync(platform: PlatformName): Promise<void> {
    this.resyncs.push(platform);
  }

  async pray(command: ports.PrayCommand): Promise<ports.PrayAnswer> {
    this.prays.push(command);
    return this.answer(command);
  }

  async prayedButton(press: ports.PrayedButtonPress): Promise<ports.PrayedButtonAnswer> {
    this.presses.push(press);
    return this.pressAnswer(press);
  }

  regionChoices(typed: string): Array<{ name: string; value: string }> {
    this.typed.push(typed);
    const t = typed.toLowerCase();
    return this.regions.filter((r) => r.name.toLowerCase().startsWith(t) || r.value.startsWith(t));
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
