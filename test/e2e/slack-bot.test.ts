// The whole bot (startBot: store, core, scheduler, the real Bolt app) against the local fake
// Slack, driven as Slack would drive it: signed HTTP requests in, Web API calls out.
import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../fakes/slack-api.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { SLACK_SECRET, startSlackBot, worldPerTest, type SlackWorld } from './bots.js';
import { configYaml, tempProject, weekYaml } from './project.js';

const WEEK = '2026-10-12';

const keep = worldPerTest<SlackWorld>((w) => w.slack);

/** `button`: the staff channel sets `prayed_button: true`; `retire`: the config's `retire`. */
async function start(at: string, options: { button?: boolean; retire?: 'delete' | 'edit' } = {}): Promise<SlackWorld> {
  const clock = new FakeClock(new Date(at));
  const slack = await startFakeSlack({ now: () => clock.now().getTime(), signingSecret: SLACK_SECRET });
  const config = configYaml({
    channels: `  - { platform: slack, id: "C0STAFF01", audience: staff${options.button ? ', prayed_button: true' : ''} }`,
    staffReport: '  - { platform: slack, id: "C0COORD01" }',
  });
  const project = tempProject(options.retire ? `${config}retire: ${options.retire}\n` : config);
  project.writeWeek(WEEK, weekYaml(WEEK));
  return keep({ slack, clock, project, ...(await startSlackBot(slack, project, clock)) });
}

