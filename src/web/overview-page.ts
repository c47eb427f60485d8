// "This week and next": each posting day per channel with its regions, its post time in the
// channel's own zone and in UTC, and what the ledger says, and each day's post as Slack and as
// Discord will show it, per audience. The days, parts, reasons and notes come from the same
// module `prayerbot preview` prints (src/core/plan/week-preview.ts): a channel in another time
// zone or with other holidays has its own day, as it does there.
import { html } from 'hono/html';
import { planWeek } from '../core/plan/plan.js';
import { localAndUtc, previewWeek, untranslatedNote, type ChannelDay, type DayReport } from '../core/plan/week-preview.js';
import { weekOf } from '../core/plan-state.js';
import { postDocument } from '../core/post-document.js';
import { isRetracted } from '../core/posting.js';
import { addDays, formatLongDate, formatTimeIn, mondayOf, todayIn } from '../core/time.js';
import type { ChannelConfig, Config, LocalDate, PlanDay, ScheduledRequest, WeekPlan } from '../core/types.js';
import type { PostRecord } from '../core/store.js';
import { notice, page, scrollTable, type Html } from './layout.js';
import { partStatus, type StatusFacts } from './ledger-status.js';
import { discordPreview, slackPreview } from './post-preview.js';
import type { CoordinatorDeps } from './ports.js';
import { frameOf, type WebContext } from './web-env.js';

/** The readers a post is written for: staff channels get every request, volunteer channels only `everyone` ones. */
const AUDIENCES: Array<{ audience: ChannelConfig['audience']; label: string }> = [
  { audience: 'staff', label: 'staff channels' },
  { audience: 'volunteers', label: 'volunteer channels (requests for everyone only)' },
];

/**
 * One Slack and one Discord channel per audience, following the calendar of `source` (a real
 * channel posting that day), so the preview holds what that channel's day holds.
 */
function previewChannels(source: ChannelConfig | undefined): ChannelConfig[] {
  const calendar = {
    ...(source?.timezone !== undefined ? { timezone: source.timezone } : {}),
    ...(source?.skip !== undefined ? { skip: source.skip } : {}),
    ...(source?.holidays !== undefined ? { holidays: source.holidays } : {}),
  };
  return AUDIENCES.flatMap(({ audience }) =>
    (['slack', 'discord'] as const).map((platform) => ({ platform, id: `preview-${audience}`, audience, allowPublic: false, ...calendar })),
  );
}

export function channelName(channel: ChannelConfig): string {
  const platform = { slack: 'Slack', discord: 'Discord', console: 'Console chat' }[channel.platform];
  return channel.platform === 'console' ? platform : `${platform} ${channel.id}`;
}

function regionNames(config: Config, ids: string[]): string {
  return [...new Set(ids)].map((id) => config.regions.find((r) => r.id === id)?.name ?? id).join(', ');
}

interface WeekFacts {
  config: Config;
  now: Date;
  records: Map<string, PostRecord>;
  retractions: Set<string>;
  refusals: Map<string, string>;
}

