// Reactions through the real discord.js gateway client against the fake gateway: what the
// core hears (variants, presence, order), what it never hears (other emoji, the bot's own),
// gaps (resume vs re-identify), and reading every holder back (readReactions).
import { describe, expect, test } from 'vitest';
import { RecordingInbound, livePerTest, partFor, sampleDoc, waitFor } from './helpers.js';

const live = livePerTest();

const started = () => live.started();

const never = () => new AbortController().signal;

describe('reaction events', () => {
  test('a 🙏 on a fresh post reaches the core with who, where and an increasing order', async () => {
    const { world, platform, inbound, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const a = state.addMember(world.guild.id, { username: 'ana' });
    const b = state.addMember(world.guild.id, { username: 'ben' });
    state.addReaction(channelId, messageId, a.user.id, '🙏');
    state.addReaction(channelId, messageId, b.user.id, '🙏');
    state.removeReaction(channelId, messageId, a.user.id, '🙏');
    await waitFor('three events', () => inbound.reactions.length === 3);
    expect(inbound.reactions.map(({ orderMicros: _, ...e }) => e)).toEqual([
      { platform: 'discord', channelId, messageId, userId: a.user.id, variant: '🙏', present: true },
      { platform: 'discord', channelId, messageId, userId: b.user.id, variant: '🙏', present: true },
      { platform: 'discord', channelId, messageId, userId: a.user.id, variant: '🙏', present: false },
    ]);
    const orders = inbound.reactions.map((e) => e.orderMicros);
    expect(orders[0]! < orders[1]! && orders[1]! < orders[2]!).toBe(true);
  });

  test('a 🙏 on a message the client never saw (posted before a restart) still arrives', async () => {
    const world = await live.world();
    const { state } = world.discord;
    const channelId = world.staffChannel.id;
    const old = state.createMessage(channelId, { authorId: state.bot.id, embeds: [{ title: 'Prayer for Friday' }], at: Date.now() - 3 * 86_400_000 });
    const platform = live.platform(world);
    const inbound = new RecordingInbound();
    await platform.start(inbound);
    const member = state.addMember(world.guild.id, { roles: [world.staffRole.id] });
    state.addReaction(channelId, old.id, member.user.id, '🙏');
    state.removeReaction(channelId, old.id, member.user.id, '🙏');
    await waitFor('both events', () => inbound.reactions.length === 2);
    expect(inbound.reactions.map((e) => [e.messageId, e.present])).toEqual([
      [old.id, true],
      [old.id, false],
    ]);
  });

  test('skin tones and burst reactions are their own variants; other emoji and the bot’s own are ignored', async () => {
    const { world, platform, inbound, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const m = state.addMember(world.guild.id);
    state.addReaction(channelId, messageId, m.user.id, '❤️');
    state.addReaction(channelId, messageId, m.user.id, '🙏🏽');
    state.addReaction(channelId, messageId, m.user.id, '🙏🏿', { burst: true });
    state.addReaction(channelId, messageId, m.user.id, '🙌');
    state.removeReaction(channelId, messageId, state.bot.id, '🙏'); // the bot's own, removed
    state.removeReaction(channelId, messageId, m.user.id, '🙏🏿', { burst: true });
    state.addReaction(channelId, messageId, m.user.id, '🙏'); // a marker: everything before it has arrived
    await waitFor('the marker', () => inbound.reactions.find((e) => e.variant === '🙏'));
    expect(inbound.reactions.map((e) => [e.userId === m.user.id, e.variant, e.present])).toEqual([
      [true, '🙏🏽', true],
      [true, 'burst:🙏🏿', true],
      [true, 'burst:🙏🏿', false],
      [true, '🙏', true],
    ]);
  });

  test('remove-all clears every variant; removing the 🙏 emoji clears its normal and burst variants', async () => {
    const { world, platform, inbound, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const m = state.addMember(world.guild.id);
    state.addReaction(channelId, messageId, m.user.id, '🙏🏻');
    state.clearEmoji(channelId, messageId, '🙏🏻');
    state.clearEmoji(channelId, messageId, '🎉');
    state.clearReactions(channelId, messageId);
    await waitFor('three clears', () => inbound.cleared.length === 3);
    expect(inbound.cleared.map((e) => [e.messageId, e.variant])).toEqual([
      [messageId, '🙏🏻'],
      [messageId, 'burst:🙏🏻'],
      [messageId, undefined],
    ]);
  });

  test('a core that fails on one event still hears the next', async () => {
    const { world, platform, inbound, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const m = state.addMember(world.guild.id);
    let failures = 0;
    const record = inbound.reaction.bind(inbound);
    inbound.reaction = (event) => {
      if (failures++ === 0) throw new Error('store busy');
      return record(event);
    };
    state.addReaction(channelId, messageId, m.user.id, '🙏');
    state.addReaction(channelId, messageId, m.user.id, '🙏🏽');
    await waitFor('the second event', () => inbound.reactions.length === 1);
    expect(inbound.reactions[0]!.variant).toBe('🙏🏽');
  });

  test('a resumed connection replays what was missed and needs no resync', async () => {
    const { world, platform, inbound, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const m = state.addMember(world.guild.id);
    world.discord.gateway.drop();
    state.addReaction(channelId, messageId, m.user.id, '🙏'); // while the socket is down
    await waitFor('the replayed event', () => inbound.reactions.length === 1);
    expect(world.discord.gateway.resumes).toBe(1);
    expect(inbound.resyncs).toEqual([]);
  });

  test('told to reconnect (op 7), the client resumes: no resync, nothing lost', async () => {
    const { world, platform, inbound, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    world.discord.gateway.reconnect();
    state.addReaction(channelId, messageId, state.addMember(world.guild.id).user.id, '🙏');
    await waitFor('the event', () => inbound.reactions.length === 1);
    await waitFor('the resume', () => world.discord.gateway.resumes === 1);
    expect(world.discord.gateway.identifies).toHaveLength(1);
    expect(inbound.resyncs).toEqual([]);
  });

  test('a re-identify after an invalid session asks the core to resync, once', async () => {
    const { world, inbound } = await started();
    expect(inbound.resyncs).toEqual([]);
    world.discord.gateway.invalidateSession();
    await waitFor('the resync', () => inbound.resyncs.length === 1, 20_000);
    expect(inbound.resyncs).toEqual(['discord']);
    expect(world.discord.gateway.identifies).toHaveLength(2);
  });
});

describe('readReactions', () => {
  test('reads every holder of every 🙏 variant, normal and burst, across pages, without the bot', async () => {
    const { world, platform, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const plain = Array.from({ length: 230 }, () => state.addMember(world.guild.id).user.id);
    const toned = Array.from({ length: 3 }, () => state.addMember(world.guild.id).user.id);
    const burst = Array.from({ length: 105 }, () => state.addMember(world.guild.id).user.id);
    for (const id of plain) state.addReaction(channelId, messageId, id, '🙏');
    for (const id of toned) state.addReaction(channelId, messageId, id, '🙏🏾');
    for (const id of burst) state.addReaction(channelId, messageId, id, '🙏', { burst: true });
    state.addReaction(channelId, messageId, toned[0]!, '🎉');

    const holders = await platform.readReactions(channelId, messageId);
    const byVariant = (v: string) => holders.filter((h) => h.variant === v).map((h) => h.userId).sort();
    expect(byVariant('🙏')).toEqual([...plain].sort());
    expect(byVariant('🙏🏾')).toEqual([...toned].sort());
    expect(byVariant('burst:🙏')).toEqual([...burst].sort());
    expect(holders).toHaveLength(230 + 3 + 105);
    expect(holders.some((h) => h.userId === state.bot.id)).toBe(false);
  });

  test('a deleted message is message_gone', async () => {
    const { world, platform, state } = await started();
    const channelId = world.volunteerChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    state.deleteMessage(channelId, messageId);
    await expect(platform.readReactions(channelId, messageId)).rejects.toMatchObject({ code: 'message_gone' });
  });
});
