// What each channel receives on a posting day, and how a long post splits into parts.
//
// Audience: a `staff` channel gets every request; a `volunteers` channel only
// `audience: everyone` requests. A channel with `allow_public: true` also gets only
// `everyone` requests, whatever its audience: the privacy guard refuses the rest at send
// time anyway, and filtering here as well means the plan, `preview` and the ledger show
// exactly what will be sent instead of a post the guard would then refuse.
import type { MessageLimits } from '../ports.js';
import type {
  ChannelConfig,
  ChannelPost,
  Config,
  PlanDay,
  PostPart,
  PostSection,
  Region,
  ScheduledRequest,
  WeekPlan,
} from '../types.js';
import { ledgerKeyOf } from '../types.js';
import { calendarOf } from './calendar.js';

/** True when `channel` may carry `request`. */
export function channelMayCarry(channel: ChannelConfig, request: Pick<ScheduledRequest, 'audience'>): boolean {
  if (request.audience === 'everyone') return true;
  return channel.audience === 'staff' && !channel.allowPublic;
}

/** Groups requests under their regions: rotation order, then the config's order; requests keep theirs. */
export function sectionsOf(config: Config, requests: ScheduledRequest[]): PostSection[] {
  const rank = (id: string) => {
    const r = config.rotation.indexOf(id);
    return r >= 0 ? r : config.rotation.length + Math.max(0, config.regions.findIndex((x) => x.id === id));
  };
  const byRegion = new Map<string, ScheduledRequest[]>();
  for (const request of requests) byRegion.set(request.region, [...(byRegion.get(request.region) ?? []), request]);
  return [...byRegion.keys()]
    .sort((a, b) => rank(a) - rank(b))
    .map((id) => ({ region: regionOf(config, id), requests: byRegion.get(id)! }));
}

function regionOf(config: Config, id: string): Region {
  return config.regions.find((r) => r.id === id) ?? { id, name: id, aliases: [] };
}

/**
 * The post each channel that follows the day's calendar gets on `day`, in the config's
 * channel order. A channel with nothing to receive that day gets no post.
 */
export function channelPostsOf(config: Config, week: WeekPlan, day: PlanDay): ChannelPost[] {
  const posts: ChannelPost[] = [];
  for (const channel of config.channels) {
    if (calendarOf(config, channel).key !== day.calendar) continue;
    const requests = day.requests.filter((r) => channelMayCarry(channel, r));
    if (requests.length === 0) continue;
    posts.push({
      date: day.date,
      postAt: day.postAt,
      week: day.week,
      channel,
      verse: week.verse,
      sections: sectionsOf(config, requests),
    });
  }
  return posts;
}

/**
 * Characters a request takes in a message (title and text): the longest of the original and
 * its translations, so the part fits whichever language a channel reads.
 */
function requestChars(request: ScheduledRequest): number {
  const versions = [request, ...Object.values(request.translations ?? {})];
  return Math.max(...versions.map((v) => ((v.title ?? request.title)?.length ?? 0) + v.text.trim().length));
}

/** Characters a region heading takes: its longest name in any language. */
function headingChars(region: Region): number {
  return Math.max(region.name.length, ...Object.values(region.names ?? {}).map((name) => name.length));
}

/**
 * Splits a post between requests so that each part fits `limits`, greedily: requests are
 * taken in order and a new part starts when the next one would not fit. A region heading
 * counts in every part its region appears in. A single request larger than the limit still
 * goes alone in its own part (it is never cut). Each part has its own ledger key.
 */
export function splitIntoParts(post: ChannelPost, limits: MessageLimits): PostPart[] {
  const parts: PostSection[][] = [];
  let current: PostSection[] = [];
  let count = 0;
  let chars = 0;
  for (const section of post.sections) {
    for (const request of section.requests) {
      const last = current.at(-1);
      const sameSection = last !== undefined && last.region.id === section.region.id;
      const cost = requestChars(request) + (sameSection ? 0 : headingChars(section.region));
      if (current.length > 0 && (count + 1 > limits.maxRequests || chars + cost > limits.maxChars)) {
        parts.push(current);
        current = [];
        count = 0;
        chars = 0;
      }
      const tail = current.at(-1);
      if (tail !== undefined && tail.region.id === section.region.id) {
        tail.requests.push(request);
        chars += requestChars(request);
      } else {
        current.push({ region: section.region, requests: [request] });
        chars += requestChars(request) + headingChars(section.region);
      }
      count += 1;
    }
  }
  if (current.length > 0) parts.push(current);
  return parts.map((sections, part) => ({
    ...post,
    sections,
    part,
    partCount: parts.length,
    ledgerKey: ledgerKeyOf(post.channel.platform, post.channel.id, post.date, part),
  }));
}
