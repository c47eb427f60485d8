// Daylight-saving changes never skip or double a day: the sweep, run every 30 minutes of
// the fake clock through both 2026 transitions in America/New_York, posts each day once.
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { harness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

async function sweepThrough(from: string, to: string): Promise<void> {
  h.clock.set(from);
  while (h.clock.now() < new Date(to)) {
    await h.bot.sweep();
    h.clock.advance(30 * 60_000);
  }
}

describe('daylight saving', () => {
  it('spring forward: a 02:30 post on 2026-03-08 (02:00–03:00 does not exist) goes out once, at 03:30 EDT', async () => {
    const week = testWeek('2026-03-02', [{ region: 'latin-america', date: '2026-03-07' }, { region: 'asia-pacific', date: '2026-03-08' }, { region: 'south-asia', date: '2026-03-09' }]);
    h = await harness(testConfig({ schedule: { post: '30 2 * * *', digest: '0 16 * * 5', catchUpHours: 6 } }), [week, testWeek('2026-03-09', [{ region: 'south-asia', date: '2026-03-09' }])], '2026-03-07T00:00:00Z');
    await sweepThrough('2026-03-07T00:00:00Z', '2026-03-09T12:00:00Z');
    const byDay = h.slack.messages.map((m) => [m.ledgerKey.split(':')[2], m.at.toISOString()]);
    expect(byDay).toEqual([
      ['2026-03-07', '2026-03-07T07:30:00.000Z'], // 02:30 EST
      ['2026-03-08', '2026-03-08T07:30:00.000Z'], // 03:30 EDT: the gap moved forward
      ['2026-03-09', '2026-03-09T06:30:00.000Z'], // 02:30 EDT
    ]);
  });

  it('fall back: a 01:30 post on 2026-11-01 (01:00–02:00 happens twice) goes out once, at the first 01:30', async () => {
    const week = testWeek('2026-10-26', [{ region: 'latin-america', date: '2026-10-31' }, { region: 'asia-pacific', date: '2026-11-01' }]);
    h = await harness(testConfig({ schedule: { post: '30 1 * * *', digest: '0 16 * * 5', catchUpHours: 6 } }), [week, testWeek('2026-11-02', [{ region: 'south-asia', date: '2026-11-02' }])], '2026-10-31T00:00:00Z');
    await sweepThrough('2026-10-31T00:00:00Z', '2026-11-02T12:00:00Z');
    const byDay = h.slack.messages.map((m) => [m.ledgerKey.split(':')[2], m.at.toISOString()]);
    expect(byDay).toEqual([
      ['2026-10-31', '2026-10-31T05:30:00.000Z'], // 01:30 EDT
      ['2026-11-01', '2026-11-01T05:30:00.000Z'], // the first 01:30 (EDT); not again at 06:30Z (EST)
      ['2026-11-02', '2026-11-02T06:30:00.000Z'], // 01:30 EST
    ]);
  });
});
