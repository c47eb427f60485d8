// `/pray` answers. Anyone: today's post, a region's current request, the week, help.
// Staff (config `staff`): stats and retract. Expired or retracted requests are never shown,
// and a caller sees only what their channel's readers may see: staff requests only in a staff
// channel the privacy guard passes (pray-privacy.ts).
import { isRetracted, filterPost } from './posting.js';
import type { CoreContext } from './context.js';
import { channelPostsOf, splitIntoParts } from './plan/plan.js';
import { calendarPlanOf, dayOf, weekOf, type CalendarPlan, type PlanState } from './plan-state.js';
import type { Messages } from '../i18n/index.js';
import { channelLocale, regionNameIn, requestIn, type Locale } from './language.js';
import { channelMayCarry } from './plan/channel-posts.js';
import { postDocumentIn } from './post-document.js';
import type { PrayAnswer, PrayCaller, PrayCommand } from './ports.js';
import { parsePray } from './pray-command.js';
import { actorOf } from './coordinator/sign-in.js';
import { prayView } from './pray-privacy.js';
import { summarize, tallyLabels, tallyTable } from './tally.js';
import { mondayOf, todayIn, weekDates } from './time.js';
import type { ChannelConfig, Config, PostPart, Region, ScheduledRequest } from './types.js';

export function isStaff(config: Config, caller: PrayCaller): boolean {
  switch (caller.platform) {
    case 'console':
      return true; // whoever runs the console chat runs the bot
    case 'slack':
      return config.staff.slackUsers.includes(caller.userId);
    case 'discord':
      return caller.roleIds.some((role) => config.staff.discordRoles.includes(role));
  }
}

/** The channel as the plan knows it; an unlisted channel or a DM answers as `volunteers`. */
export function callerChannel(config: Config, caller: PrayCaller): ChannelConfig {
  const listed = config.channels.find((c) => c.platform === caller.platform && c.id === caller.channelId);
  return listed ?? { platform: caller.platform, id: caller.channelId, audience: 'volunteers', allowPublic: false };
}

function regionList(locale: Locale, regions: Region[]): string {
  return regions.map((r) => `• ${regionNameIn(locale, r)} (${[r.id, ...r.aliases].join(', ')})`).join('\n');
}

export interface PrayDeps {
  /** Retracts `subject` and says what happened, in the caller's language. */
  retract(subject: string, messages: Messages): Promise<string>;
  /** `/pray coordinator`: a sign-in link for this actor; absent where the page is not served. */
  signInLink?(actor: string): Promise<PrayAnswer>;
}

export async function answerPray(ctx: CoreContext, command: PrayCommand, deps: PrayDeps): Promise<PrayAnswer> {
  const state = ctx.plan();
  const { config } = state;
  const now = ctx.clock.now();
  // "Today" is the caller's channel's today (DMs and unlisted channels: the organisation's).
  // A staff channel the privacy guard refuses (or has not checked lately) answers as a
  // volunteers channel, with a note; with nothing left to show, the note alone.
  const view = prayView(ctx, callerChannel(config, command));
  const channel = view.channel;
  const calendar = calendarPlanOf(state, channel);
  const today = todayIn(calendar.calendar.timezone, now);
  // Everything the bot writes back is in the caller's channel's language (resolved once per tag).
  const locale = channelLocale(config, channel);
  const m = locale.messages;
  const retractions = new Set(await ctx.store.retractions());
  const visible = (r: ScheduledRequest) => channelMayCarry(channel, r) && r.expiresAt > now && !isRetracted(retractions, r.key);
  const intent = parsePray(command.text, config.regions);
  ctx.metrics.count('pray_answers');

  switch (intent.kind) {
    case 'help':
      return { kind: 'text', text: m.help };
    case 'unknown': {
      const lead = intent.ambiguous.length > 1
        ? m.ambiguousRegion({ typed: intent.typed, regions: intent.ambiguous.map((r) => regionNameIn(locale, r)).join(m.or) })
        : m.unknownRegion({ typed: intent.typed });
      return { kind: 'text', text: `${lead}\n${regionList(locale, config.regions)}` };
    }
    case 'stats':
    case 'retract':
    case 'retract-usage':
    case 'coordinator':
      if (!isStaff(config, command)) {
        return { kind: 'text', text: m.staffOnly };
      }
      if (intent.kind === 'coordinator') {
        if (!deps.signInLink) return { kind: 'text', text: m.coordinatorNotServed };
        return deps.signInLink(actorOf(command));
      }
      if (intent.kind === 'stats') {
        const week = mondayOf(today);
        const summary = summarize(await ctx.store.tally({ week }), week);
        const regions = config.regions.map((r) => ({ ...r, name: regionNameIn(locale, r) }));
        return { kind: 'text', text: `${m.statsHeading({ week })}\n${tallyTable(summary, regions, tallyLabels(m))}`, monospace: true };
      }
      if (intent.kind === 'retract-usage') return { kind: 'text', text: m.retractUsage };
      return { kind: 'text', text: await deps.retract(intent.id.includes('/') || /^\d{4}-\d{2}-\d{2}$/.test(intent.id) ? intent.id : `${mondayOf(today)}/${intent.id}`, m) };
    case 'week':
      if (view.note && !weekDates(mondayOf(today)).some((date) => dayOf(state, date, calendar)?.requests.some(visible))) return { kind: 'text', text: view.note };
      return noted({ kind: 'text', text: weekOverview(state, calendar, today, visible, locale) }, view.note);
    case 'today': {
      const part = todaysPart(ctx, state, calendar, channel, today, visible);
      if (part) return noted({ kind: 'post', doc: postDocumentIn(locale, part) }, view.note);
      if (view.note) return { kind: 'text', text: view.note };
      const next = calendar.days.find((d) => d.date > today && d.requests.some(visible));
      return { kind: 'text', text: m.noPostToday(next ? { next: locale.formatDate(next.date) } : {}) };
    }
    case 'region': {
      const request = currentRequest(calendar, intent.region.id, today, visible);
      const name = regionNameIn(locale, intent.region);
      if (!request) return { kind: 'text', text: view.note ?? m.noCurrentRequest({ region: name }) };
      const week = weekOf(state, request.week)!;
      const part: PostPart = {
        date: request.postDate,
        postAt: now,
        week: request.week,
        channel,
        verse: week.verse,
        sections: [{ region: intent.region, requests: [request] }],
        part: 0,
        partCount: 1,
        ledgerKey: '',
      };
      return noted({ kind: 'post', doc: { ...postDocumentIn(locale, part), title: m.regionPostTitle({ region: name, date: locale.formatDate(request.postDate) }) } }, view.note);
    }
  }
}

