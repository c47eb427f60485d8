import { afterEach, describe, expect, it } from 'vitest';
import type { PrayAnswer } from '../../src/core/ports.js';
import { parsePray } from '../../src/core/pray-command.js';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import type { Region } from '../../src/core/types.js';
import { harness, type Harness } from './harness.js';

const REGIONS: Region[] = [
  { id: 'africa-europe', name: 'Africa & Europe', aliases: ['emea'] },
  { id: 'latin-america', name: 'Latin America', aliases: ['latam', 'south america'] },
  { id: 'south-asia', name: 'South Asia', aliases: [] },
  { id: 'asia-pacific', name: 'Asia Pacific', aliases: ['apac'] },
  { id: 'global-office', name: 'Global Office & Partners', aliases: ['global'] },
];

describe('/pray matching', () => {
  const table: Array<[string, string]> = [
    ['', 'today'],
    ['help', 'help'],
    ['HELP', 'help'],
    ['week', 'week'],
    ['stats', 'stats'],
    ['retract 2026-10-12/eu-day', 'retract:2026-10-12/eu-day'],
    ['retract', 'retract-usage'],
    ['latin-america', 'region:latin-america'],
    ['Latin America', 'region:latin-america'],
    ['  latin   america ', 'region:latin-america'],
    ['LATAM', 'region:latin-america'],
    ['south america', 'region:latin-america'],
    ['Látin Américà', 'region:latin-america'],
    ['lat', 'region:latin-america'],
    ['africa and europe', 'region:africa-europe'],
    ['Africa & Europe', 'region:africa-europe'],
    ['global office & partners', 'region:global-office'],
    ['apac', 'region:asia-pacific'],
    ['asia p', 'region:asia-pacific'],
    ['so', 'unknown:latin-america,south-asia'], // "south america" is an alias of latin-america
    ['asia', 'region:asia-pacific'], // a prefix of "asia pacific" only; "south asia" merely contains it
    ['a', 'unknown:africa-europe,asia-pacific'],
    ['narnia', 'unknown:'],
    ['helpme', 'unknown:'],
    ['week please', 'unknown:'],
  ];
  const render = (text: string) => {
    const intent = parsePray(text, REGIONS);
    switch (intent.kind) {
      case 'region':
        return `region:${intent.region.id}`;
      case 'retract':
        return `retract:${intent.id}`;
      case 'unknown':
        return `unknown:${intent.ambiguous.map((r) => r.id).sort().join(',')}`;
      default:
        return intent.kind;
    }
  };
  it.each(table)('%j → %s', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

const WEEK = '2026-10-12';
let h: Harness;
afterEach(async () => h?.close());

function text(answer: PrayAnswer): string {
  return answer.kind === 'text' ? answer.text : [answer.doc.title, ...answer.doc.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)])].join('\n');
}

