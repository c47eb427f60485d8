// What the console chat shows first. Today's post when today has one; otherwise a replay of
// the newest week's posting day nearest to today, on an in-memory store (the real ledger is
// not touched by a rehearsal) and a clock set to that day's post time, running at real speed.
// Saving a week that covers today on the coordinator page ends the replay (see
// saveEndsReplay): the console then shows today's post from the real store.
import { dayOf, type PlanState } from '../core/plan-state.js';
import { systemClock, type Clock } from '../core/ports.js';
import { partsOfDay } from '../core/posting.js';
import { channelLocale } from '../core/language.js';
import { postDocumentIn } from '../core/post-document.js';
import type { PrayerBot } from '../core/prayer-bot.js';
import { mondayOf, todayIn } from '../core/time.js';
import type { LocalDate } from '../core/types.js';
import type { ConsolePlatform } from '../platforms/console/console-platform.js';

export interface ConsoleShown {
  kind: 'today' | 'replay' | 'none';
  date?: LocalDate;
}

export interface ConsoleReplay {
  shown: ConsoleShown;
  /** The clock the bot runs on: the given one, or offset to the replayed day's post time. */
  clock: Clock;
  /** Set when replaying: the store is in memory and the sweep starts from the post time. */
  replayFrom?: Date;
}

/** The store a replay runs on. */
export const REPLAY_DATABASE_URL = 'sqlite::memory:';

/** A clock that starts at `start` and runs at real speed (the console replay). */
export function offsetClock(start: Date, base: Clock = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

/** The newest week's posting day nearest to `today` (ties: the earlier). */
function replayDay(state: PlanState, today: LocalDate): LocalDate | undefined {
  const newest = state.weeks.at(-1)?.week;
  if (!newest) return undefined;
  const days = state.days.filter((d) => d.week === newest && d.requests.length > 0);
  const distance = (d: LocalDate) => Math.abs(Date.parse(d) - Date.parse(today));
  return days.sort((a, b) => distance(a.date) - distance(b.date) || a.date.localeCompare(b.date))[0]?.date;
}

/** Which day the console shows, and the clock it runs on. */
export function consoleReplay(state: PlanState, clock: Clock): ConsoleReplay {
  const today = todayIn(state.config.timezone, clock.now());
  const todays = dayOf(state, today);
  if (todays && todays.requests.length > 0) return { shown: { kind: 'today', date: today }, clock };
  const date = replayDay(state, today);
  if (!date) return { shown: { kind: 'none' }, clock };
  const replayFrom = dayOf(state, date)!.postAt;
  return { shown: { kind: 'replay', date }, clock: offsetClock(replayFrom, clock), replayFrom };
}

/** Printed above every post of a replay. */
export function replayHeading(shown: ConsoleShown): string | undefined {
  return shown.kind === 'replay' ? `REPLAY of ${shown.date}` : undefined;
}

export function consoleReadyLine(shown: ConsoleShown): string {
  return `prayerbot ready — console chat${shown.kind === 'replay' ? ` (replay of ${shown.date})` : ''}. Type /pray help, react, or Ctrl-C to stop.`;
}

/** A week saved on the coordinator page ends a replay when it is today's week. */
export function saveEndsReplay(week: LocalDate, state: PlanState, clock: Clock): boolean {
  return week === mondayOf(todayIn(state.config.timezone, clock.now()));
}

/** Once the real bot (real store and clock) has taken over from a replay: today's post, or that there is none. */
export async function showAfterReplay(bot: PrayerBot, chat: ConsolePlatform, output: NodeJS.WritableStream): Promise<void> {
  chat.heading = undefined;
  output.write('The replay has ended: a week covering today was saved on the coordinator page.\n');
  const today = todayIn(bot.ctx.plan().config.timezone, bot.ctx.clock.now());
  if (dayOf(bot.ctx.plan(), today)?.requests.length) await showConsolePost(bot, chat, today);
  else output.write('There is no prayer post today.\n');
}

/** Shows the day's post, or says how to add one when there is none. */
export async function showFirstPost(bot: PrayerBot, chat: ConsolePlatform, shown: ConsoleShown, promptsDir: string): Promise<void> {
  if (shown.date) {
    await showConsolePost(bot, chat, shown.date);
    return;
  }
  chat.show({ title: 'No prayer requests yet', fallback: '', sections: [], verse: { text: '', reference: '' }, footer: `Add a week file to ${promptsDir} (see prayerbot import --help).` }, 'none');
}

/** Sends the day's console post, or shows it again from the ledger if it was sent before. */
async function showConsolePost(bot: PrayerBot, chat: ConsolePlatform, date: LocalDate): Promise<void> {
  const results = await bot.postDay(date, { manual: true });
  const shownNow = results.some((r) => r.outcome === 'sent');
  if (shownNow) return;
  const day = dayOf(bot.ctx.plan(), date);
  if (!day) return;
  const parts = await partsOfDay(bot.ctx, day, bot.ctx.clock.now());
  const { config } = bot.ctx.plan();
  for (const part of parts) {
    const record = await bot.ctx.store.getPost(part.ledgerKey);
    // In the channel's language, as it was sent.
    chat.show(postDocumentIn(channelLocale(config, part.channel), part), record?.messageId ?? part.ledgerKey, 'already posted today');
  }
}