/** The answer with `note` after it: below a text, or in a post's footer. */
function noted(answer: PrayAnswer, note: string | undefined): PrayAnswer {
  if (!note) return answer;
  if (answer.kind === 'text') return { ...answer, text: `${answer.text}\n\n${note}` };
  return { ...answer, doc: { ...answer.doc, footer: answer.doc.footer ? `${answer.doc.footer}\n${note}` : note } };
}

function todaysPart(ctx: CoreContext, state: PlanState, calendar: CalendarPlan, channel: ChannelConfig, today: string, visible: (r: ScheduledRequest) => boolean): PostPart | undefined {
  const day = dayOf(state, today, calendar);
  const week = day && weekOf(state, day.week);
  if (!day || !week) return undefined;
  const post = channelPostsOf({ ...state.config, channels: [channel] }, week, day)[0];
  const kept = post && filterPost(post, visible);
  if (!kept) return undefined;
  const limits = ctx.platforms.get(channel.platform)?.limits ?? { maxRequests: 20, maxChars: 30_000 };
  return splitIntoParts(kept, limits)[0];
}

/** The region's latest request already posted (not expired), else its next one this week. */
function currentRequest(calendar: CalendarPlan, region: string, today: string, visible: (r: ScheduledRequest) => boolean): ScheduledRequest | undefined {
  const mine = [...calendar.requests.values()].filter((r) => r.region === region && visible(r));
  const posted = mine.filter((r) => r.postDate <= today).sort((a, b) => b.postDate.localeCompare(a.postDate));
  if (posted[0]) return posted[0];
  const thisWeek = mondayOf(today);
  return mine.filter((r) => r.week === thisWeek).sort((a, b) => a.postDate.localeCompare(b.postDate))[0];
}

function weekOverview(state: PlanState, calendar: CalendarPlan, today: string, visible: (r: ScheduledRequest) => boolean, locale: Locale): string {
  const m = locale.messages;
  const monday = mondayOf(today);
  if (!weekOf(state, monday)) return m.noWeekPlan({ week: monday });
  const lines = [m.weekHeading({ date: locale.formatDate(monday) })];
  for (const date of weekDates(monday)) {
    const day = dayOf(state, date, calendar);
    const requests = day?.requests.filter(visible) ?? [];
    if (requests.length === 0) continue;
    const regionName = (id: string) => {
      const region = state.config.regions.find((x) => x.id === id);
      return region ? regionNameIn(locale, region) : id;
    };
    const names = [...new Set(requests.map((r) => regionName(r.region)))];
    const titles = requests.map((r) => requestIn(locale, r).title).filter((t): t is string => t !== undefined && t !== '');
    lines.push(`${date === today ? '▶' : '•'} ${locale.formatDate(date)}: ${locale.list(names)}${titles.length ? ` — ${titles.join('; ')}` : ''}`);
  }
  if (lines.length === 1) lines.push(m.weekNothing);
  return lines.join('\n');
}
