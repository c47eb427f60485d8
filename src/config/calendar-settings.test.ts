// The time-zone and holiday settings of the config: top-level `holidays`, and each channel's
// `timezone`, `skip` and `holidays`.
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, configLoaderPerTest, insertAfter, setLine, treesPerTest } from '../../test/fixtures/config/files.js';
import { formatProblem } from '../core/types.js';
import { checkAll } from './check.js';

const load = configLoaderPerTest();
const newTree = treesPerTest();

// BASE_CONFIG's line 22 is the Discord volunteers channel; line 5 the top-level skip.
const SYDNEY = '  - { platform: discord, id: "112233445566778899", audience: volunteers, timezone: Australia/Sydney, holidays: AU, skip: [2026-12-28] }';

describe('time zones and holidays in the config', () => {
  it("reads a channel's own zone, skip dates and holidays, and the top-level holidays", async () => {
    const { value, problems } = await load(insertAfter(setLine(BASE_CONFIG, 22, SYDNEY), 5, 'holidays: US'));
    expect(problems).toEqual([]);
    expect(value?.holidays).toBe('US');
    expect(value?.channels).toEqual([
      { platform: 'slack', id: 'C0STAFF01', audience: 'staff', allowPublic: false },
      { platform: 'discord', id: '112233445566778899', audience: 'volunteers', allowPublic: false, timezone: 'Australia/Sydney', holidays: 'AU', skip: ['2026-12-28'] },
    ]);
  });

  it('reports unknown zones and holiday places at their values, with the close matches', async () => {
    const channel = '  - { platform: discord, id: "112233445566778899", audience: volunteers, timezone: Australia/Sidney, holidays: DE-BAY }';
    const { value, lines } = await load(insertAfter(setLine(BASE_CONFIG, 22, channel), 5, 'holidays: AUS'));
    expect(value).toBeUndefined();
    expect(lines).toEqual([
      'config/prayerbot.yaml:6:11: unknown holiday place "AUS" (did you mean "AU"?); use an ISO 3166 code such as "US", "AU" or "DE-BY"',
      'config/prayerbot.yaml:23:84: unknown time zone "Australia/Sidney" (did you mean "Australia/Sydney"?); use an IANA name such as "America/New_York"',
      'config/prayerbot.yaml:23:112: unknown holiday place "DE-BAY" (did you mean "DE-BY"?); use an ISO 3166 code such as "US", "AU" or "DE-BY"',
    ]);
  });

  it('`check` reports them too, in file:line:col order', async () => {
    const tree = await newTree({ config: insertAfter(BASE_CONFIG, 5, 'holidays: Narnia') });
    const result = await checkAll(tree.config, tree.prompts);
    expect(result.problems.map((p) => formatProblem(p).replace(`${tree.dir}/`, ''))).toEqual([
      'config/prayerbot.yaml:6:11: unknown holiday place "Narnia"; use an ISO 3166 code such as "US", "AU" or "DE-BY"',
    ]);
  });
});
