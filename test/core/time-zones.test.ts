// Channels in New York, Sydney and Berlin: each posts on its own weekdays at 09:00 its own
// time, once, through the real sweep on a fake clock, across the daylight-saving changes of
// both hemispheres; `preview --format json` says the same; the ledger, `post --date` and
// `/pray` use each channel's local date.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { writeTree, type Tree } from '../fixtures/config/files.js';
import { preview } from '../../src/cli/preview.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadPrompts } from '../../src/config/load-prompts.js';
import type { PrayAnswer } from '../../src/core/ports.js';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import type { ChannelConfig, Config, WeekPlan } from '../../src/core/types.js';
import { harness, type Harness } from './harness.js';

const NYC: ChannelConfig = { platform: 'slack', id: 'C0NYC', audience: 'staff', allowPublic: false };
const SYD: ChannelConfig = { platform: 'slack', id: 'C0SYD', audience: 'staff', allowPublic: false, timezone: 'Australia/Sydney' };
const BER: ChannelConfig = { platform: 'slack', id: 'C0BER', audience: 'staff', allowPublic: false, timezone: 'Europe/Berlin' };
const ZONE: Record<string, string> = { C0NYC: 'America/New_York', C0SYD: 'Australia/Sydney', C0BER: 'Europe/Berlin' };
const ROTATION = ['Africa & Europe', 'Latin America', 'South Asia', 'Asia Pacific', 'Global Office & Partners'];

let h: Harness | undefined;
const trees: Tree[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  await Promise.all(trees.splice(0).map((t) => rm(t.dir, { recursive: true, force: true })));
});

function threeZones(overrides: Partial<Config> = {}): Config {
  return testConfig({ channels: [NYC, SYD, BER], ...overrides });
}

/** Sweeps every `stepMinutes` of the fake clock from `from` up to `to`. */
async function sweepThrough(from: string, to: string, stepMinutes = 60): Promise<void> {
  h!.clock.set(from);
  while (h!.clock.now() < new Date(to)) {
    await h!.bot.sweep();
    h!.clock.advance(stepMinutes * 60_000);
  }
}

/** Each message as [ledger date, UTC instant, local wall time, local date] for one channel. */
function sent(channelId: string): Array<[string, string, string, string]> {
  return h!.slack.messages
    .filter((m) => m.channelId === channelId)
    .map((m) => {
      const local = DateTime.fromJSDate(m.at, { zone: ZONE[channelId]! });
      return [m.ledgerKey.split(':')[2]!, m.at.toISOString(), local.toFormat('HH:mm'), local.toISODate()!];
    });
}

