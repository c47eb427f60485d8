import { describe, expect, it } from 'vitest';
import { addDays } from '../time.js';
import type { PlanDay } from '../types.js';
import { channelPostsOf, cronDays, planRange, planWeek, postTimeOn, splitIntoParts } from './plan.js';
import { OCTOBER_WEEK_REGIONS, STAFF_SLACK, VOLUNTEERS_DISCORD, octoberWeek, testConfig, testWeek, weekIssue } from './testing.js';

const ONE_EACH = ['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'].map((region) => ({ region }));

/** date → region ids of the day's requests, in order. */
function byDate(days: PlanDay[]): Record<string, string[]> {
  return Object.fromEntries(days.map((d) => [d.date, d.requests.map((r) => r.region)]));
}

describe('rotation', () => {
  it('gives the k-th posting day of the week rotation[k], k counting from 0 on Monday', () => {
    const { days, issues } = planWeek(testConfig(), testWeek('2026-11-23'));
    expect(issues).toEqual([]);
    expect(byDate(days)).toEqual({
      '2026-11-23': ['africa-europe'],
      '2026-11-24': ['latin-america'],
      '2026-11-25': ['south-asia'],
      '2026-11-26': ['asia-pacific'],
      '2026-11-27': ['global-office'],
    });
    expect(days.map((d) => d.rotationRegions)).toEqual([
      ['africa-europe'], ['latin-america'], ['south-asia'], ['asia-pacific'], ['global-office'],
    ]);
  });

  it('posts at the cron time of day in the org zone', () => {
    const { days } = planWeek(testConfig(), testWeek('2026-11-23'));
    expect(days[0]!.postAt.toISOString()).toBe('2026-11-23T14:00:00.000Z'); // 09:00 EST
    expect(postTimeOn(testConfig(), '2026-11-28')).toBeUndefined(); // Saturday: no cron
  });

  it('does not count skip dates: the rotation moves on, and the region left over joins the last posting day with a warning', () => {
    const config = testConfig({ skip: ['2026-11-25'] });
    const { days, issues } = planWeek(config, testWeek('2026-11-23'));
    expect(byDate(days)).toEqual({
      '2026-11-23': ['africa-europe'],
      '2026-11-24': ['latin-america'],
      '2026-11-26': ['south-asia'],
      '2026-11-27': ['asia-pacific', 'global-office'],
    });
    expect(days.at(-1)!.rotationRegions).toEqual(['asia-pacific', 'global-office']);
    expect(issues).toEqual([
      weekIssue('warning', ['requests', 4, 'region'], 'Global Office & Partners has no posting day this week (4 posting days for 5 regions in the rotation): its requests join the last posting day, Friday, November 27, 2026'),
    ]);
  });

  it('in a Christmas week with two skip dates both leftover regions join the last posting day, in rotation order', () => {
    const config = testConfig({ skip: ['2026-12-24', '2026-12-25'] });
    const { days, issues } = planWeek(config, testWeek('2026-12-21'));
    expect(byDate(days)).toEqual({
      '2026-12-21': ['africa-europe'],
      '2026-12-22': ['latin-america'],
      '2026-12-23': ['south-asia', 'asia-pacific', 'global-office'],
    });
    expect(issues.map((i) => i.severity)).toEqual(['warning', 'warning']);
  });

  it('wraps around when there are more posting days than regions, posting each request once', () => {
    const config = testConfig({ schedule: { post: '0 9 * * *', digest: '0 16 * * 5', catchUpHours: 6 } });
    const week = testWeek('2026-11-23', [...ONE_EACH, { region: 'south-asia', date: '2026-11-29' }]);
    const { days, issues } = planWeek(config, week);
    expect(issues).toEqual([]);
    expect(days.map((d) => d.rotationRegions[0])).toEqual([
      'africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office', 'africa-europe', 'latin-america',
    ]);
    // Saturday is Africa & Europe's day again, but its request went out on Monday.
    expect(byDate(days)).toMatchObject({ '2026-11-23': ['africa-europe'], '2026-11-28': [], '2026-11-29': ['south-asia'] });
    const keys = days.flatMap((d) => d.requests.map((r) => r.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('sends a region that is not in the rotation to the last posting day, with a warning', () => {
    const config = testConfig({ regions: [...testConfig().regions, { id: 'north-america', name: 'North America', aliases: [] }] });
    const week = testWeek('2026-11-23', [{ region: 'latin-america' }, { region: 'north-america' }]);
    const { days, issues } = planWeek(config, week);
    expect(byDate(days)['2026-11-27']).toEqual(['north-america']);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/North America is not in the config's rotation: its requests join the last posting day/);
  });

  it('reports a request of an unknown region at its place and leaves it out', () => {
    const { days, issues } = planWeek(testConfig(), testWeek('2026-11-23', [{ region: 'atlantis' }, { region: 'africa-europe' }]));
    expect(issues).toEqual([{ severity: 'error', file: 'week', path: ['requests', 0, 'region'], message: 'unknown region "atlantis"' }]);
    expect(days.flatMap((d) => d.requests.map((r) => r.region))).toEqual(['africa-europe']);
  });
});

describe('dated requests', () => {
  it('post on their date, weekends included, leaving their region’s rotation day empty', () => {
    const config = testConfig();
    const { days, issues } = planWeek(config, octoberWeek());
    expect(issues).toEqual([]);
    expect(byDate(days)).toEqual(OCTOBER_WEEK_REGIONS);
    // Dated days post at the cron's time of day; they have no rotation region.
    const sunday = days.find((d) => d.date === '2026-10-18')!;
    expect(sunday.postAt.toISOString()).toBe('2026-10-18T13:00:00.000Z');
    expect(sunday.rotationRegions).toEqual([]);
    // Monday and Friday post nothing anywhere: no channel gets a post.
    for (const date of ['2026-10-12', '2026-10-16']) {
      expect(channelPostsOf(config, octoberWeek(), days.find((d) => d.date === date)!)).toEqual([]);
    }
  });

  it('on a cron day join that day’s rotation region, sections in rotation order', () => {
    const config = testConfig();
    // Global office first in the file, but after Latin America in the rotation.
    const week = testWeek('2026-11-16', [
      { region: 'global-office', date: '2026-11-17' },
      { region: 'africa-europe' },
      { region: 'latin-america' },
      { region: 'south-asia' },
      { region: 'asia-pacific' },
    ]);
    const { days } = planWeek(config, week);
    const tuesday = days.find((d) => d.date === '2026-11-17')!;
    expect(tuesday.rotationRegions).toEqual(['latin-america']);
    expect(tuesday.requests.map((r) => r.region)).toEqual(['global-office', 'latin-america']); // file order
    const [post] = channelPostsOf(config, week, tuesday);
    expect(post!.sections.map((s) => s.region.name)).toEqual(['Latin America', 'Global Office & Partners']);
    expect(byDate(days)['2026-11-20']).toEqual([]); // Friday: the global office's day, dated elsewhere
  });

  it('may not fall on a skip date, nor outside the week', () => {
    const config = testConfig({ skip: ['2026-11-26'] });
    const week = testWeek('2026-11-23', [
      { region: 'africa-europe', date: '2026-11-26' },
      { region: 'latin-america', date: '2026-11-30' },
      { region: 'south-asia', date: '2026-11-29' },
    ]);
    const { days, issues } = planWeek(config, week);
    expect(issues).toEqual([
      weekIssue('error', ['requests', 0, 'date'], '2026-11-26 is a skip date in the config: nothing is posted that day'),
      weekIssue('error', ['requests', 1, 'date'], '2026-11-30 is outside the week 2026-11-23 to 2026-11-29'),
    ]);
    expect(days.map((d) => d.date)).not.toContain('2026-11-26');
    expect(byDate(days)['2026-11-29']).toEqual(['south-asia']);
  });
});

describe('the post cron', () => {
  it('must fire at most once a day', () => {
    const config = testConfig({ schedule: { post: '0 9,17 * * 1-5', digest: '0 16 * * 5', catchUpHours: 6 } });
    const { days, issues } = planWeek(config, testWeek('2026-11-23'));
    expect(days).toEqual([]);
    expect(issues).toEqual([
      {
        severity: 'error',
        file: 'config',
        path: ['schedule', 'post'],
        message: '"0 9,17 * * 1-5" fires more than once a day; the post cron needs one time of day (e.g. "0 9 * * 1-5")',
      },
    ]);
  });

  it('must parse', () => {
    const config = testConfig({ schedule: { post: 'every day at nine', digest: '0 16 * * 5', catchUpHours: 6 } });
    const { issues } = planWeek(config, testWeek('2026-11-23'));
    expect(issues[0]).toMatchObject({ severity: 'error', file: 'config', path: ['schedule', 'post'] });
    expect(issues[0]!.message).toMatch(/^"every day at nine" is not a cron expression/);
  });

  it('fires on days matching either day-of-month or day-of-week when both are restricted (standard cron)', () => {
    const config = testConfig({ schedule: { post: '0 9 13 * 5', digest: '0 16 * * 5', catchUpHours: 6 } });
    expect(cronDays(config, '2026-10-12', '2026-10-18')).toEqual(['2026-10-13', '2026-10-16']);
  });

  it('understands day names and the last day of the month', () => {
    const named = testConfig({ schedule: { post: '0 9 * * MON,WED', digest: '0 16 * * 5', catchUpHours: 6 } });
    expect(cronDays(named, '2026-10-12', '2026-10-18')).toEqual(['2026-10-12', '2026-10-14']);
    const last = testConfig({ schedule: { post: '30 8 L * *', digest: '0 16 * * 5', catchUpHours: 6 } });
    expect(cronDays(last, '2026-10-01', '2026-11-30')).toEqual(['2026-10-31', '2026-11-30']);
  });
});

describe('audience', () => {
  const week = testWeek('2026-11-23', [
    { region: 'africa-europe', audience: 'staff' },
    { region: 'africa-europe', audience: 'everyone' },
    { region: 'latin-america' }, // request audience defaults to staff
  ]);

  it('gives staff channels every request and volunteers channels only `everyone` ones', () => {
    const config = testConfig();
    const [monday, tuesday] = planWeek(config, week).days;
    const posts = channelPostsOf(config, week, monday!);
    expect(posts.map((p) => [p.channel.id, p.sections.flatMap((s) => s.requests.map((r) => r.id))])).toEqual([
      [STAFF_SLACK.id, ['africa-europe-1', 'africa-europe-2']],
      [VOLUNTEERS_DISCORD.id, ['africa-europe-2']],
    ]);
    // Tuesday holds only a staff request: no post at all for the volunteers.
    expect(channelPostsOf(config, week, tuesday!).map((p) => p.channel.id)).toEqual([STAFF_SLACK.id]);
  });

  it('gives a staff channel with allow_public only `everyone` requests', () => {
    const publicStaff = { platform: 'slack' as const, id: 'C0PUBLIC1', audience: 'staff' as const, allowPublic: true };
    const config = testConfig({ channels: [publicStaff] });
    const [monday, tuesday] = planWeek(config, week).days;
    expect(channelPostsOf(config, week, monday!)[0]!.sections[0]!.requests.map((r) => r.id)).toEqual(['africa-europe-2']);
    expect(channelPostsOf(config, week, tuesday!)).toEqual([]);
  });
});

describe('expiry', () => {
  it('defaults to the post date + retention_days, at 00:00 in the org zone', () => {
    const { days } = planWeek(testConfig(), octoberWeek());
    const tuesday = days.find((d) => d.date === '2026-10-13')!.requests[0]!;
    expect(tuesday.expiresOn).toBe('2026-10-27');
    expect(tuesday.expiresAt.toISOString()).toBe('2026-10-27T04:00:00.000Z'); // EDT
    // Counted from the dated day, not the week: Sunday 18 + 14, after the clocks went back.
    const sunday = days.find((d) => d.date === '2026-10-18')!.requests[0]!;
    expect(sunday.expiresOn).toBe('2026-11-01');
    expect(sunday.expiresAt.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    const later = days.find((d) => d.date === '2026-10-15')!.requests[0]!;
    expect(later.expiresAt.toISOString()).toBe('2026-10-29T04:00:00.000Z');
  });

  it('takes an explicit date after the post date, up to 31 days after it', () => {
    const week = testWeek('2026-11-23', [
      { region: 'africa-europe', expires: '2026-12-24' }, // Monday + 31: fine
      { region: 'latin-america', expires: '2026-11-24' }, // its own day: not after it
      { region: 'south-asia', expires: '2026-12-27' }, // Wednesday + 32
    ]);
    const { days, issues } = planWeek(testConfig(), week);
    expect(days[0]!.requests[0]!.expiresOn).toBe('2026-12-24');
    expect(days[0]!.requests[0]!.expiresAt.toISOString()).toBe('2026-12-24T05:00:00.000Z'); // EST
    expect(issues).toEqual([
      weekIssue('error', ['requests', 1, 'expires'], 'expires 2026-11-24 is not after the day it is posted, 2026-11-24'),
      weekIssue('error', ['requests', 2, 'expires'], 'expires 2026-12-27 is more than 31 days after the day it is posted, 2026-11-25'),
    ]);
  });
});

describe('daylight-saving weeks in America/New_York (daily posts)', () => {
  const daily = (post: string) => testConfig({ schedule: { post, digest: '0 16 * * 5', catchUpHours: 6 } });
  // Each week also holds a request dated on its Sunday, so Sundays carry a post.
  const weeks = ['2026-02-23', '2026-03-02', '2026-03-09', '2026-10-19', '2026-10-26', '2026-11-02'].map((w) =>
    testWeek(w, [...ONE_EACH, { region: 'global-office', id: 'sunday', date: addDays(w, 6) }]),
  );

  function checkOncePerDay(days: PlanDay[], from: string, count: number) {
    expect(days).toHaveLength(count);
    expect(new Set(days.map((d) => d.date)).size).toBe(count);
    expect(days[0]!.date).toBe(from);
    for (let i = 1; i < days.length; i++) expect(days[i]!.postAt.getTime()).toBeGreaterThan(days[i - 1]!.postAt.getTime());
  }

  it('spring forward: a 02:30 post on Sunday 2026-03-08 goes out once, at 03:30 EDT', () => {
    const config = daily('30 2 * * *');
    const days = planRange(config, weeks, '2026-03-02', '2026-03-15');
    checkOncePerDay(days, '2026-03-02', 14);
    const at = Object.fromEntries(days.map((d) => [d.date, d.postAt.toISOString()]));
    expect(at['2026-03-07']).toBe('2026-03-07T07:30:00.000Z'); // 02:30 EST
    expect(at['2026-03-08']).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT: moved forward by the gap
    expect(at['2026-03-09']).toBe('2026-03-09T06:30:00.000Z'); // 02:30 EDT
    const sunday = days.find((d) => d.date === '2026-03-08')!;
    const parts = channelPostsOf(config, weeks[1]!, sunday).flatMap((p) => splitIntoParts(p, { maxRequests: 10, maxChars: 10_000 }));
    expect(parts.map((p) => p.ledgerKey)).toEqual(['slack:C0STAFF01:2026-03-08:0']);
  });

  it('fall back: a 01:30 post on Sunday 2026-11-01 goes out once, at the first 01:30 (EDT)', () => {
    const config = daily('30 1 * * *');
    const days = planRange(config, weeks, '2026-10-26', '2026-11-08');
    checkOncePerDay(days, '2026-10-26', 14);
    const at = Object.fromEntries(days.map((d) => [d.date, d.postAt.toISOString()]));
    expect(at['2026-10-31']).toBe('2026-10-31T05:30:00.000Z'); // 01:30 EDT
    expect(at['2026-11-01']).toBe('2026-11-01T05:30:00.000Z'); // the first 01:30, EDT
    expect(at['2026-11-02']).toBe('2026-11-02T06:30:00.000Z'); // 01:30 EST
    const sunday = days.find((d) => d.date === '2026-11-01')!;
    const parts = channelPostsOf(config, weeks[4]!, sunday).flatMap((p) => splitIntoParts(p, { maxRequests: 10, maxChars: 10_000 }));
    expect(parts.map((p) => p.ledgerKey)).toEqual(['slack:C0STAFF01:2026-11-01:0']);
  });
});

describe('planRange', () => {
  it('spans weeks, and a week without a file has no days', () => {
    const config = testConfig();
    const days = planRange(config, [testWeek('2026-11-16'), testWeek('2026-11-30')], '2026-11-19', '2026-12-01');
    expect(days.map((d) => d.date)).toEqual(['2026-11-19', '2026-11-20', '2026-11-30', '2026-12-01']);
    expect(days.map((d) => d.week)).toEqual(['2026-11-16', '2026-11-16', '2026-11-30', '2026-11-30']);
  });
});

describe('splitting a long post into parts', () => {
  const config = testConfig();
  const week = testWeek('2026-11-23', [
    { region: 'africa-europe', text: 'a'.repeat(100) },
    { region: 'africa-europe', text: 'b'.repeat(100), title: 'Title' },
    { region: 'africa-europe', text: 'c'.repeat(100), date: '2026-11-23', audience: 'everyone' },
  ]);
  const monday = planWeek(config, week).days[0]!;
  const [staffPost] = channelPostsOf(config, week, monday);

  it('is one part when the post fits', () => {
    const parts = splitIntoParts(staffPost!, { maxRequests: 10, maxChars: 10_000 });
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ part: 0, partCount: 1, ledgerKey: 'slack:C0STAFF01:2026-11-23:0' });
  });

  it('splits between requests, greedily, by request count', () => {
    const parts = splitIntoParts(staffPost!, { maxRequests: 2, maxChars: 10_000 });
    expect(parts.map((p) => p.sections.flatMap((s) => s.requests.map((r) => r.id)))).toEqual([
      ['africa-europe-1', 'africa-europe-2'],
      ['africa-europe-3'],
    ]);
    expect(parts.map((p) => [p.part, p.partCount, p.ledgerKey])).toEqual([
      [0, 2, 'slack:C0STAFF01:2026-11-23:0'],
      [1, 2, 'slack:C0STAFF01:2026-11-23:1'],
    ]);
    // The region heading is repeated in each part.
    expect(parts.map((p) => p.sections.map((s) => s.region.name))).toEqual([['Africa & Europe'], ['Africa & Europe']]);
  });

  it('splits by characters (heading, titles and text), never inside a request', () => {
    // "Africa & Europe" is 15 characters; 15 + 100 + 105 = 220 fits 220, a third does not.
    expect(splitIntoParts(staffPost!, { maxRequests: 10, maxChars: 220 }).map((p) => p.sections[0]!.requests.length)).toEqual([2, 1]);
    expect(splitIntoParts(staffPost!, { maxRequests: 10, maxChars: 219 }).map((p) => p.sections[0]!.requests.length)).toEqual([1, 1, 1]);
    // A request larger than the limit still goes whole, alone.
    const tiny = splitIntoParts(staffPost!, { maxRequests: 10, maxChars: 50 });
    expect(tiny.map((p) => p.sections[0]!.requests[0]!.text.length)).toEqual([100, 100, 100]);
  });
});
