// What /pray may show in the caller's channel: the privacy guard's verdict, read from the
// facts cache only. /pray never waits for a platform call (it must answer within Slack's and
// Discord's 3 s, and its latency is benchmarked): without fresh facts it answers as a
// `volunteers` channel would and refreshes the facts in the background for the next caller.
import { ENGLISH_LOCALE } from '../i18n/index.js';
import { channelKey, type CoreContext } from './context.js';
import { FACTS_MAX_AGE_MS } from './channel-facts.js';
import { channelLocale } from './language.js';
import { privacyVerdict } from './privacy.js';
import type { ChannelConfig } from './types.js';

/** Shown when a listed staff channel is refused by the guard (made public, shared, seen by others). */
export const NOT_PRIVATE_NOTE = ENGLISH_LOCALE.messages.prayNoteNotPrivate;
/** Shown when the channel's privacy has not been checked lately: staff requests wait for the check. */
export const UNCHECKED_NOTE = ENGLISH_LOCALE.messages.prayNoteUnchecked;

/** Facts older than this are refreshed in the background on use, so a busy channel never goes stale. */
const REFRESH_AFTER_MS = FACTS_MAX_AGE_MS / 2;

export interface PrayView {
  /** The channel as /pray answers it: as configured, or as a `volunteers` channel. */
  channel: ChannelConfig;
  /** Why less is shown than the channel is configured for, in the channel's language. */
  note?: string;
}

/** How /pray answers in `channel` (a listed channel, or the `volunteers` stand-in for others). */
export function prayView(ctx: CoreContext, channel: ChannelConfig): PrayView {
  // Only a private staff channel may show staff requests (channelMayCarry): nothing else
  // depends on the verdict.
  if (channel.audience !== 'staff' || channel.allowPublic) return { channel };
  const asVolunteers: ChannelConfig = { ...channel, audience: 'volunteers' };
  const m = channelLocale(ctx.plan().config, channel).messages;
  const platform = ctx.platforms.get(channel.platform);
  if (!platform) return { channel: asVolunteers, note: m.prayNoteUnchecked };
  const cached = ctx.inspections.cached(channel.platform, channel.id);
  if (!cached || ctx.clock.now().getTime() - cached.at >= REFRESH_AFTER_MS) ctx.inspections.refresh(platform, channel.id, ctx.log);
  if (!cached) return { channel: asVolunteers, note: m.prayNoteUnchecked };
  if (privacyVerdict(channel, cached.facts).allowed) return { channel };
  // A channel the bot cannot see (no access, gone) is not known to be private either.
  return { channel: asVolunteers, note: cached.facts.state === 'ok' ? m.prayNoteNotPrivate : m.prayNoteUnchecked };
}

/**
 * Refreshes in the background the facts of every staff channel /pray judges, when they are
 * missing or half-way to stale. Run after each sweep (every minute), so /pray in a staff
 * channel rarely finds no verdict, even where nothing was posted for hours.
 */
export function refreshPrayFacts(ctx: CoreContext): void {
  const now = ctx.clock.now().getTime();
  for (const channel of ctx.plan().config.channels) {
    if (channel.audience !== 'staff' || channel.allowPublic) continue;
    const platform = ctx.platforms.get(channel.platform);
    if (!platform || ctx.disabledChannels.has(channelKey(channel.platform, channel.id))) continue;
    const cached = ctx.inspections.cached(channel.platform, channel.id);
    if (!cached || now - cached.at >= REFRESH_AFTER_MS) ctx.inspections.refresh(platform, channel.id, ctx.log);
  }
}
