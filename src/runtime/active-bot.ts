// The bot that inbound events, scheduled jobs and the console clock reach. It is one bot for
// the life of the process, except in a console replay: the replay runs on an in-memory store
// and a clock set in the past, and when a week covering today is saved on the coordinator
// page the real bot (real store, real clock) takes over — the console, the platforms and the
// scheduler keep talking to this object and never notice.
import type { CoreContext } from '../core/context.js';
import type { PartResult } from '../core/posting.js';
import type { PrayerBot } from '../core/prayer-bot.js';
import type { RetentionAction } from '../core/retention.js';
import type {
  Clock,
  Inbound,
  PrayAnswer,
  PrayCommand,
  PrayedButtonAnswer,
  PrayedButtonPress,
  ReactionEvent,
  ReactionsClearedEvent,
} from '../core/ports.js';
import type { PlatformName } from '../core/types.js';
import type { Messages } from '../i18n/index.js';

export class ActiveBot implements Inbound {
  constructor(private bot: PrayerBot) {}

  get current(): PrayerBot {
    return this.bot;
  }

  /** Hands everything to `next`; returns the bot it replaced (to drain it). */
  swap(next: PrayerBot): PrayerBot {
    const previous = this.bot;
    this.bot = next;
    return previous;
  }

  /** The current bot's clock. */
  readonly clock: Clock = { now: () => this.bot.ctx.clock.now() };

  get ctx(): CoreContext {
    return this.bot.ctx;
  }

  sweep(): Promise<PartResult[]> {
    return this.bot.sweep();
  }

  retire(): Promise<RetentionAction[]> {
    return this.bot.retire();
  }

  digest(): Promise<boolean> {
    return this.bot.digest();
  }

  drain(): Promise<void> {
    return this.bot.drain();
  }

  reaction(event: ReactionEvent): Promise<void> {
    return this.bot.reaction(event);
  }

  reactionsCleared(event: ReactionsClearedEvent): Promise<void> {
    return this.bot.reactionsCleared(event);
  }

  resync(platform: PlatformName): Promise<void> {
    return this.bot.resync(platform);
  }

  pray(command: PrayCommand): Promise<PrayAnswer> {
    return this.bot.pray(command);
  }

  prayedButton(press: PrayedButtonPress): Promise<PrayedButtonAnswer> {
    return this.bot.prayedButton(press);
  }

  /** The messages of the caller's channel's language. */
  messagesFor(caller: PrayCommand): Messages {
    return this.bot.messagesFor(caller);
  }

  regionChoices(typed: string): Array<{ name: string; value: string }> {
    return this.bot.regionChoices(typed);
  }
}
