// Tally: how many prayed, per region, per platform and per week, for the last 12 weeks, as
// bar charts and as a CSV download. Counts only, as everywhere: the store holds no one's name.
import { html } from 'hono/html';
import { summarize, tallyCsv, type TallySummary } from '../core/tally.js';
import { addDays, formatShortDate, mondayOf, todayIn } from '../core/time.js';
import type { LocalDate, PlatformName } from '../core/types.js';
import { barChart } from './bar-chart.js';
import { page, scrollTable } from './layout.js';
import type { CoordinatorDeps } from './ports.js';
import { frameOf, type WebContext } from './web-env.js';

export const TALLY_WEEKS = 12;

const PLATFORM_LABELS: Record<PlatformName, string> = { slack: 'Slack', discord: 'Discord', console: 'Console chat' };

interface TallyRange {
  from: LocalDate;
  to: LocalDate;
  mondays: LocalDate[];
  summary: TallySummary;
}

async function lastWeeks(deps: CoordinatorDeps): Promise<TallyRange> {
  const zone = deps.plan().config.timezone;
  const thisMonday = mondayOf(todayIn(zone, deps.clock.now()));
  const mondays = Array.from({ length: TALLY_WEEKS }, (_, i) => addDays(thisMonday, -7 * (TALLY_WEEKS - 1 - i)));
  const from = mondays[0]!;
  const to = addDays(thisMonday, 6);
  return { from, to, mondays, summary: summarize(await deps.store.tally({ from, to })) };
}

export async function tallyPage(c: WebContext, deps: CoordinatorDeps): Promise<Response> {
  const { config } = deps.plan();
  const { from, to, mondays, summary } = await lastWeeks(deps);
  const regionIds = [...config.regions.map((r) => r.id), ...Object.keys(summary.byRegion).filter((id) => !config.regions.some((r) => r.id === id))];
  const regions = regionIds.map((id) => ({ label: config.regions.find((r) => r.id === id)?.name ?? id, value: summary.byRegion[id] ?? 0 }));
  const platforms = (Object.keys(summary.byPlatform) as PlatformName[]).map((p) => ({ label: PLATFORM_LABELS[p], value: summary.byPlatform[p] ?? 0 }));
  const weeks = mondays.map((m) => ({ label: `Week of ${formatShortDate(m)}`, value: summary.byWeek[m] ?? 0 }));
  const table = (caption: string, head: string, bars: Array<{ label: string; value: number }>) =>
    html`<details><summary>${caption} as a table</summary><div class="details-body">${scrollTable(caption, [head, 'Prayed'], bars.map((b) => [html`${b.label}`, html`${String(b.value)}`]), { numeric: [1] })}</div></details>`;
  return c.html(
    page(
      frameOf(c, 'tally'),
      { title: 'Tally' },
      html`<h1>Tally</h1>
<p class="lead">How many prayed in the last ${TALLY_WEEKS} weeks, from ${formatShortDate(from)} to ${formatShortDate(to)}: ${String(summary.total)} in all. A person counts once per post; a post with two regions counts for both.</p>
<p><a href="/coordinator/tally.csv" download="prayer-tally-${from}-to-${to}.csv">Download the counts as CSV</a> (one row per post; counts only, never who).</p>

<h2 id="by-region">By region</h2>
${barChart('chart-region', `Prayed per region, ${from} to ${to}`, regions)}
${table('Prayed per region', 'Region', regions)}

<h2 id="by-platform">By platform</h2>
${platforms.length > 0 ? barChart('chart-platform', `Prayed per platform, ${from} to ${to}`, platforms) : html`<p>No post has been counted yet.</p>`}
${platforms.length > 0 ? table('Prayed per platform', 'Platform', platforms) : ''}

<h2 id="by-week">By week</h2>
${barChart('chart-week', `Prayed per week, ${from} to ${to}`, weeks)}
${table('Prayed per week', 'Week', weeks)}`,
    ),
  );
}

export async function tallyCsvDownload(c: WebContext, deps: CoordinatorDeps): Promise<Response> {
  const { from, to, summary } = await lastWeeks(deps);
  return c.body(`${tallyCsv(summary)}\n`, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="prayer-tally-${from}-to-${to}.csv"`,
  });
}
