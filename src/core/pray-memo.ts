// What /pray works out once per loaded plan instead of once per command (it is the bot's
// busiest request, and Slack's 3 s and the benchmark both watch it):
//   - the listed channels by platform and id, and the calendar and language each follows;
//   - the instants at which a request expires, so "which requests have expired" is a number
//     (how many of those instants have passed) rather than a scan;
//   - the answers themselves. An answer to `/pray`, `/pray <region>` or `/pray week` depends
//     only on the plan, the kind of channel it is asked in (answerKey: what it may carry, its
//     language, calendar and button, and the privacy note it gets), the channel's today, which
//     requests have expired and the retraction list: it is reused, the same object, until one
//     of those changes. A hit allocates nothing. A new plan (hot reload) starts a
//     new memo.
import type { CalendarPlan, PlanState } from './plan-state.js';
import { calendarPlanOf } from './plan-state.js';
import { channelLocale, type Locale } from './language.js';
import type { PrayAnswer } from './ports.js';
import type { ChannelConfig, LocalDate, PlatformName, Region } from './types.js';

/** What an answer depends on besides the plan and the question; equal stamps give equal answers. */
export interface AnswerStamp {
  today: LocalDate;
  /** How many expiry instants have passed (PrayMemo.expiredBy). */
  expired: number;
  /** RetractionList.version. */
  retractions: number;
}

/** The question: `today`, `week`, or a region (the config's own object). */
export type PlanQuestion = 'today' | 'week' | Region;

/** Far more than a config's channel kinds × intents ever reach; a safety net, not an LRU. */
const MAX_ANSWERS = 1_000;

export class PrayMemo {
  private readonly channels = new Map<string, ChannelConfig>();
  private readonly calendars = new Map<ChannelConfig, CalendarPlan>();
  private readonly locales = new Map<ChannelConfig, Locale>();
  /** Distinct expiry instants (ms), ascending. */
  private readonly expiries: number[];
  /** By answerKey, then question. */
  private readonly answers = new Map<string, Map<PlanQuestion, { stamp: AnswerStamp; answer: PrayAnswer }>>();
  private answerCount = 0;
  private readonly keys = new Map<ChannelConfig, string>();

  constructor(private readonly state: PlanState) {
    for (const channel of state.config.channels) {
      const key = channelId(channel.platform, channel.id);
      // The first listing of a channel is the one /pray has always used.
      if (!this.channels.has(key)) this.channels.set(key, channel);
      this.calendars.set(channel, calendarPlanOf(state, channel));
      this.locales.set(channel, channelLocale(state.config, channel));
    }
    this.expiries = [...new Set([...state.requests.values()].map((r) => r.expiresAt.getTime()))].sort((a, b) => a - b);
  }

  /** The channel as the config lists it, if it does. */
  listedChannel(platform: PlatformName, id: string): ChannelConfig | undefined {
    return this.channels.get(channelId(platform, id));
  }

  /** The calendar `channel` follows (a stand-in for an unlisted channel follows the organisation's). */
  calendarOf(channel: ChannelConfig): CalendarPlan {
    return this.calendars.get(channel) ?? calendarPlanOf(this.state, channel);
  }

  /** The language the bot writes in, in `channel`. */
  localeOf(channel: ChannelConfig): Locale {
    return this.locales.get(channel) ?? channelLocale(this.state.config, channel);
  }

  /**
   * How many expiry instants are at or before `now`: two instants with the same count see the
   * same requests as expired (`expiresAt > now` is what keeps a request shown).
   */
  expiredBy(now: Date): number {
    const t = now.getTime();
    let lo = 0;
    let hi = this.expiries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.expiries[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Everything about `channel` its answers depend on (answerKey), kept for listed channels;
   * `note` is the privacy view's, when the channel answers as less than it is configured for.
   */
  keyOf(channel: ChannelConfig, calendar: CalendarPlan, note?: string): string {
    let key = this.keys.get(channel);
    if (key === undefined) {
      key = answerKey(channel, calendar);
      if (this.calendars.has(channel)) this.keys.set(channel, key);
    }
    return note === undefined ? key : `${key}|${note}`;
  }

  /** The answer remembered for `question` in channels of `key`, if it was worked out for `stamp`. */
  remembered(key: string, question: PlanQuestion, stamp: AnswerStamp): PrayAnswer | undefined {
    const hit = this.answers.get(key)?.get(question);
    return hit && sameStamp(hit.stamp, stamp) ? hit.answer : undefined;
  }

  /** Remembers `answer` (frozen: it is handed to every caller it fits) and returns it. */
  remember(key: string, question: PlanQuestion, stamp: AnswerStamp, answer: PrayAnswer): PrayAnswer {
    if (this.answerCount >= MAX_ANSWERS) {
      this.answers.clear();
      this.answerCount = 0;
    }
    let byQuestion = this.answers.get(key);
    if (!byQuestion) {
      byQuestion = new Map();
      this.answers.set(key, byQuestion);
    }
    if (!byQuestion.has(question)) this.answerCount += 1;
    const kept = frozen(answer);
    byQuestion.set(question, { stamp, answer: kept });
    return kept;
  }
}

/**
 * Everything about the caller's channel that an answer depends on: the platform (its message
 * limits split a post), what the channel may carry (audience, allow_public), its language and
 * calendar, and its "I prayed" button (which names the channel's own post). A new per-channel
 * setting that changes answers belongs here.
 */
export function answerKey(channel: ChannelConfig, calendar: CalendarPlan): string {
  const button = channel.prayedButton ? `button:${channel.id}` : '';
  return `${channel.platform}|${channel.audience}|${channel.allowPublic}|${channel.language ?? ''}|${calendar.calendar.key}|${button}`;
}

const memos = new WeakMap<PlanState, PrayMemo>();

/** The memo of a loaded plan, made on first use. */
export function prayMemoOf(state: PlanState): PrayMemo {
  let memo = memos.get(state);
  if (!memo) {
    memo = new PrayMemo(state);
    memos.set(state, memo);
  }
  return memo;
}

function channelId(platform: PlatformName, id: string): string {
  return `${platform}:${id}`;
}

function sameStamp(a: AnswerStamp, b: AnswerStamp): boolean {
  return a.today === b.today && a.expired === b.expired && a.retractions === b.retractions;
}

/** A shared answer is handed to many callers: none of them may change it. */
function frozen(answer: PrayAnswer): PrayAnswer {
  if (answer.kind === 'post') {
    for (const section of answer.doc.sections) {
      for (const item of section.items) Object.freeze(item);
      Object.freeze(section.items);
      Object.freeze(section);
    }
    Object.freeze(answer.doc.sections);
    Object.freeze(answer.doc.verse);
    if (answer.doc.prayedButton) Object.freeze(answer.doc.prayedButton);
    Object.freeze(answer.doc);
  }
  return Object.freeze(answer);
}
