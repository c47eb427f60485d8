// "This week and next": each posting day per channel with its regions, local time and what
// the ledger says, and each day's post as Slack and as Discord will show it, per audience.
// The days and parts come from the same functions `prayerbot preview` prints.
import { html } from 'hono/html';
import { planWeek } from '../core/plan/plan.js';
import { previewWeek, type DayReport } from '../core/plan/week-preview.js';
import { weekOf } from '../core/plan-state.js';
import { postDocument } from '../core/post-document.js';
import { isRetracted } from '../core/posting.js';
import { addDays, formatLongDate, formatTimeIn, mondayOf, todayIn } from '../core/time.js';
import type { ChannelConfig, Config, LocalDate, PlanDay, WeekPlan } from '../core/types.js';
import type { PostRecord } from '../store/store.js';
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

function previewChannels(): ChannelConfig[] {
  return AUDIENCES.flatMap(({ audience }) => (['slack', 'discord'] as const).map((platform) => ({ platform, id: `preview-${audience}`, audience, allowPublic: false })));
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
<p class="lead">Each day's post, where it goes and what happened to it. Times are in ${config.timezone}.</p>
${sections}`,
    ),
  );
}

function weekDays(week: WeekPlan, days: PlanDay[], facts: WeekFacts): Html {
  const report = previewWeek(facts.config, week, days);
  // The previews leave retracted requests out, as the posts will.
  const live = (r: { key: string }) => !isRetracted(facts.retractions, r.key);
  const shownWeek = { ...week, requests: week.requests.filter(live) };
  const shownDays = days.map((d) => ({ ...d, requests: d.requests.filter(live) }));
  const previews = previewWeek({ ...facts.config, channels: previewChannels() }, shownWeek, shownDays);
  const posting = report.filter((d) => d.plan && !d.nothing);
  const quiet = report.filter((d) => !d.plan || d.nothing);
  return html`${posting.map((day) => dayBlock(day, previews.find((p) => p.date === day.date)!, facts))}
${quiet.length > 0
    ? html`<h3>No post</h3><ul>${quiet.map((d) => html`<li>${formatLongDate(d.date)}: ${d.nothing ?? 'nothing to post'}</li>`)}</ul>`
    : ''}`;
}

function dayBlock(day: DayReport, preview: DayReport, facts: WeekFacts): Html {
  const { config } = facts;
  const plan = day.plan!;
  const zone = config.timezone;
  const statusFacts = (channel: ChannelConfig, keys: string[]): StatusFacts => {
    const refusal = facts.refusals.get(`${channel.platform}:${channel.id}`);
    return {
      now: facts.now,
      zone,
      catchUpHours: config.schedule.catchUpHours,
      retracted: keys.length > 0 && keys.every((k) => isRetracted(facts.retractions, k)),
      ...(refusal ? { refusal } : {}),
    };
  };
  const rows: Html[][] = day.channels.flatMap(({ channel, parts }) => {
    if (parts.length === 0) {
      return [[html`${channelName(channel)}`, html`${channel.audience}`, html`—`, html`Nothing: no request of the day is for these readers`]];
    }
    return parts.map((part) => {
      const keys = part.sections.flatMap((s) => s.requests.map((r) => r.key));
      const status = partStatus(part, facts.records.get(part.ledgerKey), statusFacts(channel, keys));
      const of = part.partCount > 1 ? ` (part ${part.part + 1} of ${part.partCount})` : '';
      return [
        html`${channelName(channel)}${of}`,
        html`${channel.audience}`,
        html`${regionNames(config, part.sections.map((s) => s.region.id))}`,
        html`<span class="status status-${status.kind}">${status.label}</span>${status.detail ? html` ${status.detail}` : ''}`,
      ];
    });
  });
  return html`<section class="day" aria-labelledby="day-${day.date}">
  <h3 id="day-${day.date}">${formatLongDate(day.date)} · ${formatTimeIn(plan.postAt, zone)}</h3>
  <p class="day-meta">Regions: ${regionNames(config, [...plan.rotationRegions, ...plan.requests.map((r) => r.region)])}</p>
  <ul>
    ${plan.requests.map(
      (r) => html`<li>${r.title ?? r.id} <span class="small">(${regionNames(config, [r.region])}, ${r.audience === 'everyone' ? 'everyone' : 'staff only'})</span>${
        isRetracted(facts.retractions, r.key) ? html` <span class="tag tag-info">Retracted</span>` : ''
      }</li>`,
    )}
  </ul>
  ${scrollTable(`Where the post of ${formatLongDate(day.date)} goes`, ['Channel', 'Readers', 'Regions', 'State'], rows)}
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
