import { describe, expect, it } from 'vitest';
import { buildPlanState, planHash } from '../plan-state.js';
import type { ChannelConfig, PlanDay } from '../types.js';
import { calendarOf, calendarsOf, orgCalendar } from './calendar.js';
import { holidayOn, isHolidayCode } from './holidays.js';
import { channelPostsOf, planWeek } from './plan.js';
import { STAFF_SLACK, testConfig, testWeek, weekIssue } from './testing.js';

// The week of Monday 2027-01-25: Tuesday the 26th is Australia Day, a public holiday in AU.
const WEEK = '2027-01-25';
const SYDNEY: ChannelConfig = { platform: 'slack', id: 'C0SYD', audience: 'staff', allowPublic: false, timezone: 'Australia/Sydney', holidays: 'AU' };
const config = testConfig({ channels: [STAFF_SLACK, SYDNEY] });

/** date → region ids of the day's requests, for one calendar. */
function byDate(days: PlanDay[], calendar: string): Record<string, string[]> {
  return Object.fromEntries(days.filter((d) => d.calendar === calendar).map((d) => [d.date, d.requests.map((r) => r.id)]));
}

describe('holiday data', () => {
  it('knows countries and their subdivisions, and names public holidays in English', () => {
    expect(['US', 'AU', 'AU-NSW', 'DE-BY'].map(isHolidayCode)).toEqual([true, true, true, true]);
    expect(['XX', 'DE-ZZ', 'AUS', 'au', ''].map(isHolidayCode)).toEqual([false, false, false, false, false]);
    expect(holidayOn(['AU'], '2027-01-26')).toEqual({ code: 'AU', name: 'Australia Day' });
    expect(holidayOn(['DE-BY'], '2027-01-06')).toEqual({ code: 'DE-BY', name: 'Epiphany' });
    expect(holidayOn(['AU'], '2027-01-27')).toBeUndefined();
  });
});

describe('calendars', () => {
  it("are the organisation's, then each channel's own; channels with the same settings share one", () => {
    const twin = { ...SYDNEY, id: 'C0SYD2' };
    const berlin: ChannelConfig = { ...STAFF_SLACK, id: 'C0BER', timezone: 'Europe/Berlin' };
    const many = testConfig({ channels: [SYDNEY, STAFF_SLACK, twin, berlin], skip: ['2026-12-25'], holidays: 'US' });
    expect(calendarsOf(many).map((c) => [c.timezone, c.holidays, c.skip])).toEqual([
      ['America/New_York', ['US'], ['2026-12-25']],
      ['Australia/Sydney', ['AU', 'US'], ['2026-12-25']], // a channel's holidays add to the config's
      ['Europe/Berlin', ['US'], ['2026-12-25']],
    ]);
    expect(calendarOf(many, twin).key).toBe(calendarOf(many, SYDNEY).key);
    expect(calendarOf(many, STAFF_SLACK).key).toBe(orgCalendar(many).key);
  });
});

describe('holidays: AU in a Sydney channel', () => {
  const { days, issues } = planWeek(config, testWeek(WEEK));
  const nyc = calendarOf(config, STAFF_SLACK).key;
  const syd = calendarOf(config, SYDNEY).key;

  it('skips Australia Day there only; the rotation counts that channel\'s own posting days', () => {
    expect(byDate(days, nyc)).toEqual({
      '2027-01-25': ['africa-europe-1'],
      '2027-01-26': ['latin-america-1'],
      '2027-01-27': ['south-asia-1'],
      '2027-01-28': ['asia-pacific-1'],
      '2027-01-29': ['global-office-1'],
    });
    expect(byDate(days, syd)).toEqual({
      '2027-01-25': ['africa-europe-1'],
      '2027-01-27': ['latin-america-1'],
      '2027-01-28': ['south-asia-1'],
      '2027-01-29': ['asia-pacific-1', 'global-office-1'],
    });
    // Sydney's days are Sydney's 09:00 (AEDT, UTC+11), the day before in UTC.
    expect(days.find((d) => d.calendar === syd && d.date === '2027-01-25')!.postAt.toISOString()).toBe('2027-01-24T22:00:00.000Z');
  });

  it('warns, naming the channel, that the region left over joins the last posting day', () => {
    expect(issues).toEqual([
      weekIssue('warning', ['requests', 4, 'region'], 'for slack C0SYD (Australia/Sydney, AU holidays): Global Office & Partners has no posting day this week (4 posting days for 5 regions in the rotation): its requests join the last posting day, Friday, January 29, 2027'),
    ]);
  });

  it('gives each request one expiry, counted from the latest local date any channel posts it', () => {
    const expiry = (calendar: string, id: string) => days.filter((d) => d.calendar === calendar).flatMap((d) => d.requests).find((r) => r.id === id)!;
    // Asia Pacific: Thursday in New York, Friday in Sydney → Friday + 14, at 00:00 in New York.
    expect(expiry(nyc, 'asia-pacific-1')).toMatchObject({ postDate: '2027-01-28', expiresOn: '2027-02-12' });
    expect(expiry(syd, 'asia-pacific-1')).toMatchObject({ postDate: '2027-01-29', expiresOn: '2027-02-12' });
    expect(expiry(syd, 'asia-pacific-1').expiresAt.toISOString()).toBe('2027-02-12T05:00:00.000Z');
    // A channel that may not carry a request does not lengthen its life.
    const volunteers = testConfig({ channels: [STAFF_SLACK, { ...SYDNEY, audience: 'volunteers' }] });
    const staffOnly = planWeek(volunteers, testWeek(WEEK)).days.flatMap((d) => d.requests).find((r) => r.id === 'asia-pacific-1');
    expect(staffOnly?.expiresOn).toBe('2027-02-11');
  });

  it('posts in each channel on its own day only', () => {
    const week = testWeek(WEEK);
    const posts = days.flatMap((day) => channelPostsOf(config, week, day).map((p) => `${p.channel.id} ${p.date}`));
    expect(posts.filter((p) => p.startsWith('C0SYD'))).toEqual(['C0SYD 2027-01-25', 'C0SYD 2027-01-27', 'C0SYD 2027-01-28', 'C0SYD 2027-01-29']);
    expect(posts.filter((p) => p.startsWith('C0STAFF01'))).toHaveLength(5);
  });
});

