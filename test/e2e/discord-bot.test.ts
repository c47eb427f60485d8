// The whole bot (startBot: store, core, scheduler, the real discord.js client) against the
// local fake Discord: REST and gateway on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/main.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-rest.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { fictionalServer, startDiscordBot, waitFor, weekWithEveryoneRequest, worldPerTest } from './bots.js';
import { configYaml, tempProject, type Project } from './project.js';

const WEEK = '2026-10-12';

interface World {
  discord: FakeDiscord;
  bot: RunningBot;
  clock: FakeClock;
  project: Project;
  staffChannel: string;
  volunteerChannel: string;
  openChannel: string;
  staffRole: string;
  guildId: string;
}

const keep = worldPerTest<World>((w) => w.discord);

/** `button`: the staff channel sets `prayed_button: true`; `retire`: the config's `retire`. */
async function start(at: string, options: { button?: boolean; retire?: 'delete' | 'edit' } = {}): Promise<World> {
  const clock = new FakeClock(new Date(at));
  const discord = await startFakeDiscord();
  const { state, guild, staffRole, staffChannel } = fictionalServer(discord);
  const volunteerChannel = state.addChannel(guild.id, { name: 'prayer' }).id;
  // Meant for staff, but everyone in the server can see it: the guard must refuse it.
  const openChannel = state.addChannel(guild.id, { name: 'open-staff' }).id;
  const config = configYaml({
      channels: [
        `  - { platform: discord, id: "${staffChannel}", audience: staff${options.button ? ', prayed_button: true' : ''} }`,
        `  - { platform: discord, id: "${volunteerChannel}", audience: volunteers }`,
        `  - { platform: discord, id: "${openChannel}", audience: staff }`,
      ].join('\n'),
      staffReport: `  - { platform: discord, id: "${staffChannel}" }`,
      staff: `  discord_roles: ["${staffRole.id}"]`,
    });
  const project = tempProject(options.retire ? `${config}retire: ${options.retire}\n` : config);
  project.writeWeek(WEEK, weekWithEveryoneRequest(WEEK));
  const bot = await startDiscordBot(discord, project, clock);
  return keep({ discord, bot, clock, project, staffChannel, volunteerChannel, openChannel, staffRole: staffRole.id, guildId: guild.id });
}

const posts = (w: World, channel: string) => w.discord.state.messages(channel).filter((m) => (m.embeds?.length ?? 0) > 0);