export async function overviewPage(c: WebContext, deps: CoordinatorDeps): Promise<Response> {
  const state = deps.plan();
  const { config } = state;
  const now = deps.clock.now();
  const thisMonday = mondayOf(todayIn(config.timezone, now));
  const mondays = [thisMonday, addDays(thisMonday, 7)];
  const [posts, retractions, audit, saved] = await Promise.all([
    Promise.all(mondays.map((week) => deps.store.listPosts({ week }))),
    deps.store.retractions(),
    deps.store.listAudit(500),
    deps.store.savedWeeks(),
  ]);
  const refusals = new Map<string, string>();
  for (const entry of audit) if (entry.action === 'refuse' && !refusals.has(entry.subject)) refusals.set(entry.subject, entry.detail);
  const facts: WeekFacts = { config, now, records: new Map(posts.flat().map((p) => [p.key, p])), retractions: new Set(retractions), refusals };

  const sections = mondays.map((monday, i) => {
    const week = weekOf(state, monday);
    const title = `${i === 0 ? 'This week' : 'Next week'}: ${formatLongDate(monday).replace(/, \d{4}$/, '')} to ${formatLongDate(addDays(monday, 6))}`;
    const version = saved.find((s) => s.week === monday);
    if (!week) {
      return html`<section aria-labelledby="week-${monday}">
  <h2 id="week-${monday}">${title}</h2>
  ${notice('warning', 'There is no plan for this week yet', html`<p>Nothing is posted until there is one. <a href="/coordinator/import">Import the update</a>.</p>`)}
</section>`;
    }
    return html`<section aria-labelledby="week-${monday}">
  <h2 id="week-${monday}">${title}</h2>
  <p class="day-meta">${version ? `Saved on this page (version ${version.version}).` : `From ${week.source}.`} <a href="/coordinator/weeks/${monday}">Open the week of ${monday}</a></p>
  ${weekDays(week, planWeek(config, week).days, facts)}
</section>`;
  });

  return c.html(
    page(
      frameOf(c, 'overview'),
      { title: 'This week and next' },
      html`<h1>This week and next</h1>
<p class="lead">Each day's post, where it goes and what happened to it. Day headings are in ${config.timezone}; each channel's post time is in its own time zone and in UTC.</p>
${sections}`,
    ),
  );
}

function weekDays(week: WeekPlan, days: PlanDay[], facts: WeekFacts): Html {
  const { config } = facts;
  const report = previewWeek(config, config, week, days);
  // The previews leave retracted requests out, as the posts will.
  const live = (r: { key: string }) => !isRetracted(facts.retractions, r.key);
  const shownWeek = { ...week, requests: week.requests.filter(live) };
  const shownDays = days.map((d) => ({ ...d, requests: d.requests.filter(live) }));
  // One preview per calendar a day is shown in (most weeks: only the organisation's).
  const previews = new Map<string, DayReport[]>();
  const previewOf = (source: ChannelDay | undefined): DayReport[] => {
    const key = source?.calendar.key ?? '';
    let found = previews.get(key);
    if (!found) {
      const channels = previewChannels(source?.channel);
      found = previewWeek({ ...config, channels }, { ...config, channels }, shownWeek, shownDays);
      previews.set(key, found);
    }
    return found;
  };
  const posts = (d: DayReport) => d.channels.some((c) => c.parts.length > 0);
  const posting = report.filter(posts);
  const quiet = report.filter((d) => !posts(d));
  return html`${posting.map((day) => dayBlock(day, previewOf(previewSource(day)).find((p) => p.date === day.date)!, facts))}
${quiet.length > 0
    ? html`<h3>No post</h3><ul>${quiet.map((d) => html`<li>${formatLongDate(d.date)}: ${d.nothing ?? 'nothing to post'}</li>`)}</ul>`
    : ''}`;
}

/** The channel whose day the previews show: one on the organisation's calendar when it posts, else the first that posts. */
function previewSource(day: DayReport): ChannelDay | undefined {
  const posting = day.channels.filter((c) => c.parts.length > 0);
  return posting.find((c) => c.calendar.key === day.calendar.key) ?? posting[0];
}

/** The day's plans, once per calendar: the organisation's first. */
function plansOf(day: DayReport): PlanDay[] {
  const plans = [day.plan, ...day.channels.map((c) => c.plan)].filter((p): p is PlanDay => p !== undefined);
  return [...new Map(plans.map((p) => [p.calendar, p])).values()];
}

