// "This week and next" with channels in their own time zones: each channel's post time in its
// zone and in UTC, a holiday there, and a dated request moved off it — what `prayerbot
// preview` says, from the same module. A New York staff channel and Sydney volunteers who
// skip Australia's public holidays and read Spanish (the week has no translation), in the week of Monday 2027-01-25 (Tuesday the 26th is
// Australia Day). Fictional data only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { australiaDayWeek } from '../fixtures/australia-day-week.js';
import { get, signIn } from './http.js';
import { startWorld, type World } from './world.js';

const WEEK = australiaDayWeek({ title: 'A fictional rally' });

let world: World;
beforeAll(async () => {
  world = await startWorld({
    // Monday 2027-01-25, 08:00 in New York: before any post of the week.
    at: '2027-01-25T13:00:00Z',
    channels: [
      '  - { platform: slack, id: "C0STAFF01", audience: staff }',
      '  - { platform: discord, id: "445566778899001122", audience: volunteers, timezone: Australia/Sydney, holidays: AU, language: es }',
    ].join('\n'),
    weeks: { '2027-01-25': WEEK },
  });
});
afterAll(async () => world?.stop());

/** The rows of one day's table, as text with single spaces. */
function rowsOf(html: string, date: string): string[] {
  const section = new RegExp(`<section class="day" aria-labelledby="day-${date}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

describe('this week and next, per channel time zone', () => {
  it("shows each channel's post time in its zone and in UTC, a holiday where it is, the request it moved, and what is untranslated", async () => {
    const session = await signIn(world);
    const page = await (await get(world, '/coordinator', session)).text();
    expect(page).toContain("each channel's post time is in its own time zone and in UTC");

    // Tuesday: New York posts at 09:00 EST; Sydney has no post on Australia Day.
    const tuesday = rowsOf(page, '2027-01-26');
    expect(tuesday[0]).toMatch(/^Slack C0STAFF01 staff 09:00 EST = Tue Jan 26 14:00 UTC .* Due at 09:00 EST$/);
    expect(tuesday[1]).toBe('Discord 445566778899001122 volunteers — — No post: Australia Day (AU public holiday); 2027-01-25/rally moves to Wednesday, January 27');

    // Wednesday: Sydney's 09:00 is Tuesday evening in UTC, and carries the rally moved off the holiday.
    const wednesday = rowsOf(page, '2027-01-27');
    expect(wednesday[1]).toMatch(/^Discord 445566778899001122 volunteers 09:00 GMT\+11 = Tue Jan 26 22:00 UTC .* Due at 09:00 GMT\+11 /);
    expect(wednesday[1]).toContain('Note: 2027-01-25/rally is dated Tuesday, January 26, Australia Day (AU public holiday) here: moved to this day');
    // The week has no Spanish: the page says so where `prayerbot preview` does, and only for Sydney.
    expect(wednesday[1]).toContain('untranslated: es — verse, 2027-01-25/latin-america-1, 2027-01-25/rally (shown in the original)');
    expect(wednesday[0]).not.toContain('untranslated');
  });
});