describe('/pray answers', () => {
  const config = testConfig({
    regions: REGIONS,
    staff: { slackUsers: ['U0COORD1'], discordRoles: ['900'], discordViewerRoles: ['900'] },
  });
  const week = testWeek(WEEK, [
    { region: 'africa-europe', text: 'Staff-only words about Africa.' },
    { region: 'latin-america', text: 'Everyone may read this about Latin America.', audience: 'everyone' },
  ]);
  /** What a running bot has done by the time anyone asks: checked its staff channel's privacy. */
  const started = async (at: string) => {
    h = await harness(config, [week], at);
    await h.bot.ctx.inspections.get(h.slack, 'C0STAFF01');
  };
  const ask = (t: string, who: { platform?: 'slack' | 'discord'; channelId?: string; userId?: string; roleIds?: string[] } = {}) =>
    h.bot.pray({ platform: who.platform ?? 'slack', channelId: who.channelId ?? 'C0STAFF01', userId: who.userId ?? 'U1', roleIds: who.roleIds ?? [], text: t });

  it("answers no region with today's post, as the caller's channel may see it", async () => {
    await started('2026-10-12T14:00:00Z');
    expect(text(await ask(''))).toContain('Staff-only words about Africa.');
    // A DM or an unlisted channel answers as a volunteers channel.
    expect(text(await ask('', { channelId: 'D123' }))).toContain('There is no prayer post today');
  });

  it("answers a region with that region's current request, never a staff request outside staff channels", async () => {
    await started('2026-10-13T14:00:00Z');
    expect(text(await ask('latam', { channelId: 'D123' }))).toContain('Everyone may read this about Latin America.');
    expect(text(await ask('africa', { channelId: 'D123' }))).toContain('There is no current request for Africa & Europe');
    expect(text(await ask('africa'))).toContain('Staff-only words about Africa.');
  });

  it('lists the regions for an unknown one', async () => {
    await started('2026-10-13T14:00:00Z');
    const answer = text(await ask('narnia'));
    expect(answer).toContain('I don\'t know a region called "narnia"');
    for (const r of REGIONS) expect(answer).toContain(r.name);
  });

  it('never shows an expired request', async () => {
    await started('2026-10-27T14:00:00Z');
    expect(text(await ask('latin america'))).toContain('There is no current request');
  });

  it('stops showing a request the instant it expires, though the same question was just answered', async () => {
    // Expiry is midnight in New York (04:00 UTC), the middle of the day in Tokyo: the Tokyo
    // channel's today does not change at that instant, only what has expired.
    const tokyo = { platform: 'slack' as const, id: 'C0TOKYO01', audience: 'staff' as const, allowPublic: false, timezone: 'Asia/Tokyo' };
    h = await harness({ ...config, channels: [...config.channels, tokyo] }, [week], '2026-10-27T03:59:59Z');
    await h.bot.ctx.inspections.get(h.slack, tokyo.id);
    expect(text(await ask('latin america', { channelId: tokyo.id }))).toContain('Everyone may read this about Latin America.');
    h.clock.set('2026-10-27T04:00:00Z');
    expect(text(await ask('latin america', { channelId: tokyo.id }))).toContain('There is no current request for Latin America');
  });

  it('takes in a retraction made elsewhere (another replica, the CLI) at the next re-read of the list (every few seconds, and every sweep), and its undo', async () => {
    // The week after: the sweep has no day to post or to skip, and still reads the retractions.
    await started('2026-10-20T12:00:00Z');
    expect(text(await ask('latam'))).toContain('Everyone may read this about Latin America.');
    // Another process sharing the store records the retraction.
    await h.store.addRetraction(`${WEEK}/latin-america-1`, h.clock.now());
    await h.bot.refreshRetractions();
    expect(text(await ask('latam'))).toContain('There is no current request for Latin America');
    expect(text(await ask('week'))).not.toContain('Latin America');
    await h.store.removeRetraction(`${WEEK}/latin-america-1`);
    await h.bot.sweep();
    expect(text(await ask('latam'))).toContain('Everyone may read this about Latin America.');
  });

  it('answers each channel as its own readers may see, however often the same question is asked', async () => {
    await started('2026-10-12T14:00:00Z');
    for (let i = 0; i < 3; i++) {
      expect(text(await ask(''))).toContain('Staff-only words about Africa.');
      expect(text(await ask('', { channelId: 'D123' }))).not.toContain('Staff-only words');
      expect(text(await ask('africa', { platform: 'discord', channelId: '112233445566778899' }))).toContain('There is no current request for Africa & Europe');
    }
  });

  it('keeps stats and retract for staff and says no politely to everyone else', async () => {
    await started('2026-10-13T14:00:00Z');
    expect(text(await ask('stats'))).toContain('for the prayer coordinators');
    expect(text(await ask('retract 2026-10-12/latin-america-1'))).toContain('for the prayer coordinators');
    expect(text(await ask('stats', { platform: 'discord', channelId: '5', userId: '7', roleIds: ['123'] }))).toContain('for the prayer coordinators');
    expect(text(await ask('stats', { userId: 'U0COORD1' }))).toContain('Week of 2026-10-12');
    expect(text(await ask('stats', { platform: 'discord', channelId: '5', userId: '7', roleIds: ['900'] }))).toContain('Week of 2026-10-12');
    expect(text(await ask('retract 2026-10-12/latin-america-1', { userId: 'U0COORD1' }))).toContain('Retracted 2026-10-12/latin-america-1');
    expect(await h.store.retractions()).toEqual(['2026-10-12/latin-america-1']);
  });

  it('shows the week and help to anyone', async () => {
    await started('2026-10-13T14:00:00Z');
    expect(text(await ask('week'))).toMatch(/Monday, October 12, 2026: Africa & Europe[\s\S]*Tuesday, October 13, 2026: Latin America/);
    expect(text(await ask('help'))).toContain('/pray <region>');
  });
});
