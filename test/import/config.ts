// The config of config/prayerbot.yaml as the importer sees it (regions, rotation, schedule),
// written out so the importer's tests do not depend on the config loader.
import type { Config } from '../../src/core/types.js';

export function sampleConfig(overrides: Partial<Config> = {}): Config {
  return {
    source: 'config/prayerbot.yaml',
    timezone: 'America/New_York',
    schedule: { post: '0 9 * * 1-5', digest: '0 16 * * 5', catchUpHours: 6 },
    skip: ['2026-12-25', '2027-01-01'],
    rotation: ['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'],
    regions: [
      { id: 'africa-europe', name: 'Africa & Europe', aliases: ['africa', 'europe', 'emea'] },
      { id: 'latin-america', name: 'Latin America', aliases: ['latam', 'south america', 'central america'] },
      { id: 'south-asia', name: 'South Asia', aliases: ['india', 'south asian'] },
      { id: 'asia-pacific', name: 'Asia Pacific', aliases: ['apac', 'asia-pacific', 'southeast asia'] },
      { id: 'global-office', name: 'Global Office & Partners', aliases: ['global', 'global office', 'partners', 'partner offices'] },
    ],
    retentionDays: 14,
    retire: 'delete',
    reaction: 'pray',
    channels: [
      { platform: 'slack', id: 'C0STAFF01', audience: 'staff', allowPublic: false },
      { platform: 'discord', id: '112233445566778899', audience: 'volunteers', allowPublic: false },
    ],
    staffReport: [{ platform: 'slack', id: 'C0COORD01' }],
    staff: { slackUsers: ['U0COORD1'], discordRoles: ['998877665544332211'], discordViewerRoles: ['998877665544332211'] },
    ...overrides,
  };
}
