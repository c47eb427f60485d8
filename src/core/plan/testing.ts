// Test data for the plan (and anyone testing on top of it): a config like config/prayerbot.yaml
// and small fictional weeks. Not used at run time.
import type { ChannelConfig, Config, PrayerRequest, WeekPlan } from '../types.js';

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
