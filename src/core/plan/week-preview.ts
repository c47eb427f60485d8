// What each day of a week holds for each channel, as `prayerbot preview` prints it and the
// coordinator page shows it: the parts every channel receives (split with its platform's
// limits), and why a day posts nothing. Pure: config, week and planned days in.
import { channelPostsOf, splitIntoParts } from './channel-posts.js';
import { MESSAGE_LIMITS } from './limits.js';
import { formatLongDate, weekDates } from '../time.js';
import type { ChannelConfig, Config, LocalDate, PlanDay, PostPart, WeekPlan } from '../types.js';

export interface ChannelDay {
  channel: ChannelConfig;
  parts: PostPart[];
}

export interface DayReport {
  date: LocalDate;
  /** Set for posting days. */
  plan?: PlanDay;
  skipped: boolean;
  channels: ChannelDay[];
  /** Why nothing is posted, for humans. */
  nothing?: string;
}

/** Every date of the week, with the parts each of `config.channels` receives that day. */
export function previewWeek(config: Config, week: WeekPlan, days: PlanDay[]): DayReport[] {
  return weekDates(week.week).map((date) => {
    const plan = days.find((d) => d.date === date);
    const skipped = config.skip.includes(date);
    if (!plan) {
      return { date, skipped, channels: [], nothing: skipped ? 'a skip date in the config' : 'not a posting day' };
    }
    const posts = channelPostsOf(config, week, plan);
    const channels = config.channels.map((channel) => {
      const post = posts.find((p) => p.channel === channel);
      return { channel, parts: post ? splitIntoParts(post, MESSAGE_LIMITS[channel.platform]) : [] };
    });
    let nothing: string | undefined;
    if (plan.requests.length === 0) nothing = whyEmpty(config, week, plan, days);
    else if (channels.every((c) => c.parts.length === 0)) nothing = "no channel's audience includes the day's requests";
    return nothing ? { date, plan, skipped, channels, nothing } : { date, plan, skipped, channels };
  });
}

/** Why a posting day holds no request: its rotation region's requests are elsewhere, or there are none. */
export function whyEmpty(config: Config, week: WeekPlan, plan: PlanDay, days: PlanDay[]): string {
  const reasons = plan.rotationRegions.map((id) => {
    const name = config.regions.find((r) => r.id === id)?.name ?? id;
    const own = week.requests.filter((r) => r.region === id);
    if (own.length === 0) return `rotation day of ${name}, which has no request this week`;
    const elsewhere = days
      .filter((d) => d.date !== plan.date && d.requests.some((r) => r.region === id))
      .map((d) => formatLongDate(d.date).replace(/, \d{4}$/, ''));
    const what = own.length === 1 ? 'request is' : 'requests are';
    return `rotation day of ${name}, whose ${what} posted on ${elsewhere.join(' and ') || 'no day'}`;
  });
  return reasons.join('; ') || 'no request for this day';
}
