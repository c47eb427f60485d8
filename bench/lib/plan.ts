// A temp folder holding what `prayerbot run` reads: config/prayerbot.yaml and a week file for
// the week of a chosen post instant, in UTC, with fictional requests only.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchChannel {
  platform: 'slack' | 'discord';
  id: string;
  audience?: 'staff' | 'volunteers';
}

export interface BenchPlanOptions {
  /** The day's post is due at this instant (UTC, whole seconds): the post cron fires then. */
  postAt: Date;
  channels: BenchChannel[];
  staffReport: BenchChannel[];
  slackStaff?: string[];
  discordStaffRoles?: string[];
  catchUpHours?: number;
}

export interface BenchPlan {
  dir: string;
  config: string;
  prompts: string;
  /** The day of the post (UTC). */
  date: string;
  monday: string;
  /** A folder for the database. */
  data: string;
  remove(): void;
}

const REGIONS = [
  { id: 'africa-europe', name: 'Africa & Europe', aliases: ['africa', 'europe'] },
  { id: 'latin-america', name: 'Latin America', aliases: ['latam', 'south america'] },
  { id: 'south-asia', name: 'South Asia', aliases: ['india'] },
  { id: 'asia-pacific', name: 'Asia Pacific', aliases: ['apac'] },
  { id: 'global-office', name: 'Global Office & Partners', aliases: ['global', 'partners'] },
];

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return isoDate(new Date(d.getTime() - back * 86_400_000));
}

/**
 * A six-field cron (with seconds) firing at the instant's UTC time of day on its weekday only:
 * the week then has no earlier posting day the bot would report as missed.
 */
export function cronAt(at: Date): string {
  return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} * * ${at.getUTCDay()}`;
}

function quoted(value: string): string {
  return JSON.stringify(value);
}

function channelLine(c: BenchChannel): string {
  return `  - { platform: ${c.platform}, id: ${quoted(c.id)}${c.audience ? `, audience: ${c.audience}` : ''} }`;
}

export function writeBenchPlan(options: BenchPlanOptions): BenchPlan {
  const dir = mkdtempSync(join(tmpdir(), 'prayerbot-bench-'));
  const date = isoDate(options.postAt);
  const monday = mondayOf(date);
  mkdirSync(join(dir, 'config'));
  mkdirSync(join(dir, 'prompts'));
  mkdirSync(join(dir, 'data'));
  const config = [
    '# Written by the benchmark (bench/lib/plan.ts).',
    'timezone: UTC',
    'schedule:',
    `  post: ${quoted(cronAt(options.postAt))}`,
    '  digest: "0 16 * * 5"',
    `  catch_up_hours: ${options.catchUpHours ?? 6}`,
    `rotation: [${REGIONS.map((r) => r.id).join(', ')}]`,
    'regions:',
    ...REGIONS.flatMap((r) => [`  - id: ${r.id}`, `    name: ${quoted(r.name)}`, `    aliases: [${r.aliases.map(quoted).join(', ')}]`]),
    'retention_days: 14',
    'retire: delete',
    'reaction: pray',
    'channels:',
    ...options.channels.map(channelLine),
    'staff_report:',
    ...options.staffReport.map((c) => channelLine({ platform: c.platform, id: c.id })),
    'staff:',
    `  slack_users: [${(options.slackStaff ?? ['U0COORD1']).map(quoted).join(', ')}]`,
    `  discord_roles: [${(options.discordStaffRoles ?? []).map(quoted).join(', ')}]`,
    `  discord_viewer_roles: [${(options.discordStaffRoles ?? []).map(quoted).join(', ')}]`,
    '',
  ].join('\n');
  const configPath = join(dir, 'config', 'prayerbot.yaml');
  writeFileSync(configPath, config);
  // One undated request per region, and one dated on the post's day so that day always has a
  // post whatever the rotation gives it.
  const week = [
    `week: ${monday}`,
    'verse:',
    '  text: "Seek justice, defend the oppressed."',
    '  reference: Isaiah 1:17',
    'requests:',
    ...REGIONS.flatMap((r) => [
      `  - region: ${r.id}`,
      '    text: |',
      `      Please pray for the ${r.name} team as they meet partners this week, and for wisdom in every conversation.`,
      '    audience: everyone',
    ]),
    '  - region: latin-america',
    '    id: bench-day',
    '    title: Training week',
    '    text: |',
    '      Pray for the trainers leading a week of workshops for new caseworkers, and for the families they serve.',
    `    date: ${date}`,
    '    audience: everyone',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'prompts', `${monday}.yaml`), week);
  return {
    dir,
    config: configPath,
    prompts: join(dir, 'prompts'),
    date,
    monday,
    data: join(dir, 'data'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
