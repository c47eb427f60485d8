// The config of config/prayerbot.yaml as the importer sees it (regions, rotation, schedule),
// written out so the importer's tests do not depend on the config loader: the base fixture's
// settings with more regions, aliases and skip dates.
import type { Config } from '../../src/core/types.js';
import { baseConfigRead } from '../fixtures/config/base-read.js';

export function sampleConfig(overrides: Partial<Config> = {}): Config {
  return {
    source: 'config/prayerbot.yaml',
    ...baseConfigRead(),
    skip: ['2026-12-25', '2027-01-01'],
    rotation: ['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'],
    regions: [
      { id: 'africa-europe', name: 'Africa & Europe', aliases: ['africa', 'europe', 'emea'] },
      { id: 'latin-america', name: 'Latin America', aliases: ['latam', 'south america', 'central america'] },
      { id: 'south-asia', name: 'South Asia', aliases: ['india', 'south asian'] },
      { id: 'asia-pacific', name: 'Asia Pacific', aliases: ['apac', 'asia-pacific', 'southeast asia'] },
      { id: 'global-office', name: 'Global Office & Partners', aliases: ['global', 'global office', 'partners', 'partner offices'] },
    ],
    ...overrides,
  };
}