function dayBlock(day: DayReport, preview: DayReport, facts: WeekFacts): Html {
  const { config } = facts;
  const plans = plansOf(day);
  const requests = [...new Map(plans.flatMap((p) => p.requests).map((r): [string, ScheduledRequest] => [r.key, r])).values()];
  const statusFacts = (channel: ChannelConfig, zone: string, keys: string[]): StatusFacts => {
    const refusal = facts.refusals.get(`${channel.platform}:${channel.id}`);
    return {
      now: facts.now,
      zone,
      catchUpHours: config.schedule.catchUpHours,
      retracted: keys.length > 0 && keys.every((k) => isRetracted(facts.retractions, k)),
      ...(refusal ? { refusal } : {}),
    };
  };
  const rows: Html[][] = day.channels.flatMap(({ channel, calendar, plan, parts, nothing, notes }) => {
    if (parts.length === 0) {
      // Not a posting day of this channel's calendar (a holiday there), or nothing for its readers.
      const why = plan ? 'Nothing: no request of the day is for these readers' : `No post: ${nothing ?? 'not a posting day'}`;
      return [[html`${channelName(channel)}`, html`${channel.audience}`, html`—`, html`—`, html`${why}`]];
    }
    return parts.map((part) => {
      const keys = part.sections.flatMap((s) => s.requests.map((r) => r.key));
      const status = partStatus(part, facts.records.get(part.ledgerKey), statusFacts(channel, calendar.timezone, keys));
      const of = part.partCount > 1 ? ` (part ${part.part + 1} of ${part.partCount})` : '';
      const partNotes = notes[part.part] ?? [];
      const missing = untranslatedNote(config, part);
      return [
        html`${channelName(channel)}${of}`,
        html`${channel.audience}`,
        html`${localAndUtc(part.postAt, calendar.timezone)}`,
        html`${regionNames(config, part.sections.map((s) => s.region.id))}`,
        html`<span class="status status-${status.kind}">${status.label}</span>${status.detail ? html` ${status.detail}` : ''}${
          partNotes.length > 0 || missing ? html`<ul class="small">${partNotes.map((n) => html`<li>Note: ${n}</li>`)}${missing ? html`<li>${missing}</li>` : ''}</ul>` : ''
        }`,
      ];
    });
  });
  return html`<section class="day" aria-labelledby="day-${day.date}">
  <h3 id="day-${day.date}">${formatLongDate(day.date)}${day.plan ? ` · ${formatTimeIn(day.plan.postAt, config.timezone)}` : ''}</h3>
  <p class="day-meta">Regions: ${regionNames(config, plans.flatMap((p) => [...p.rotationRegions, ...p.requests.map((r) => r.region)]))}</p>
  <ul>
    ${requests.map(
      (r) => html`<li>${r.title ?? r.id} <span class="small">(${regionNames(config, [r.region])}, ${r.audience === 'everyone' ? 'everyone' : 'staff only'})</span>${
        isRetracted(facts.retractions, r.key) ? html` <span class="tag tag-info">Retracted</span>` : ''
      }</li>`,
    )}
  </ul>
  ${scrollTable(`Where the post of ${formatLongDate(day.date)} goes`, ['Channel', 'Readers', 'Post time (local = UTC)', 'Regions', 'State'], rows)}
  ${AUDIENCES.map(({ audience, label }) => previewFor(preview, audience, label, day.date))}
</section>`;
}

function previewFor(day: DayReport, audience: ChannelConfig['audience'], label: string, date: LocalDate): Html {
  const slack = day.channels.find((c) => c.channel.platform === 'slack' && c.channel.audience === audience)?.parts ?? [];
  const discord = day.channels.find((c) => c.channel.platform === 'discord' && c.channel.audience === audience)?.parts ?? [];
  const body =
    slack.length === 0
      ? html`<p>Nothing: none of the day's requests is for ${audience === 'staff' ? 'staff' : 'everyone'}.</p>`
      : html`<div class="previews">
      <div>
        <p class="preview-label">As Slack shows it</p>
        ${slack.map((part) => slackPreview(postDocument(part)))}
      </div>
      <div>
        <p class="preview-label">As Discord shows it</p>
        ${discord.map((part) => discordPreview(postDocument(part)))}
      </div>
    </div>`;
  return html`<details id="preview-${date}-${audience}">
  <summary>Preview for ${label}</summary>
  <div class="details-body">${body}</div>
</details>`;
}
