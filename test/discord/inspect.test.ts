// Who can see a channel (the facts the core's privacy guard decides on), from the gateway
// cache when logged in and from REST when not, plus doctor's report and sharding.
import { describe, expect, test } from 'vitest';
import type { DiscordPlatform } from '../../src/platforms/discord/index.js';
import { INVITE_PERMISSIONS } from '../../src/platforms/discord/index.js';
import { P, overwrite } from '../fakes/discord-state.js';
import { RecordingInbound, channelConfig, livePerTest, partFor, sampleDoc, waitFor } from './helpers.js';

const live = livePerTest();

// Both ways of knowing: the gateway cache (logged in) and REST alone (post, doctor).
describe.each([
  ['logged in (gateway cache)', true],
  ['REST only', false],
])('inspectChannel, %s', (_name, login) => {
  async function setUp() {
    const { world, platform } = await live.setUp();
    if (login) await platform.start(new RecordingInbound());
    return { world, platform, state: world.discord.state };
  }

  test('a staff channel seen only by the staff role and the bot: no outsiders', async () => {
    const { world, platform } = await setUp();
    expect(await platform.inspectChannel(world.staffChannel.id)).toMatchObject({
      state: 'ok',
      isPublic: false,
      externallyShared: false,
      outsiderViewers: [],
    });
    // Logged in, the answer comes from the gateway cache: no REST call (it runs before every post).
    expect(world.discord.callsTo('GET', /^\/(channels|guilds)\//).length === 0).toBe(login);
  });

  test('a channel open to @everyone lists @everyone and every other role', async () => {
    const { world, platform } = await setUp();
    const found = await platform.inspectChannel(world.volunteerChannel.id);
    expect(found.state).toBe('ok');
    expect(found.outsiderViewers).toEqual([`role @everyone (${world.guild.id})`, `role @Volunteers (${world.volunteerRole.id})`]);
  });

  test('a non-staff role allowed by an overwrite, or an Administrator role, is an outsider', async () => {
    const { world, platform, state } = await setUp();
    const admins = state.addRole(world.guild.id, { name: 'Admins', permissions: P.Administrator });
    state.setOverwrites(world.staffChannel.id, [...world.staffChannel.permission_overwrites, overwrite(world.volunteerRole.id, 'role', P.ViewChannel)]);
    await expectEventually(platform, world.staffChannel.id, [
      `role @Volunteers (${world.volunteerRole.id})`,
      `role @Admins (${admins.id}, Administrator)`,
    ]);
  });

  test('member overwrites: a non-staff member is an outsider, a staff member is not, the bot never', async () => {
    const { world, platform, state } = await setUp();
    const outsider = state.addMember(world.guild.id, { username: 'visitor' });
    const staffer = state.addMember(world.guild.id, { username: 'coordinator', roles: [world.staffRole.id] });
    const gone = '1300000000000000077';
    state.setOverwrites(world.staffChannel.id, [
      ...world.staffChannel.permission_overwrites,
      overwrite(outsider.user.id, 'member', P.ViewChannel),
      overwrite(staffer.user.id, 'member', P.ViewChannel),
      overwrite(state.bot.id, 'member', P.ViewChannel),
      overwrite(gone, 'member', P.ViewChannel),
    ]);
    // Named as member overrides, never by member id (a user id): these labels reach alerts.
    await expectEventually(platform, world.staffChannel.id, ['a member override', 'a member override for someone no longer in the server']);
  });

  test('a member overwrite that denies, or a role denied by its overwrite, is no outsider', async () => {
    const { world, platform, state } = await setUp();
    const outsider = state.addMember(world.guild.id, { username: 'visitor' });
    state.setOverwrites(world.volunteerChannel.id, [
      overwrite(world.guild.id, 'role', 0n, P.ViewChannel),
      overwrite(world.volunteerRole.id, 'role', 0n, P.ViewChannel),
      overwrite(world.staffRole.id, 'role', P.ViewChannel),
      overwrite(outsider.user.id, 'member', 0n, P.ViewChannel),
    ]);
    await expectEventually(platform, world.volunteerChannel.id, []);
  });

  test('a DISCOVERABLE server is public', async () => {
    const { world, platform, state } = await setUp();
    state.setFeatures(world.guild.id, ['COMMUNITY', 'DISCOVERABLE']);
    for (let i = 0; i < 100 && !(await platform.inspectChannel(world.staffChannel.id)).isPublic; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await platform.inspectChannel(world.staffChannel.id)).isPublic).toBe(true);
  });

  test('a deleted channel is missing; one the bot cannot see is no-access', async () => {
    const { world, platform, state } = await setUp();
    const hidden = state.addChannel(world.guild.id, { name: 'hidden', overwrites: [overwrite(world.guild.id, 'role', 0n, P.ViewChannel)] });
    state.deleteChannel(world.volunteerChannel.id);
    for (let i = 0; i < 100 && (await platform.inspectChannel(world.volunteerChannel.id)).state !== 'missing'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await platform.inspectChannel(world.volunteerChannel.id)).state).toBe('missing');
    expect((await platform.inspectChannel(hidden.id)).state).toBe('no-access');
  });
});