describe('channels in New York, Sydney and Berlin', () => {
  it('autumn 2026 (Europe falls back on Oct 25, the US on Nov 1): each posts each of its weekdays once, at 09:00 local', async () => {
    h = await harness(threeZones(), [testWeek('2026-10-26'), testWeek('2026-11-02')], '2026-10-24T00:00:00Z');
    await sweepThrough('2026-10-24T00:00:00Z', '2026-11-03T00:00:00Z');

    expect(sent('C0NYC').map(([date, at]) => [date, at])).toEqual([
      ['2026-10-26', '2026-10-26T13:00:00.000Z'], // 09:00 EDT
      ['2026-10-27', '2026-10-27T13:00:00.000Z'],
      ['2026-10-28', '2026-10-28T13:00:00.000Z'],
      ['2026-10-29', '2026-10-29T13:00:00.000Z'],
      ['2026-10-30', '2026-10-30T13:00:00.000Z'],
      ['2026-11-02', '2026-11-02T14:00:00.000Z'], // 09:00 EST: the clocks went back on Sunday
    ]);
    expect(sent('C0BER').map(([date, at]) => [date, at])).toEqual([
      ['2026-10-26', '2026-10-26T08:00:00.000Z'], // 09:00 CET, a day after Europe's change
      ['2026-10-27', '2026-10-27T08:00:00.000Z'],
      ['2026-10-28', '2026-10-28T08:00:00.000Z'],
      ['2026-10-29', '2026-10-29T08:00:00.000Z'],
      ['2026-10-30', '2026-10-30T08:00:00.000Z'],
      ['2026-11-02', '2026-11-02T08:00:00.000Z'],
    ]);
    // Sydney's Monday begins while it is still Sunday in New York and Berlin.
    expect(sent('C0SYD').map(([date, at]) => [date, at])).toEqual([
      ['2026-10-26', '2026-10-25T22:00:00.000Z'], // 09:00 AEDT
      ['2026-10-27', '2026-10-26T22:00:00.000Z'],
      ['2026-10-28', '2026-10-27T22:00:00.000Z'],
      ['2026-10-29', '2026-10-28T22:00:00.000Z'],
      ['2026-10-30', '2026-10-29T22:00:00.000Z'],
      ['2026-11-02', '2026-11-01T22:00:00.000Z'],
      ['2026-11-03', '2026-11-02T22:00:00.000Z'],
    ]);
    // Every post at 09:00 on the wall clock of its channel, and its ledger date is that local date.
    for (const channel of ['C0NYC', 'C0SYD', 'C0BER']) {
      for (const [date, , wall, localDate] of sent(channel)) expect([wall, localDate]).toEqual(['09:00', date]);
    }
    // Same days, same holidays: the same region on the same local date everywhere.
    const regionOn = (channelId: string) =>
      Object.fromEntries(h!.slack.messages.filter((m) => m.channelId === channelId).map((m) => [m.ledgerKey.split(':')[2], m.doc.sections[0]!.heading]));
    expect(regionOn('C0SYD')).toMatchObject(regionOn('C0NYC'));
    expect(regionOn('C0BER')).toEqual(regionOn('C0NYC'));
    expect(Object.values(regionOn('C0NYC')).slice(0, 5)).toEqual(ROTATION);
    // Nothing missed; the only word to staff is that the week before has no file.
    expect(h.slack.staffTexts.map((t) => t.text)).toEqual([expect.stringContaining('no plan for the week of 2026-10-19')]);
  });

  it('spring 2027 in two hemispheres (US on Mar 14, Europe on Mar 28, Sydney back to standard time on Apr 4): once a day, 09:00 local', async () => {
    const weeks = ['2027-03-22', '2027-03-29', '2027-04-05'].map((w) => testWeek(w));
    h = await harness(threeZones(), weeks, '2027-03-20T00:00:00Z');
    await sweepThrough('2027-03-20T00:00:00Z', '2027-04-06T00:00:00Z');

    const weekdays = ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26', '2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02', '2027-04-05'];
    for (const channel of ['C0NYC', 'C0SYD', 'C0BER']) {
      const posts = sent(channel);
      // Sydney's Tuesday Apr 6 begins before the sweep stops (Apr 5, 23:00 UTC).
      expect(posts.map(([date]) => date)).toEqual(channel === 'C0SYD' ? [...weekdays, '2027-04-06'] : weekdays);
      for (const [date, , wall, localDate] of posts) expect([wall, localDate]).toEqual(['09:00', date]);
    }
    const at = (channel: string, date: string) => sent(channel).find(([d]) => d === date)?.[1];
    expect([at('C0BER', '2027-03-26'), at('C0BER', '2027-03-29')]).toEqual(['2027-03-26T08:00:00.000Z', '2027-03-29T07:00:00.000Z']); // CET → CEST
    expect([at('C0SYD', '2027-04-02'), at('C0SYD', '2027-04-05')]).toEqual(['2027-04-01T22:00:00.000Z', '2027-04-04T23:00:00.000Z']); // AEDT → AEST
    expect([at('C0NYC', '2027-03-22'), at('C0NYC', '2027-04-05')]).toEqual(['2027-03-22T13:00:00.000Z', '2027-04-05T13:00:00.000Z']); // EDT throughout
  });

  it('`preview --format json` shows the same posts: ledger keys on local dates, UTC instants, each part with its zone', async () => {
    const tree = await writeTree({
      config: [
        'timezone: America/New_York',
        'schedule: { post: "0 9 * * 1-5", digest: "0 16 * * 5" }',
        'rotation: [africa-europe, latin-america, south-asia, asia-pacific, global-office]',
        'regions:',
        ...['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'].flatMap((id, i) => [`  - id: ${id}`, `    name: ${ROTATION[i]}`]),
        'channels:',
        '  - { platform: slack, id: "C0NYC", audience: staff }',
        '  - { platform: slack, id: "C0SYD", audience: staff, timezone: Australia/Sydney }',
        '  - { platform: slack, id: "C0BER", audience: staff, timezone: Europe/Berlin }',
        'staff_report:',
        '  - { platform: slack, id: "C0COORD01" }',
        '',
      ].join('\n'),
      weeks: {
        '2026-10-26.yaml': [
          'week: 2026-10-26',
          'verse: { text: "Seek justice.", reference: Isaiah 1:17 }',
          'requests:',
          ...['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'].flatMap((region) => [`  - region: ${region}`, `    text: Pray for the fictional ${region} team.`]),
          '',
        ].join('\n'),
      },
    });
    trees.push(tree);
    const config = (await loadConfig(tree.config)).value!;
    const { weeks } = await loadPrompts(tree.prompts, config);
    h = await harness(config, weeks, '2026-10-24T00:00:00Z');
    await sweepThrough('2026-10-24T00:00:00Z', '2026-11-01T00:00:00Z');

    const out: string[] = [];
    const code = await preview({ config: tree.config, prompts: tree.prompts }, { week: '2026-10-26', format: 'json' }, { out: (t) => out.push(t), err: () => undefined, clock: { now: () => new Date('2026-10-24T00:00:00Z') } });
    expect(code).toBe(0);
    interface Part { ledgerKey: string; postAt: string; timezone: string; localPostAt: string; regions: string[] }
    const data = JSON.parse(out.join('\n')) as { timezone: string; days: Array<{ channels: Array<{ channelId: string; timezone: string; parts: Part[] }> }> };
    const parts = data.days.flatMap((d) => d.channels.flatMap((c) => c.parts.map((p) => ({ ...p, channelTimezone: c.timezone }))));
    const planned = parts.map((p) => [p.ledgerKey, p.postAt]).sort();
    const posted = h.slack.messages.map((m) => [m.ledgerKey, m.at.toISOString()]).sort();
    expect(planned).toEqual(posted);
    expect(planned).toHaveLength(15);
    expect(data.timezone).toBe('America/New_York');
    const sydneyMonday = parts.find((p) => p.ledgerKey === 'slack:C0SYD:2026-10-26:0')!;
    expect(sydneyMonday).toMatchObject({ postAt: '2026-10-25T22:00:00.000Z', timezone: 'Australia/Sydney', channelTimezone: 'Australia/Sydney', localPostAt: '2026-10-26T09:00:00+11:00' });
    expect(parts.find((p) => p.ledgerKey === 'slack:C0BER:2026-10-26:0')).toMatchObject({ timezone: 'Europe/Berlin', localPostAt: '2026-10-26T09:00:00+01:00' });

    // The text form says each channel's local time and the UTC instant.
    const text: string[] = [];
    await preview({ config: tree.config, prompts: tree.prompts }, { week: '2026-10-26' }, { out: (t) => text.push(t), err: () => undefined, clock: { now: () => new Date('2026-10-24T00:00:00Z') } });
    expect(text.join('\n')).toContain('→ slack C0SYD (staff, Australia/Sydney) · 09:00 GMT+11 = Sun Oct 25 22:00 UTC · ledger slack:C0SYD:2026-10-26:0');
  });

  it('`post --date` takes a channel-local date; without one, each channel posts its own today', async () => {
    // Sunday 19:00 in New York is Monday 10:00 in Sydney and Monday 00:00 in Berlin.
    h = await harness(threeZones(), [testWeek('2026-10-26')], '2026-10-25T23:00:00Z');
    const today = await h.bot.postDay(undefined, { manual: true });
    expect(today.map((r) => [r.ledgerKey, r.outcome])).toEqual([
      ['slack:C0SYD:2026-10-26:0', 'sent'],
      ['slack:C0BER:2026-10-26:0', 'sent'],
    ]);
    const dated = await h.bot.postDay('2026-10-26', { manual: true });
    expect(dated.map((r) => [r.ledgerKey, r.outcome])).toEqual([
      ['slack:C0NYC:2026-10-26:0', 'sent'],
      ['slack:C0SYD:2026-10-26:0', 'already'],
      ['slack:C0BER:2026-10-26:0', 'already'],
    ]);
    expect(h.slack.messages.map((m) => m.doc.sections[0]!.heading)).toEqual(['Africa & Europe', 'Africa & Europe', 'Africa & Europe']);
  });

  it("`/pray` answers with the caller's channel's today; a DM with the organisation's", async () => {
    const week = testWeek('2026-10-26', [
      { region: 'africa-europe', text: 'Monday words for everyone.', audience: 'everyone' },
      { region: 'latin-america', text: 'Tuesday words for everyone.', audience: 'everyone' },
    ]);
    h = await harness(threeZones(), [week], '2026-10-26T23:00:00Z'); // Mon 19:00 New York, Tue 10:00 Sydney, Tue 00:00 Berlin
    const ask = async (channelId: string) => {
      const answer: PrayAnswer = await h!.bot.pray({ platform: 'slack', channelId, userId: 'U1', roleIds: [], text: '' });
      return answer.kind === 'post' ? answer.doc.sections.map((s) => s.heading) : answer.text;
    };
    expect(await ask('C0NYC')).toEqual(['Africa & Europe']);
    expect(await ask('C0SYD')).toEqual(['Latin America']);
    expect(await ask('C0BER')).toEqual(['Latin America']);
    expect(await ask('D0DM')).toEqual(['Africa & Europe']); // a DM: New York's today

    // The week overview marks each channel's own today.
    const week2 = await h.bot.pray({ platform: 'slack', channelId: 'C0SYD', userId: 'U1', roleIds: [], text: 'week' });
    expect(week2.kind === 'text' && week2.text).toContain('▶ Tuesday, October 27, 2026: Latin America');
  });
});