describe('a dated request on one channel\'s own holiday or skip date', () => {
  it('moves, in that channel only, to its next posting day of the week', () => {
    const week = testWeek(WEEK, [{ region: 'global-office', id: 'rally', date: '2027-01-26' }, { region: 'africa-europe' }]);
    const { days, issues } = planWeek(config, week);
    expect(issues).toEqual([]);
    expect(byDate(days, calendarOf(config, STAFF_SLACK).key)['2027-01-26']).toEqual(['rally']);
    const sydney = byDate(days, calendarOf(config, SYDNEY).key);
    expect(sydney['2027-01-26']).toBeUndefined();
    expect(sydney['2027-01-27']).toEqual(['rally']);
  });

  it('moves to the last posting day when none follows it in the week, and warns when the week has none', () => {
    const berlin: ChannelConfig = { ...STAFF_SLACK, id: 'C0BER', timezone: 'Europe/Berlin', skip: ['2027-01-29'] };
    const withBerlin = testConfig({ channels: [STAFF_SLACK, berlin] });
    const week = testWeek(WEEK, [{ region: 'global-office', id: 'friday', date: '2027-01-29' }]);
    const { days, issues } = planWeek(withBerlin, week);
    expect(issues).toEqual([]);
    expect(byDate(days, calendarOf(withBerlin, berlin).key)['2027-01-28']).toEqual(['friday']);

    const closedAllWeek: ChannelConfig = { ...berlin, skip: ['2027-01-25', '2027-01-26', '2027-01-27', '2027-01-28', '2027-01-29'] };
    const closed = planWeek(testConfig({ channels: [STAFF_SLACK, closedAllWeek] }), week);
    expect(closed.issues.map((i) => [i.path, i.message])).toEqual([
      [
        ['requests', 0, 'date'],
        'for slack C0BER (Europe/Berlin, its own skip dates): 2027-01-29 is a skip date of this channel and the week has no other posting day: this request is not posted',
      ],
    ]);
  });

  it('is still an error on a skip date of the config', () => {
    const week = testWeek(WEEK, [{ region: 'global-office', date: '2027-01-26' }]);
    const { issues } = planWeek(testConfig({ channels: [STAFF_SLACK, SYDNEY], skip: ['2027-01-26'] }), week);
    expect(issues.map((i) => i.message)).toEqual(['2027-01-26 is a skip date in the config: nothing is posted that day']);
  });
});

describe('the plan hash', () => {
  it("covers every calendar's resolved posting dates, so replicas with other holiday or zone data disagree", () => {
    const state = buildPlanState(config, [testWeek(WEEK)]);
    expect(state.calendars.map((c) => c.calendar.timezone)).toEqual(['America/New_York', 'Australia/Sydney']);
    expect(planHash(config, state.weeks, state.calendars)).toBe(state.hash);
    // The same files, but a replica whose holiday data lacks Australia Day.
    const [org, sydney] = state.calendars;
    const otherData = { ...sydney!, days: [...sydney!.days, { ...sydney!.days[0]!, date: '2027-01-26' }] };
    expect(planHash(config, state.weeks, [org!, otherData])).not.toBe(state.hash);
  });
});
