// The privacy guard beyond the daily post: /pray answers by the cached verdict, staff reports
// go only to channels passing the staff-channel rules, and late sends read the facts again.
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_PRIVATE_NOTE, UNCHECKED_NOTE } from '../../src/core/pray-privacy.js';
import { PlatformError, type ChannelInspection, type Log, type PrayAnswer } from '../../src/core/ports.js';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { harness, type Harness } from './harness.js';

// Week of Monday 2026-10-12, America/New_York (EDT): posts at 09:00 = 13:00Z.
const WEEK = '2026-10-12';
const STAFF_ONLY = 'Staff-only words about the Africa team.';
const FOR_EVERYONE = 'Everyone may read this about Latin America.';
const week = testWeek(WEEK, [
  { region: 'africa-europe', text: STAFF_ONLY },
  { region: 'latin-america', text: FOR_EVERYONE, audience: 'everyone' },
]);
const PRIVATE: ChannelInspection = { state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: [] };

let h: Harness;
afterEach(async () => h?.close());

function text(answer: PrayAnswer): string {
  if (answer.kind === 'text') return answer.text;
  return [answer.doc.title, ...answer.doc.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)]), answer.doc.footer ?? ''].join('\n');
}

const ask = (t: string) => h.bot.pray({ platform: 'slack', channelId: 'C0STAFF01', userId: 'U0VOL1', roleIds: [], text: t });
const inspections = () => h.slack.calls.filter((c) => c.method === 'inspectChannel').length;
/** The privacy check a running bot has made by now (or is making): its outcome in the cache. */
const checked = (channelId = 'C0STAFF01') => h.bot.ctx.inspections.get(h.slack, channelId);

describe('/pray and the privacy guard', () => {
  it.each([
    ['made public', { isPublic: true }],
    ['shared with another organisation', { externallyShared: true }],
    ['seen by roles outside the staff viewer roles', { outsiderViewers: ['role @everyone (1)'] }],
  ])('in a staff channel %s: everyone-requests with a note, never staff-only text', async (_name, change) => {
    h = await harness(testConfig(), [week], '2026-10-13T14:00:00Z');
    h.slack.channels.set('C0STAFF01', { ...PRIVATE, ...change });
    await checked();

    const region = text(await ask('latin america'));
    expect(region).toContain(FOR_EVERYONE);
    expect(region).toContain(NOT_PRIVATE_NOTE);
    // Nothing this channel may show: the note alone.
    expect(text(await ask('africa'))).toBe(NOT_PRIVATE_NOTE);
    const today = text(await ask(''));
    expect(today).toContain(FOR_EVERYONE);
    expect(today).toContain(NOT_PRIVATE_NOTE);
    const overview = text(await ask('week'));
    expect(overview).toContain('Latin America');
    expect(overview).not.toContain('Africa');
    expect(overview).toContain(NOT_PRIVATE_NOTE);
  });

  it('with the channel private, a staff channel shows staff requests and no note', async () => {
    h = await harness(testConfig(), [week], '2026-10-13T14:00:00Z');
    await checked();
    const answer = text(await ask('africa'));
    expect(answer).toContain(STAFF_ONLY);
    expect(answer).not.toContain(NOT_PRIVATE_NOTE);
  });

  it('never waits for the platform: with nothing cached it answers as a volunteers channel and checks in the background', async () => {
    h = await harness(testConfig(), [week], '2026-10-13T14:00:00Z');
    let answerCheck: (facts: ChannelInspection) => void = () => undefined;
    const slow = new Promise<ChannelInspection>((resolve) => (answerCheck = resolve));
    h.slack.inspectChannel = async (channelId) => {
      h.slack.calls.push({ method: 'inspectChannel', args: [channelId] });
      return slow;
    };

    // The platform has not answered (and may never): /pray still answers, as volunteers.
    expect(text(await ask('africa'))).toBe(UNCHECKED_NOTE);
    const region = text(await ask('latin america'));
    expect(region).toContain(FOR_EVERYONE);
    expect(region).toContain(UNCHECKED_NOTE);
    expect(inspections()).toBe(1); // a burst of /pray makes one check

    answerCheck(PRIVATE);
    await checked();
    expect(text(await ask('africa'))).toContain(STAFF_ONLY);
  });

  it('does not use a verdict older than 10 minutes', async () => {
    h = await harness(testConfig(), [week], '2026-10-13T14:00:00Z');
    await checked();
    h.slack.channels.set('C0STAFF01', { ...PRIVATE, isPublic: true });
    h.clock.advance(10 * 60_000);
    expect(text(await ask('africa'))).toBe(UNCHECKED_NOTE);
    await checked();
    expect(text(await ask('africa'))).toBe(NOT_PRIVATE_NOTE);
  });

  it('a DM or unlisted channel needs no check: it answers as volunteers, without a note', async () => {
    h = await harness(testConfig(), [week], '2026-10-13T14:00:00Z');
    const answer = text(await h.bot.pray({ platform: 'slack', channelId: 'D0DIRECT1', userId: 'U0VOL1', roleIds: [], text: 'latin america' }));
    expect(answer).toContain(FOR_EVERYONE);
    expect(answer).not.toMatch(/private/);
    expect(inspections()).toBe(0);
  });

  it('the minute sweep keeps the staff channels /pray judges checked', async () => {
    h = await harness(testConfig(), [week], '2026-10-17T14:00:00Z'); // a Saturday: nothing to post
    await h.bot.sweep();
    await checked();
    expect(inspections()).toBe(1);
    expect(text(await ask('africa'))).toContain(STAFF_ONLY);
  });
});