describe('prayerbot on Slack, end to end', () => {
  it("posts the day's request at start-up catch-up, once, with a generic fallback and its own 🙏", async () => {
    const { slack, bot } = await start('2026-10-12T13:00:30Z');
    const posts = slack.messages('C0STAFF01');
    expect(posts).toHaveLength(1);
    // Slack text is mrkdwn: & is sent escaped and shows as &.
    expect(posts[0]!.text).toBe("Today's prayer: Africa &amp; Europe");
    expect(JSON.stringify(posts[0]!.blocks)).toContain('Pray for the africa-europe team');
    expect(slack.mentions('C0STAFF01', posts[0]!.ts)).toEqual([]);
    expect(posts[0]!.reactions.map((r) => r.name)).toEqual(['pray']);
    expect(slack.buttons('C0STAFF01', posts[0]!.ts)).toEqual([]); // no prayed_button here
    await bot.bot.sweep();
    expect(slack.messages('C0STAFF01')).toHaveLength(1);
  });

  it('tallies 🙏 from signed events: retries once, skin tones once per person, the bot itself never', async () => {
    const { slack, bot, signer } = await start('2026-10-12T13:00:30Z');
    const ts = slack.messages('C0STAFF01')[0]!.ts;
    const add = slack.react('C0STAFF01', ts, 'U0VOL1', 'pray');
    expect((await signer.event(add)).status).toBe(200);
    expect((await signer.event(add, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect((await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray::skin-tone-3'))).status).toBe(200);
    expect((await signer.event(slack.react('C0STAFF01', ts, 'U0VOL2', 'pray::skin-tone-5'))).status).toBe(200);
    expect((await signer.event(slack.react('C0STAFF01', ts, 'U0VOL3', 'tada'))).status).toBe(200);
    await bot.bot.drain();
    expect((await bot.bot.tally(WEEK)).total).toBe(2);
    expect((await signer.event(slack.unreact('C0STAFF01', ts, 'U0VOL2', 'pray::skin-tone-5'))).status).toBe(200);
    await bot.bot.drain();
    expect((await bot.bot.tally(WEEK)).byRegion['africa-europe']).toBe(1);
  });

  it('refuses forged and future-dated requests before anything is counted', async () => {
    const { slack, bot, signer } = await start('2026-10-12T13:00:30Z');
    const ts = slack.messages('C0STAFF01')[0]!.ts;
    const now = Math.floor(Date.now() / 1000);
    expect((await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray'), { signature: 'bad' })).status).toBe(401);
    expect((await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray'), { timestamp: now + 600 })).status).toBe(401);
    expect((await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray'), { timestamp: now - 600 })).status).toBe(401);
    await bot.bot.drain();
    expect((await bot.bot.tally(WEEK)).total).toBe(0);
  });

  it('answers /pray ephemerally: a region, the unknown, and staff forms by staff and by others', async () => {
    const { signer } = await start('2026-10-13T13:00:30Z');
    const region = await signer.command({ command: '/pray', text: 'latam', user_id: 'U0VOL1', channel_id: 'C0STAFF01' });
    expect(region.status).toBe(200);
    expect(region.json?.['response_type']).toBe('ephemeral');
    expect(JSON.stringify(region.json)).toContain('Pray for the latin-america team');

    const unknown = await signer.command({ command: '/pray', text: 'narnia', user_id: 'U0VOL1', channel_id: 'C0STAFF01' });
    expect(JSON.stringify(unknown.json)).toContain('Latin America');

    const refused = await signer.command({ command: '/pray', text: 'stats', user_id: 'U0VOL1', channel_id: 'C0STAFF01' });
    expect(JSON.stringify(refused.json)).toContain('for the prayer coordinators');
    const stats = await signer.command({ command: '/pray', text: 'stats', user_id: 'U0COORD1', channel_id: 'C0COORD01' });
    expect(JSON.stringify(stats.json)).toContain('Week of 2026-10-12');
  });

  it('retires an expired post with chat.delete and retracts on request', async () => {
    const { slack, bot, clock } = await start('2026-10-12T13:00:30Z');
    clock.set('2026-10-13T13:00:30Z');
    await bot.bot.sweep();
    expect(slack.messages('C0STAFF01')).toHaveLength(2);
    await bot.bot.retract(`${WEEK}/latin-america-1`);
    expect(slack.messages('C0STAFF01').map((m) => m.text)).toEqual(["Today's prayer: Africa &amp; Europe"]);
    clock.set('2026-10-26T04:00:01Z'); // 00:00 EDT on the Monday post's expiry date
    await bot.bot.retire();
    expect(slack.messages('C0STAFF01')).toHaveLength(0);
    expect(slack.callsTo('chat.delete').length).toBe(2);
  });

  it('counts an "I prayed" press like a 🙏 of the same person, takes it back on a second press, and answers only the presser', async () => {
    const { slack, bot, signer } = await start('2026-10-12T13:00:30Z', { button: true });
    const ts = slack.messages('C0STAFF01')[0]!.ts;
    expect(slack.buttons('C0STAFF01', ts).map((b) => b.text)).toEqual(['🙏 I prayed']);
    const total = async () => {
      await bot.bot.drain();
      return (await bot.bot.tally(WEEK)).total;
    };
    const press = async (user: string) => {
      expect((await signer.action(slack.press('C0STAFF01', ts, user))).status).toBe(200);
      return slack.ephemerals.at(-1);
    };

    expect(await press('U0VOL1')).toEqual({ channel: 'C0STAFF01', user: 'U0VOL1', text: 'Counted — thank you.', via: 'response_url' });
    expect(await total()).toBe(1);
    // The same person's 🙏 counts once with the press.
    await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray'));
    expect(await total()).toBe(1);
    // The press taken back while the 🙏 holds: still counted, and told so.
    expect((await press('U0VOL1'))?.text).toBe('Your press is taken back, but the 🙏 you added to this post still counts — thank you.');
    expect(await total()).toBe(1);
    await signer.event(slack.unreact('C0STAFF01', ts, 'U0VOL1', 'pray'));
    expect(await total()).toBe(0);
    // And the reverse: the 🙏 removed while a press holds.
    expect((await press('U0VOL1'))?.text).toBe('Counted — thank you.');
    await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray::skin-tone-2'));
    await signer.event(slack.unreact('C0STAFF01', ts, 'U0VOL1', 'pray::skin-tone-2'));
    expect(await total()).toBe(1);
    expect((await press('U0VOL1'))?.text).toBe('Taken back: you are no longer counted for this post. Press again if you did pray.');
    expect(await total()).toBe(0);

    // Only the presser was ever answered; the channel shows the post alone, unchanged.
    expect(new Set(slack.ephemerals.map((e) => e.user))).toEqual(new Set(['U0VOL1']));
    expect(slack.messages('C0STAFF01')).toHaveLength(1);
    expect(slack.messages('C0COORD01').map((m) => m.text).join('\n')).not.toContain('U0VOL1');
  });

  it('keeps presses through the reconciliation after a restart, which re-reads only the 🙏', async () => {
    const w = await start('2026-10-12T13:00:30Z', { button: true });
    const ts = w.slack.messages('C0STAFF01')[0]!.ts;
    await w.signer.action(w.slack.press('C0STAFF01', ts, 'U0VOL1'));
    await w.signer.event(w.slack.react('C0STAFF01', ts, 'U0VOL2', 'pray'));
    await w.bot.bot.drain();
    expect((await w.bot.bot.tally(WEEK)).total).toBe(2);

    await w.bot.stop();
    // While the bot is down, U0VOL2 takes the 🙏 away and U0VOL3 adds one: events never delivered.
    w.slack.unreact('C0STAFF01', ts, 'U0VOL2', 'pray');
    w.slack.react('C0STAFF01', ts, 'U0VOL3', 'pray::skin-tone-4');
    w.clock.advance(60_000);
    Object.assign(w, await startSlackBot(w.slack, w.project, w.clock));
    expect(w.slack.callsTo('reactions.get').length).toBeGreaterThan(0);
    expect((await w.bot.bot.tally(WEEK)).total).toBe(2); // U0VOL1's press and U0VOL3's 🙏
    // The press is still there to take back.
    await w.signer.action(w.slack.press('C0STAFF01', ts, 'U0VOL1'));
    expect(w.slack.ephemerals.at(-1)?.text).toMatch(/^Taken back/);
    expect((await w.bot.bot.tally(WEEK)).total).toBe(1);
  });

  it('refuses a press on a retired post, privately, and counts nothing', async () => {
    const { slack, bot, signer, clock } = await start('2026-10-12T13:00:30Z', { button: true, retire: 'edit' });
    const ts = slack.messages('C0STAFF01')[0]!.ts;
    const stale = slack.press('C0STAFF01', ts, 'U0VOL1'); // the button as someone's client still shows it
    clock.set('2026-10-26T04:00:01Z');
    await bot.bot.retire();
    expect(slack.messages('C0STAFF01')[0]!.text).toContain('retired');
    expect(slack.buttons('C0STAFF01', ts)).toEqual([]);

    expect((await signer.action(stale)).status).toBe(200);
    expect(slack.ephemerals).toEqual([
      { channel: 'C0STAFF01', user: 'U0VOL1', text: 'This prayer post has been retired, so nothing was counted. Thank you for praying.', via: 'response_url' },
    ]);
    expect((await bot.bot.tally(WEEK)).total).toBe(0);
  });

  it('refuses a channel that became public and tells the coordinators once', async () => {
    const { slack, bot, clock } = await start('2026-10-12T13:00:30Z');
    slack.updateChannel('C0STAFF01', { isPrivate: false });
    bot.bot.ctx.inspections.clear();
    clock.set('2026-10-13T13:00:30Z');
    await bot.bot.sweep();
    await bot.bot.sweep();
    expect(slack.messages('C0STAFF01')).toHaveLength(1);
    const alerts = slack.messages('C0COORD01').filter((m) => m.text.includes('public'));
    expect(alerts).toHaveLength(1);
  });
});
