// The private "I prayed" button through the real discord.js client: the post carries a
// message component, a press (INTERACTION_CREATE, MESSAGE_COMPONENT) reaches the core, and the
// answer is an ephemeral reply that only the presser sees.
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { prayedCustomId, renderAnswer } from '../../src/platforms/discord/render.js';
import type { FakeInteraction } from '../fakes/discord-state.js';
import { livePerTest, partFor, sampleDoc, waitFor } from './helpers.js';

const live = livePerTest();

async function started() {
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  return { ...(await live.started({ logger, deferAfterMs: 300 })), logs };
}

function buttonFor(channelId: string, date = '2026-10-12') {
  return { label: '🙏 I prayed', postKey: `discord:${channelId}:${date}:0` };
}

const answered = (i: FakeInteraction) => waitFor('the answer', () => (i.original && !(i.original.flags & 128) ? i.original : undefined));

describe('the "I prayed" button on Discord', () => {
  test('is a button in an action row under the post, its custom_id naming the post, only where the document asks', async () => {
    const { world, platform, state } = await started();
    const channel = world.volunteerChannel.id;
    const withButton = await platform.sendPost(partFor(channel), { ...sampleDoc(), prayedButton: buttonFor(channel) }, new AbortController().signal);
    expect(state.buttons(channel, withButton.messageId)).toEqual([{ customId: `prayed:discord:${channel}:2026-10-12:0`, label: '🙏 I prayed', style: 2 }]);
    const plain = await platform.sendPost(partFor(channel, '2026-10-13'), sampleDoc(), new AbortController().signal);
    expect(state.buttons(channel, plain.messageId)).toEqual([]);
    // A /pray answer is a copy for one person: no button on it.
    expect(JSON.stringify(renderAnswer({ kind: 'post', doc: { ...sampleDoc(), prayedButton: buttonFor(channel) } }))).not.toContain('prayed:');
  });

  test('keeps a custom_id within Discord’s 100 characters whatever the key', () => {
    expect(prayedCustomId('discord:112233445566778899:2026-10-12:0')).toBe('prayed:discord:112233445566778899:2026-10-12:0');
    const long = prayedCustomId(`discord:${'9'.repeat(120)}:2026-10-12:0`);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.startsWith('prayed:')).toBe(true);
  });

  test('keeps the button through an edit and loses it with the retirement notice', async () => {
    const { world, platform, state } = await started();
    const channel = world.volunteerChannel.id;
    const sent = await platform.sendPost(partFor(channel), { ...sampleDoc(), prayedButton: buttonFor(channel) }, new AbortController().signal);
    await platform.editPost(channel, sent.messageId, { ...sampleDoc(), sections: [{ heading: 'Asia Pacific', items: [{ text: 'Still current.' }] }], prayedButton: buttonFor(channel) });
    expect(state.buttons(channel, sent.messageId)).toHaveLength(1);
    await platform.retirePost(channel, sent.messageId, 'edit', 'This prayer request has been retired.');
    expect(state.buttons(channel, sent.messageId)).toEqual([]);
    expect(() => world.discord.gateway.pressButton({ guildId: world.guild.id, channelId: channel, messageId: sent.messageId, userId: '1' })).toThrow(/no button/);
  });

  test('hands a press to the core and answers only the presser, ephemerally, mentions off, no user id logged', async () => {
    const { world, platform, inbound, logs, gateway, state } = await started();
    const channel = world.volunteerChannel.id;
    const sent = await platform.sendPost(partFor(channel), { ...sampleDoc(), prayedButton: buttonFor(channel) }, new AbortController().signal);
    const member = state.addMember(world.guild.id, { roles: [world.volunteerRole.id] });
    const before = JSON.stringify(state.messages(channel));

    const press = gateway.pressButton({ guildId: world.guild.id, channelId: channel, messageId: sent.messageId, userId: member.user.id, roles: [world.volunteerRole.id] });
    const reply = await answered(press);
    expect(inbound.presses).toEqual([{ platform: 'discord', channelId: channel, messageId: sent.messageId, userId: member.user.id, orderMicros: expect.any(Number) }]);
    expect(press.callbacks).toEqual([{ type: 4, data: expect.objectContaining({ content: 'Counted — thank you.', flags: 64, allowed_mentions: { parse: [] } }) }]);
    expect(reply.flags & 64).toBe(64);
    // The channel shows nothing new: not the answer, not who pressed.
    expect(JSON.stringify(state.messages(channel))).toBe(before);
    expect(logs.filter((line) => line.includes(member.user.id))).toEqual([]);
  });

  test('defers ephemerally when the core is slow, then answers; apologises when it fails', async () => {
    const { world, platform, inbound, logs, gateway, state } = await started();
    const channel = world.volunteerChannel.id;
    const sent = await platform.sendPost(partFor(channel), { ...sampleDoc(), prayedButton: buttonFor(channel) }, new AbortController().signal);
    const member = state.addMember(world.guild.id);
    inbound.pressAnswer = async () => {
      await new Promise((r) => setTimeout(r, 800));
      return { counted: false, stillCountedByReaction: true, text: 'Your press is taken back, but the 🙏 you added to this post still counts — thank you.' };
    };
    const slow = gateway.pressButton({ guildId: world.guild.id, channelId: channel, messageId: sent.messageId, userId: member.user.id });
    const late = await answered(slow);
    expect(slow.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(late.content).toContain('still counts');
    expect(late.flags & 64).toBe(64);

    inbound.pressAnswer = () => {
      throw new Error(`store unavailable for ${member.user.id} (test)`);
    };
    const failed = gateway.pressButton({ guildId: world.guild.id, channelId: channel, messageId: sent.messageId, userId: member.user.id });
    expect((await answered(failed)).content).toBe('Sorry, your press could not be recorded. Please try again in a moment.');
    expect(logs.some((line) => line.includes('press failed in the core'))).toBe(true);
    expect(logs.filter((line) => line.includes(member.user.id))).toEqual([]);
  });
});