describe('late sends read the privacy facts again', () => {
  it('a catch-up never acts on facts cached minutes before: a channel made public meanwhile gets nothing', async () => {
    // The week's file arrives five minutes late; the channel was checked (and private) at 09:00.
    h = await harness(testConfig(), [], '2026-10-12T13:00:30Z');
    await h.bot.sweep();
    await checked();
    h.slack.channels.set('C0STAFF01', { ...PRIVATE, isPublic: true });
    h.clock.set('2026-10-12T13:05:00Z');
    h.setPlan(testConfig(), [week]);
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['refused']);
    expect(h.slack.messages).toHaveLength(0);
  });

  it('a retry reads them again', async () => {
    h = await harness(testConfig(), [week], '2026-10-12T13:00:30Z');
    h.slack.sendFailures.push(new PlatformError('unavailable', 'slack is down'));
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['failed']);
    h.slack.channels.set('C0STAFF01', { ...PRIVATE, isPublic: true });
    h.clock.advance(60_000);
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['refused']);
    expect(h.slack.messages).toHaveLength(0);
  });

  it('`post --date` reads them again', async () => {
    h = await harness(testConfig(), [week], '2026-10-12T19:01:00Z'); // too late for the sweep: skipped
    await h.bot.sweep();
    await checked();
    h.slack.channels.set('C0STAFF01', { ...PRIVATE, isPublic: true });
    expect((await h.bot.postDay(WEEK, { manual: true })).map((r) => r.outcome)).toEqual(['refused']);
    expect(h.slack.messages).toHaveLength(0);
  });

  it('the scheduled send may use facts checked less than 10 minutes before', async () => {
    h = await harness(testConfig(), [week], '2026-10-12T12:57:00Z');
    await h.bot.sweep();
    await checked();
    const before = inspections();
    h.clock.set('2026-10-12T13:00:05Z');
    expect((await h.bot.sweep()).map((r) => r.outcome)).toEqual(['sent']);
    expect(inspections()).toBe(before);
  });
});

describe('staff reports and the staff-channel rules', () => {
  const twoRooms = testConfig({ staffReport: [{ platform: 'slack', id: 'C0COORD01' }, { platform: 'discord', id: '998877665544332211' }] });

  it('a digest is not sent to a report channel made public; the other report channel is told, without the report', async () => {
    h = await harness(twoRooms, [week], '2026-10-16T20:00:00Z');
    h.slack.channels.set('C0COORD01', { ...PRIVATE, isPublic: true });
    expect(await h.bot.digest()).toBe(true);
    expect(h.slack.staffTexts).toEqual([]);
    const told = h.discord.staffTexts.map((t) => t.text);
    expect(told.some((t) => t.startsWith('Prayer tally for the week of 2026-10-12'))).toBe(true);
    const notice = told.filter((t) => t.includes('slack:C0COORD01'));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toContain('the channel is public');
    expect(notice[0]).not.toContain('Prayer tally');

    // Later reports: still not there, and the channel is named only once.
    h.slack.sendFailures.push(new PlatformError('forbidden', 'not_in_channel'));
    h.clock.set('2026-10-19T13:00:30Z');
    h.setPlan(twoRooms, [week, testWeek('2026-10-19')]);
    await h.bot.sweep();
    expect(h.slack.staffTexts).toEqual([]);
    expect(h.discord.staffTexts.some((t) => t.text.includes('could not post'))).toBe(true);
    expect(h.discord.staffTexts.filter((t) => t.text.includes('slack:C0COORD01'))).toHaveLength(1);
  });

  it('with no report channel left, the refusal goes to the log — never the report', async () => {
    const lines: string[] = [];
    const log: Log = {
      debug: () => undefined,
      info: () => undefined,
      warn: (obj, msg) => void lines.push(JSON.stringify({ ...obj, msg })),
      error: (obj, msg) => void lines.push(JSON.stringify({ ...obj, msg })),
    };
    h = await harness(testConfig(), [week], '2026-10-16T20:00:00Z', { log });
    h.slack.channels.set('C0COORD01', { ...PRIVATE, externallyShared: true });
    expect(await h.bot.digest()).toBe(true);
    expect(h.slack.staffTexts).toEqual([]);
    expect(lines.some((l) => l.includes('prayerbot sends no staff reports to slack:C0COORD01: the channel is shared with another organisation'))).toBe(true);
    expect(lines.join('\n')).not.toContain('Prayer tally');
  });

  it('a report channel seen by outsiders on Discord is refused too', async () => {
    h = await harness(twoRooms, [week], '2026-10-16T20:00:00Z');
    h.discord.channels.set('998877665544332211', { ...PRIVATE, outsiderViewers: ['role @Volunteers (42)', 'a member override'] });
    expect(await h.bot.digest()).toBe(true);
    expect(h.discord.staffTexts).toEqual([]);
    const notice = h.slack.staffTexts.find((t) => t.text.includes('discord:998877665544332211'));
    expect(notice?.text).toContain('visible to people outside the staff viewer roles: role @Volunteers (42), a member override');
  });
});
