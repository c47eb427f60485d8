// The bot that inbound events, scheduled jobs and the console clock reach. It is one bot for
// the life of the process, except in a console replay: the replay runs on an in-memory store
// and a clock set in the past, and when a week covering today is saved on the coordinator
// page the real bot (real store, real clock) takes over — the console, the platforms and the
// scheduler keep talking to this object and never notice.
import type { CoreContext } from '../core/context.js';
import type { PartResult } from '../core/posting.js';
import type { PrayerBot } from '../core/prayer-bot.js';
import type { RetentionAction } from '../core/retention.js';
import type { Clock, Inbound } from '../core/ports.js';

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

  refreshRetractions(): Promise<void> {
    return this.bot.refreshRetractions();
  }

  digest(): Promise<boolean> {
    return this.bot.digest();
  }

  drain(): Promise<void> {
    return this.bot.drain();
  }

  // Inbound and the chat helpers, handed to whichever bot is current when the call comes.
  readonly reaction: Inbound['reaction'] = (event) => this.bot.reaction(event);
  readonly reactionsCleared: Inbound['reactionsCleared'] = (event) => this.bot.reactionsCleared(event);
  readonly resync: Inbound['resync'] = (platform) => this.bot.resync(platform);
  readonly pray: Inbound['pray'] = (command) => this.bot.pray(command);
  readonly prayedButton: Inbound['prayedButton'] = (press) => this.bot.prayedButton(press);
  /** The messages of the caller's channel's language. */
  readonly messagesFor: PrayerBot['messagesFor'] = (caller) => this.bot.messagesFor(caller);
  readonly regionChoices: Inbound['regionChoices'] = (typed) => this.bot.regionChoices(typed);
}
