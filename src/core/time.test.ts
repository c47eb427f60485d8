import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesFrom,
  daysBetween,
  formatInstantIn,
  formatLongDate,
  isLocalDate,
  localDateTimeToInstant,
  mondayOf,
  startOfDayInstant,
  todayIn,
  weekday,
} from './time.js';

const NY = 'America/New_York';

describe('calendar dates', () => {
  it('accepts only real dates', () => {
    expect(isLocalDate('2026-10-12')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-1-5')).toBe(false);
  });

  it('adds days across months, years and DST changes', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-03-08', -1)).toBe('2026-03-07');
    expect(daysBetween('2026-03-02', '2026-03-09')).toBe(7);
    expect(datesFrom('2026-10-30', '2026-11-02')).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect(datesFrom('2026-11-02', '2026-10-30')).toEqual([]);
  });

  it('finds the Monday of a week, Sunday belonging to the week before it', () => {
    expect(weekday('2026-10-12')).toBe(1);
    expect(weekday('2026-10-18')).toBe(7);
    expect(mondayOf('2026-10-18')).toBe('2026-10-12');
    expect(mondayOf('2026-10-12')).toBe('2026-10-12');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('formats dates the way the posts name them', () => {
    expect(formatLongDate('2026-10-13')).toBe('Tuesday, October 13, 2026');
    expect(formatLongDate('2026-11-01')).toBe('Sunday, November 1, 2026');
  });

  it("tells today's date in the organisation's zone, not UTC's", () => {
    // 02:00 UTC on the 13th is still the evening of the 12th in New York.
    expect(todayIn(NY, new Date('2026-10-13T02:00:00Z'))).toBe('2026-10-12');
    expect(todayIn('Asia/Tokyo', new Date('2026-10-12T16:00:00Z'))).toBe('2026-10-13');
  });

  it('tells today right through days the clocks change, asked in order or not', () => {
    // Santiago changes at midnight (back to 23:00 in April, on to 01:00 in September), as São
    // Paulo did (in 2019 its Sunday began at 23:00 of the Saturday), New York at 02:00, Lord
    // Howe by half an hour; Kolkata never. Every 10 minutes over four days
    // around each change, forwards then backwards: today is what luxon reads at that instant.
    const spans: Array<[string, string]> = [
      ['America/Santiago', '2026-04-03'],
      ['America/Santiago', '2026-09-04'],
      ['America/Sao_Paulo', '2019-02-15'],
      [NY, '2026-03-06'],
      [NY, '2026-10-30'],
      ['Australia/Lord_Howe', '2026-04-03'],
      ['Asia/Kolkata', '2026-03-06'],
    ];
    for (const [zone, from] of spans) {
      const start = new Date(`${from}T00:00:00Z`).getTime();
      const instants = Array.from({ length: 4 * 144 }, (_, i) => new Date(start + i * 600_000));
      for (const at of [...instants, ...instants.reverse()]) {
        expect(todayIn(zone, at), `${zone} at ${at.toISOString()}`).toBe(DateTime.fromJSDate(at, { zone }).toISODate());
      }
    }
  });
});

describe('local times to instants across daylight-saving changes', () => {
  it('reads an ordinary time with the offset in force that day', () => {
    expect(localDateTimeToInstant('2026-10-13', 9, 0, NY).toISOString()).toBe('2026-10-13T13:00:00.000Z');
    expect(localDateTimeToInstant('2026-12-01', 9, 0, NY).toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });

  it('moves a time inside the spring-forward gap forward by the gap: 02:30 → 03:30 EDT', () => {
    const t = localDateTimeToInstant('2026-03-08', 2, 30, NY);
    expect(t.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(formatInstantIn(t, NY)).toBe('2026-03-08T03:30:00-04:00');
  });

  it('moves a gap time forward by a 30-minute gap too (Lord Howe Island)', () => {
    // 2026-10-04 02:00 → 02:30 there; 02:15 becomes 02:45 (+11:00).
    const t = localDateTimeToInstant('2026-10-04', 2, 15, 'Australia/Lord_Howe');
    expect(formatInstantIn(t, 'Australia/Lord_Howe')).toBe('2026-10-04T02:45:00+11:00');
  });

  it('reads a repeated fall-back time as its first occurrence: 01:30 EDT, not EST', () => {
    const t = localDateTimeToInstant('2026-11-01', 1, 30, NY);
    expect(t.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(formatInstantIn(t, NY)).toBe('2026-11-01T01:30:00-04:00');
  });

  it('agrees with luxon in the gap and corrects it in the overlap (why the offsets are resolved by hand)', () => {
    const gap = DateTime.fromObject({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, { zone: NY });
    expect(gap.toUTC().toISO()).toBe('2026-03-08T07:30:00.000Z');
    const overlap = DateTime.fromObject({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, { zone: NY });
    // Luxon picks the second 01:30 (EST); the design wants the first.
    expect(overlap.toUTC().toISO()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('starts a day at local midnight, or at the first instant when midnight is skipped', () => {
    expect(startOfDayInstant('2026-10-30', NY).toISOString()).toBe('2026-10-30T04:00:00.000Z');
    expect(startOfDayInstant('2026-11-02', NY).toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // Santiago springs forward at midnight: 2026-09-06 begins at 01:00 -03:00.
    expect(formatInstantIn(startOfDayInstant('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe(
      '2026-09-06T01:00:00-03:00',
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => localDateTimeToInstant('2026-10-13', 9, 0, 'Mars/Olympus_Mons')).toThrow(/unknown time zone/);
  });
});