describe('prayerbot on Discord, end to end', () => {
  it('posts staff requests only to the private staff channel, everyone-requests to volunteers too, and refuses the open staff channel', async () => {
    const w = await start('2026-10-12T13:00:30Z');
    expect(posts(w, w.staffChannel)).toHaveLength(1);
    expect(posts(w, w.volunteerChannel)).toHaveLength(0); // Monday: Africa & Europe is staff-only
    expect(posts(w, w.openChannel)).toHaveLength(0);
    expect(w.discord.state.buttons(w.staffChannel, posts(w, w.staffChannel)[0]!.id)).toEqual([]); // no prayed_button here
    const alert = w.discord.state.messages(w.staffChannel).find((m) => m.content?.includes('open-staff') || m.content?.includes(w.openChannel));
    expect(alert?.content).toContain('visible to people outside the staff viewer roles');

    w.clock.set('2026-10-13T13:00:30Z');
    await w.bot.bot.sweep();
    expect(posts(w, w.volunteerChannel)).toHaveLength(1);
    expect(JSON.stringify(posts(w, w.volunteerChannel)[0]!.embeds)).toContain('Pray for the latin-america team');
    expect(posts(w, w.openChannel)).toHaveLength(0);
  });

  it('counts 🙏 variants once per person, not the bot, and reconciles reactions missed during a gateway gap', async () => {
    const w = await start('2026-10-12T13:00:30Z');
    const post = posts(w, w.staffChannel)[0]!;
    const { state } = w.discord;
    const [a, b, c, d] = ['Ana', 'Ben', 'Cy', 'Di'].map((username) => state.addMember(w.guildId, { username, roles: [w.staffRole] }).user);
    state.addReaction(w.staffChannel, post.id, a!.id, '🙏');
    state.addReaction(w.staffChannel, post.id, a!.id, '🙏🏽');
    state.addReaction(w.staffChannel, post.id, b!.id, '🙏', { burst: true });
    await waitFor('two reactors', async () => (await w.bot.bot.tally(WEEK)).total === 2);

    // The session is invalidated; while the bot re-identifies, one person removes theirs and
    // two others react: events the bot never receives. The true count is now 3 (Ana, Cy, Di).
    w.clock.advance(5_000); // time passes: the re-read is newer than every event before it
    w.discord.gateway.invalidateSession();
    state.removeReaction(w.staffChannel, post.id, b!.id, '🙏', { burst: true });
    state.addReaction(w.staffChannel, post.id, c!.id, '🙏🏿');
    state.addReaction(w.staffChannel, post.id, d!.id, '🙏');
    await waitFor('the reconciled count', async () => (await w.bot.bot.tally(WEEK)).total === 3, 20_000);
  });

  it('answers /pray and /pray-staff once each, ephemerally, and staff forms only for staff roles', async () => {
    const w = await start('2026-10-13T13:00:30Z');
    const { gateway } = w.discord;
    const member = w.discord.state.addMember(w.guildId, { username: 'Vol' }).user;
    const region = gateway.command({ name: 'pray', options: [{ type: 3, name: 'region', value: 'latam' }], guildId: w.guildId, channelId: w.volunteerChannel, userId: member.id });
    await waitFor('an answer', () => region.callbacks.length > 0);
    expect(region.callbacks).toHaveLength(1);
    expect(region.callbacks[0]!.data?.['flags']).toBe(64);
    expect(JSON.stringify(region.callbacks[0]!.data)).toContain('Pray for the latin-america team');

    const staffByOther = gateway.command({ name: 'pray-staff', options: [{ type: 1, name: 'stats' }], guildId: w.guildId, channelId: w.staffChannel, userId: member.id });
    await waitFor('a refusal', () => staffByOther.callbacks.length > 0);
    expect(JSON.stringify(staffByOther.callbacks[0]!.data)).toContain('for the prayer coordinators');

    const staff = w.discord.state.addMember(w.guildId, { username: 'Coord', roles: [w.staffRole] }).user;
    const stats = gateway.command({ name: 'pray-staff', options: [{ type: 1, name: 'stats' }], guildId: w.guildId, channelId: w.staffChannel, userId: staff.id, roles: [w.staffRole] });
    await waitFor('stats', () => stats.callbacks.length > 0);
    expect(JSON.stringify(stats.callbacks[0]!.data)).toContain('Week of 2026-10-12');

    const typed = gateway.autocomplete({ name: 'pray', options: [{ type: 3, name: 'region', value: 'as', focused: true }], guildId: w.guildId, channelId: w.volunteerChannel, userId: member.id });
    await waitFor('choices', () => typed.callbacks.length > 0);
    expect(JSON.stringify(typed.callbacks[0]!.data)).toContain('Asia Pacific');
  });

  it('counts an "I prayed" press like a 🙏 of the same person, takes it back on a second press, and answers only the presser', async () => {
    const w = await start('2026-10-12T13:00:30Z', { button: true });
    const post = posts(w, w.staffChannel)[0]!;
    const { state, gateway } = w.discord;
    expect(state.buttons(w.staffChannel, post.id).map((b) => b.label)).toEqual(['🙏 I prayed']);
    const [ana, ben] = ['Ana', 'Ben'].map((username) => state.addMember(w.guildId, { username, roles: [w.staffRole] }).user);
    const total = async () => (await w.bot.bot.tally(WEEK)).total;
    const press = async (userId: string) => {
      const i = gateway.pressButton({ guildId: w.guildId, channelId: w.staffChannel, messageId: post.id, userId, roles: [w.staffRole] });
      await waitFor('the answer', () => i.callbacks.length > 0);
      expect(i.callbacks).toHaveLength(1);
      expect(i.callbacks[0]!.data?.['flags']).toBe(64); // ephemeral: the presser alone sees it
      return String(i.callbacks[0]!.data?.['content']);
    };

    expect(await press(ana!.id)).toBe('Counted — thank you.');
    expect(await total()).toBe(1);
    // Ana's 🙏 counts once with her press (Ben's 🙏, reacted after hers, tells us hers is in).
    state.addReaction(w.staffChannel, post.id, ana!.id, '🙏🏽');
    state.addReaction(w.staffChannel, post.id, ben!.id, '🙏');
    await waitFor('two people', async () => (await total()) === 2);
    // Her press taken back while her 🙏 holds: still counted, and told so.
    expect(await press(ana!.id)).toBe('Your press is taken back, but the 🙏 you added to this post still counts — thank you.');
    expect(await total()).toBe(2);
    state.removeReaction(w.staffChannel, post.id, ana!.id, '🙏🏽');
    state.removeReaction(w.staffChannel, post.id, ben!.id, '🙏');
    await waitFor('nobody', async () => (await total()) === 0);
    // And the reverse: her 🙏 removed while a press holds.
    expect(await press(ana!.id)).toBe('Counted — thank you.');
    state.addReaction(w.staffChannel, post.id, ana!.id, '🙏');
    state.removeReaction(w.staffChannel, post.id, ana!.id, '🙏');
    state.addReaction(w.staffChannel, post.id, ben!.id, '🙏');
    await waitFor('Ana (pressed) and Ben', async () => (await total()) === 2);
    expect(await press(ana!.id)).toBe('Taken back: you are no longer counted for this post. Press again if you did pray.');
    expect(await total()).toBe(1);
    // Nothing in the channel says who pressed: only the post and the bot's own messages.
    expect(state.messages(w.staffChannel).every((m) => m.author.id === state.bot.id)).toBe(true);
    expect(JSON.stringify(state.messages(w.staffChannel))).not.toContain(ana!.id);
  });

  it('keeps presses through the reconciliation after a gateway gap, which re-reads only the 🙏', async () => {
    const w = await start('2026-10-12T13:00:30Z', { button: true });
    const post = posts(w, w.staffChannel)[0]!;
    const { state, gateway } = w.discord;
    const [ana, ben, cy, di] = ['Ana', 'Ben', 'Cy', 'Di'].map((username) => state.addMember(w.guildId, { username, roles: [w.staffRole] }).user);
    const pressed = gateway.pressButton({ guildId: w.guildId, channelId: w.staffChannel, messageId: post.id, userId: ana!.id });
    await waitFor('the answer', () => pressed.callbacks.length > 0);
    state.addReaction(w.staffChannel, post.id, ben!.id, '🙏');
    state.addReaction(w.staffChannel, post.id, di!.id, '🙏', { burst: true });
    await waitFor('three people', async () => (await w.bot.bot.tally(WEEK)).total === 3);

    // Events lost while the bot re-identifies: Ben's and Di's 🙏 go, Cy's comes. Ana's press
    // stays: the true count is 2 (Ana and Cy).
    w.clock.advance(5_000);
    gateway.invalidateSession();
    state.removeReaction(w.staffChannel, post.id, ben!.id, '🙏');
    state.removeReaction(w.staffChannel, post.id, di!.id, '🙏', { burst: true });
    state.addReaction(w.staffChannel, post.id, cy!.id, '🙏🏿');
    // The snapshot replaces the post's reactions in one transaction: the count moves once.
    await waitFor('the reconciliation', async () => (await w.bot.bot.tally(WEEK)).total !== 3, 20_000);
    expect((await w.bot.bot.tally(WEEK)).total).toBe(2);
    // Her press is still there to take back.
    const again = gateway.pressButton({ guildId: w.guildId, channelId: w.staffChannel, messageId: post.id, userId: ana!.id });
    await waitFor('the answer', () => again.callbacks.length > 0);
    expect(String(again.callbacks[0]!.data?.['content'])).toMatch(/^Taken back/);
    expect((await w.bot.bot.tally(WEEK)).total).toBe(1);
  });

  it('refuses a press on a retired post, privately, and counts nothing', async () => {
    const w = await start('2026-10-12T13:00:30Z', { button: true, retire: 'edit' });
    const post = posts(w, w.staffChannel)[0]!;
    const { state, gateway } = w.discord;
    const customId = state.buttons(w.staffChannel, post.id)[0]!.customId;
    w.clock.set('2026-10-26T04:00:01Z');
    await w.bot.bot.retire();
    expect(state.message(w.staffChannel, post.id)?.content).toContain('retired');
    expect(state.buttons(w.staffChannel, post.id)).toEqual([]);

    const ana = state.addMember(w.guildId, { username: 'Ana', roles: [w.staffRole] }).user;
    // A client that still shows the button presses it.
    const stale = gateway.pressButton({ guildId: w.guildId, channelId: w.staffChannel, messageId: post.id, customId, stale: true, userId: ana.id });
    await waitFor('the answer', () => stale.callbacks.length > 0);
    expect(stale.callbacks[0]!.data).toMatchObject({ flags: 64, content: 'This prayer post has been retired, so nothing was counted. Thank you for praying.' });
    expect((await w.bot.bot.tally(WEEK)).total).toBe(0);
  });

  it('retires an expired post by deleting it', async () => {
    const w = await start('2026-10-12T13:00:30Z');
    expect(posts(w, w.staffChannel)).toHaveLength(1);
    w.clock.set('2026-10-26T04:00:01Z');
    await w.bot.bot.retire();
    expect(posts(w, w.staffChannel)).toHaveLength(0);
  });
});