/** The cache follows the gateway, a moment after the change: ask until it agrees. */
async function expectEventually(platform: DiscordPlatform, channelId: string, outsiders: string[]): Promise<void> {
  let last: string[] = [];
  for (let i = 0; i < 100; i++) {
    last = (await platform.inspectChannel(channelId)).outsiderViewers;
    if (JSON.stringify([...last].sort()) === JSON.stringify([...outsiders].sort())) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  expect([...last].sort()).toEqual([...outsiders].sort());
}

describe('doctor', () => {
  test('names the bot, the application, the channels’ permissions and privacy, and the owner', async () => {
    const { world, platform } = await live.setUp();
    const lines = await platform.doctor([channelConfig(world.staffChannel.id, 'staff'), channelConfig(world.volunteerChannel.id, 'staff'), channelConfig('1400000000000000001', 'volunteers')]);
    const text = lines.map((l) => `${l.ok ? 'ok ' : 'BAD'} ${l.text}`).join('\n');
    expect(text).toContain(`ok  token accepted: bot prayerbot (${world.discord.state.bot.id})`);
    expect(text).toMatch(/ok  gateway intents: Guilds .* Guild Message Reactions .* neither privileged/);
    expect(text).toContain(`ok  #staff-prayer (${world.staffChannel.id}) in Fellowship: staff channel seen only by viewer roles`);
    expect(text).toContain(`BAD #prayer (${world.volunteerChannel.id}) in Fellowship: staff channel also seen by role @everyone`);
    expect(text).toContain('BAD channel 1400000000000000001: channel 1400000000000000001 not found');
    expect(text).toContain(`ok  server Fellowship (${world.guild.id}): invite-only; its owner server-owner (${world.guild.owner_id}) sees every channel`);
    expect(text.match(/its owner/g)).toHaveLength(1);
    expect(text).toContain('BAD slash commands /pray and /pray-staff are not registered: run `prayerbot deploy-commands`');
    await platform.deployCommands(world.guild.id);
    const after = await platform.doctor([channelConfig(world.staffChannel.id, 'staff')]);
    expect(after.find((l) => l.text.startsWith('slash commands'))).toEqual({ ok: true, text: `slash commands registered in server(s) ${world.guild.id}` });
  });

  test('a missing permission is named with what it is for', async () => {
    const world = await live.world();
    const { state } = world.discord;
    const botRole = state.botRole(world.guild.id);
    state.updateRole(world.guild.id, botRole.id, { permissions: INVITE_PERMISSIONS & ~P.ManageMessages });
    state.setOverwrites(world.staffChannel.id, [
      ...world.staffChannel.permission_overwrites.filter((o) => o.id !== botRole.id),
      overwrite(botRole.id, 'role', P.ViewChannel, P.AddReactions),
    ]);
    const platform = live.platform(world);
    const lines = await platform.doctor([channelConfig(world.staffChannel.id)], { retire: 'edit' });
    expect(lines).toContainEqual({ ok: true, text: expect.stringContaining('invite-only') });
    expect(lines).toContainEqual({
      ok: false,
      text: `#staff-prayer (${world.staffChannel.id}) in Fellowship: the bot lacks Add Reactions (to add the first 🙏), Manage Messages (to clear the reactions of posts retired with retire: edit)`,
    });
  });

  test('a DISCOVERABLE server is named public, and a channel there without allow_public will be refused', async () => {
    const world = await live.world();
    world.discord.state.setFeatures(world.guild.id, ['COMMUNITY', 'DISCOVERABLE']);
    const platform = live.platform(world);
    const lines = await platform.doctor([channelConfig(world.staffChannel.id, 'staff'), { ...channelConfig(world.volunteerChannel.id, 'volunteers'), allowPublic: true }]);
    const bad = lines.filter((l) => !l.ok && l.text.includes('DISCOVERABLE')).map((l) => l.text);
    expect(bad).toEqual([expect.stringContaining(`#staff-prayer (${world.staffChannel.id})`)]);
    expect(lines).toContainEqual({ ok: true, text: expect.stringContaining(`server Fellowship (${world.guild.id}): DISCOVERABLE — public`) });
  });

  test('a refused token is one clear line', async () => {
    const { world, platform } = await live.setUp({ token: 'wrong-token-123456' });
    const lines = await platform.doctor([]);
    expect(lines).toEqual([{ ok: false, text: expect.stringMatching(/DISCORD_TOKEN was refused/) }]);
  });
});

describe('invite permissions', () => {
  test('the invite link integer is exactly View, Send, Embed Links, Add Reactions, Read History and Manage Messages', () => {
    expect(INVITE_PERMISSIONS).toBe(P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AddReactions | P.ReadMessageHistory | P.ManageMessages);
    expect(INVITE_PERMISSIONS.toString()).toBe('93248');
  });
});

describe('shards', () => {
  /** A fake Discord with two shards and a server with a channel on each, and a platform logged in. */
  async function twoShards(extra: Parameters<typeof live.platform>[1] = {}) {
    const lone = await live.fake({ shards: 2 });
    const { state } = lone;
    // Two servers on different shards (shard = guild_id >> 22 % 2).
    const a = state.addGuild({ id: String((1n << 22n) * 1000n), name: 'Even' });
    const b = state.addGuild({ id: String((1n << 22n) * 1001n), name: 'Odd' });
    const chA = state.addChannel(a.id, { name: 'prayer' });
    const chB = state.addChannel(b.id, { name: 'prayer' });
    const platform = live.platform({ discord: lone }, extra);
    const inbound = new RecordingInbound();
    await platform.start(inbound);
    return { lone, state, a, b, chA, chB, platform, inbound };
  }

  test("'auto' logs in every shard /gateway/bot asks for, without privileged intents, and hears each shard's servers", async () => {
    const { lone, state, a, b, chA, chB, platform, inbound } = await twoShards();
    expect(lone.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(lone.gateway.identifies.every((i) => i.intents === (1 | (1 << 10)))).toBe(true);
    const never = new AbortController().signal;
    const mA = await platform.sendPost(partFor(chA.id), sampleDoc(), never);
    const mB = await platform.sendPost(partFor(chB.id), sampleDoc(), never);
    const u = state.addMember(a.id).user.id;
    state.addMember(b.id, { id: u });
    state.addReaction(chA.id, mA.messageId, u, '🙏');
    state.addReaction(chB.id, mB.messageId, u, '🙏');
    await waitFor('both shards’ events', () => inbound.reactions.length === 2);
    expect(inbound.reactions.map((r) => r.channelId).sort()).toEqual([chA.id, chB.id].sort());
  });

  test('a shard list logs in only those shards (another process holds the rest)', async () => {
    const { lone, state, a, b, chA, chB, platform, inbound } = await twoShards({ shards: [1], shardCount: 2 });
    expect(lone.gateway.identifies.map((i) => i.shard)).toEqual([[1, 2]]);
    const mA = state.createMessage(chA.id, { authorId: state.bot.id, content: 'x' });
    const mB = state.createMessage(chB.id, { authorId: state.bot.id, content: 'y' });
    const u = state.addMember(a.id).user.id;
    state.addMember(b.id, { id: u });
    state.addReaction(chA.id, mA.id, u, '🙏');
    state.addReaction(chB.id, mB.id, u, '🙏');
    await waitFor('shard 1’s event', () => inbound.reactions.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbound.reactions.map((r) => r.channelId)).toEqual([chB.id]);
    // Outbound still works for every server (REST needs no shard).
    await platform.sendStaffText(chA.id, 'hello');
  });
});
