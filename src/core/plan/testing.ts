// Test data for the plan (and anyone testing on top of it): a config like config/prayerbot.yaml
// and small fictional weeks. Not used at run time.
import type { ChannelConfig, Config, PlanIssue, PrayerRequest, WeekPlan } from '../types.js';

export const STAFF_SLACK: ChannelConfig = { platform: 'slack', id: 'C0STAFF01', audience: 'staff', allowPublic: false };
export const VOLUNTEERS_DISCORD: ChannelConfig = {
  platform: 'discord',
  id: '112233445566778899',
  audience: 'volunteers',
  allowPublic: false,
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    source: 'config/prayerbot.yaml',
    timezone: 'America/New_York',
    schedule: { post: '0 9 * * 1-5', digest: '0 16 * * 5', catchUpHours: 6 },
    skip: [],
    rotation: ['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'],
    regions: [
      { id: 'africa-europe', name: 'Africa & Europe', aliases: [] },
      { id: 'latin-america', name: 'Latin America', aliases: [] },
      { id: 'south-asia', name: 'South Asia', aliases: [] },
      { id: 'asia-pacific', name: 'Asia Pacific', aliases: [] },
      { id: 'global-office', name: 'Global Office & Partners', aliases: [] },
    ],
    retentionDays: 14,
    retire: 'delete',
    reaction: 'pray',
    channels: [STAFF_SLACK, VOLUNTEERS_DISCORD],
    staffReport: [{ platform: 'slack', id: 'C0COORD01' }],
    staff: { slackUsers: [], discordRoles: [], discordViewerRoles: [] },
    ...overrides,
  };
}

type RequestInput = Pick<PrayerRequest, 'region'> & Partial<Omit<PrayerRequest, 'key' | 'week'>>;

/** A week file with one undated staff request per rotation region unless `requests` is given. */
export function testWeek(monday: string, requests?: RequestInput[]): WeekPlan {
  const input: RequestInput[] = requests ?? [
    { region: 'africa-europe' },
    { region: 'latin-america' },
    { region: 'south-asia' },
    { region: 'asia-pacific' },
    { region: 'global-office' },
  ];
  const counts = new Map<string, number>();
  return {
    source: `prompts/${monday}.yaml`,
    week: monday,
    verse: { text: 'Seek justice, defend the oppressed.', reference: 'Isaiah 1:17' },
    requests: input.map((r) => {
      const n = (counts.get(r.region) ?? 0) + 1;
      counts.set(r.region, n);
      const id = r.id ?? `${r.region}-${n}`;
      return {
        audience: 'staff' as const,
        text: `Pray for the ${r.region} team's work this week (${n}).\n`,
        ...r,
        id,
        key: `${monday}/${id}`,
        week: monday,
      };
    }),
  };
}

/** The week of 2026-10-12 as in prompts/: EU Anti-Trafficking Day on Sunday, prayer walks on Saturday. */
export function octoberWeek(): WeekPlan {
  return testWeek('2026-10-12', [
    { region: 'africa-europe', date: '2026-10-18', title: 'EU Anti-Trafficking Day' },
    { region: 'latin-america' },
    { region: 'south-asia' },
    { region: 'asia-pacific' },
    { region: 'global-office', date: '2026-10-17' },
  ]);
}

/** What the October week plans to: date → region ids of the day's requests (rotation Tuesday to Thursday, the dated weekend). */
export const OCTOBER_WEEK_REGIONS: Readonly<Record<string, string[]>> = {
  '2026-10-12': [],
  '2026-10-13': ['latin-america'],
  '2026-10-14': ['south-asia'],
  '2026-10-15': ['asia-pacific'],
  '2026-10-16': [],
  '2026-10-17': ['global-office'],
  '2026-10-18': ['africa-europe'],
};

/** A problem the plan reports on the week file, as a test expects it. */
export function weekIssue(severity: PlanIssue['severity'], path: PlanIssue['path'], message: string): PlanIssue {
  return { severity, file: 'week', path, message };
}
