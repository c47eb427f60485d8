// Posting through the real discord.js REST client against the fake Discord: what a channel
// shows, idempotence (nonce), rate limits, recovery (findPost), edits and retirement.
import { describe, expect, test } from 'vitest';
import { PlatformError, type PostDocument } from '../../src/core/ports.js';
import { POST_LIMITS, ledgerKeyOfMarker, type DiscordPlatform } from '../../src/platforms/discord/index.js';
import { RecordingInbound, livePerTest, partFor, sampleDoc, waitFor } from './helpers.js';

const live = livePerTest();

const setUp = live.setUp;

const never = () => new AbortController().signal;

describe('sendPost', () => {
  test('a post arrives as embeds with generic content, no mentions, a nonce and the bot’s 🙏', async () => {
    const { world, platform } = await setUp();
    const channelId = world.staffChannel.id;
    const part = partFor(channelId);
    const sent = await platform.sendPost(part, sampleDoc(), never());

    const [message] = world.discord.state.messages(channelId);
    expect(message?.id).toBe(sent.messageId);
    expect(message?.content).toBe("Today's prayer: Latin America, Asia Pacific");
    const embeds = message!.embeds as Array<{ title?: string; author?: { name: string }; description?: string; footer?: { text: string }; url?: string }>;
    expect(embeds.map((e) => e.title)).toEqual(['Prayer for Monday, October 12, 2026', undefined, undefined, undefined]);
    expect(embeds.map((e) => e.author?.name)).toEqual(['Latin America', undefined, 'Asia Pacific', undefined]);
    // `@everyone` in request text is broken by a zero-width space: it shows, and mentions no one.
    expect(embeds[0]!.description).toBe('**Training week**\nPlease pray for the team leading a training week for new staff. @\u200beveryone');
    expect(embeds[1]!.description).toBe('Pray for wisdom for the partners planning next year.');
    const verse = embeds[3]!;
    expect(verse.description).toBe('*He has shown you, O mortal, what is good.*\n— Micah 6:8');
    expect(verse.footer?.text).toBe('React 🙏 when you have prayed.');
    expect(ledgerKeyOfMarker(verse.url)).toBe(part.ledgerKey);
    expect(message!.allowed_mentions).toEqual({ parse: [] });

    const [post] = world.discord.callsTo('POST', `/channels/${channelId}/messages`);
    const body = post!.body as { nonce: string; enforce_nonce: boolean };
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(message!.reactions).toEqual([{ emoji: '🙏', normal: [world.discord.state.bot.id], burst: [] }]);
  });

  test('a part at the limits the core splits by still fits one Discord message', async () => {
    const { world, platform } = await setUp();
    // 9 requests sharing maxChars, the longest title and footer, and a verse at its reserve.
    const per = Math.floor(POST_LIMITS.maxChars / POST_LIMITS.maxRequests) - 20;
    const doc: PostDocument = {
      title: 'T'.repeat(300),
      fallback: "Today's prayer: Global Office",
      sections: [
        { heading: 'Global Office', items: Array.from({ length: POST_LIMITS.maxRequests }, (_, i) => ({ title: `Item ${i}`, text: 'x'.repeat(per) })) },
      ],
      verse: { text: 'v'.repeat(1_400), reference: 'Psalm 119:105' },
      footer: 'React 🙏 when you have prayed. (2 of 3)',
    };
    await platform.sendPost(partFor(world.staffChannel.id), doc, never());
    const [message] = world.discord.state.messages(world.staffChannel.id);
    expect(message?.embeds).toHaveLength(POST_LIMITS.maxRequests + 1);
  });

  test('a 429 is waited out and the post is sent once', async () => {
    const { world, platform } = await setUp();
    const channelId = world.staffChannel.id;
    world.discord.failNext({ method: 'POST', path: `/channels/${channelId}/messages`, status: 429, retryAfter: 0.2 });
    await platform.sendPost(partFor(channelId), sampleDoc(), never());
    expect(world.discord.callsTo('POST', `/channels/${channelId}/messages`).map((c) => c.status)).toEqual([429, 200]);
    expect(world.discord.state.messages(channelId)).toHaveLength(1);
  });

  test('an answer lost after Discord stored the message: the retry carries the same nonce, no duplicate', async () => {
    const { world, platform } = await setUp({ restTimeoutMs: 300 });
    const channelId = world.staffChannel.id;
    world.discord.stallNext({ method: 'POST', path: `/channels/${channelId}/messages` });
    const sent = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const posts = world.discord.callsTo('POST', `/channels/${channelId}/messages`);
    expect(posts.length).toBe(2);
    expect((posts[0]!.body as { nonce: string }).nonce).toBe((posts[1]!.body as { nonce: string }).nonce);
    expect(world.discord.state.messages(channelId).map((m) => m.id)).toEqual([sent.messageId]);
  });

  test('a second send of the same part within minutes returns the first message', async () => {
    const { world, platform } = await setUp();
    const channelId = world.staffChannel.id;
    const first = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const again = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    expect(again.messageId).toBe(first.messageId);
    expect(world.discord.state.messages(channelId)).toHaveLength(1);
  });

  test('aborting gives up at once, and the message is not sent later', async () => {
    const { world, platform } = await setUp();
    const channelId = world.staffChannel.id;
    world.discord.failNext({ method: 'POST', path: `/channels/${channelId}/messages`, status: 429, retryAfter: 0.5 });
    const controller = new AbortController();
    const sending = platform.sendPost(partFor(channelId), sampleDoc(), controller.signal);
    await waitFor('the 429', () => world.discord.callsTo('POST', `/channels/${channelId}/messages`).length === 1);
    controller.abort();
    await expect(sending).rejects.toMatchObject({ code: 'timeout' });
    await new Promise((r) => setTimeout(r, 900));
    expect(world.discord.state.messages(channelId)).toHaveLength(0);
  });

  test('a Retry-After longer than the claim allows fails as rate_limited instead of waiting', async () => {
    const { world, platform } = await setUp({ maxRateLimitWaitMs: 1_000 });
    const channelId = world.staffChannel.id;
    world.discord.failNext({ method: 'POST', path: `/channels/${channelId}/messages`, status: 429, retryAfter: 60 });
    const error = await platform.sendPost(partFor(channelId), sampleDoc(), never()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true });
  });

  test('a deleted channel is channel_gone; a channel the bot may not post in is forbidden', async () => {
    const { world, platform } = await setUp();
    const gone = world.volunteerChannel.id;
    world.discord.state.deleteChannel(gone);
    await expect(platform.sendPost(partFor(gone), sampleDoc(), never())).rejects.toMatchObject({ code: 'channel_gone', retryable: false });

    const { state } = world.discord;
    const quiet = state.addChannel(world.guild.id, {
      name: 'read-only',
      overwrites: [{ id: state.botRole(world.guild.id).id, type: 0, allow: '0', deny: String(1n << 11n) }],
    });
    await expect(platform.sendPost(partFor(quiet.id), sampleDoc(), never())).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('findPost', () => {
  test('finds the bot’s message of a ledger key since the claim, across pages; null when absent', async () => {
    const { world, platform } = await setUp();
    const { state } = world.discord;
    const channelId = world.volunteerChannel.id;
    const claimedAt = new Date(Date.now() - 60_000);
    const volunteer = state.addMember(world.guild.id, { username: 'volunteer' });
    // 150 chatty messages after the claim, then the post, sent "before a restart".
    for (let i = 0; i < 150; i++) state.createMessage(channelId, { authorId: volunteer.user.id, content: `hello ${i}`, at: claimedAt.getTime() + 1_000 + i });
    const part = partFor(channelId, '2026-10-13');
    const sent = await platform.sendPost(part, sampleDoc(), never());

    expect(await platform.findPost(channelId, part.ledgerKey, claimedAt)).toEqual({ messageId: sent.messageId });
    expect(world.discord.callsTo('GET', `/channels/${channelId}/messages`).length).toBeGreaterThanOrEqual(2);
    expect(await platform.findPost(channelId, partFor(channelId, '2026-10-14').ledgerKey, claimedAt)).toBeNull();
  });

  test('a look-alike message from someone else does not count', async () => {
    const { world, platform } = await setUp();
    const { state } = world.discord;
    const channelId = world.volunteerChannel.id;
    const part = partFor(channelId);
    const mimic = state.addMember(world.guild.id, { username: 'mimic' });
    state.createMessage(channelId, { authorId: mimic.user.id, embeds: [{ description: 'x', url: `https://prayerbot.invalid/post/${encodeURIComponent(part.ledgerKey)}` }] });
    expect(await platform.findPost(channelId, part.ledgerKey, new Date(Date.now() - 1_000))).toBeNull();
  });

  test('when Discord cannot answer, findPost throws instead of saying “absent”', async () => {
    const { world, platform } = await setUp();
    const channelId = world.volunteerChannel.id;
    world.discord.failNext({ method: 'GET', path: `/channels/${channelId}/messages`, status: 403, body: { message: 'Missing Access', code: 50001 } });
    await expect(platform.findPost(channelId, partFor(channelId).ledgerKey, new Date())).rejects.toBeInstanceOf(PlatformError);
  });
});

describe('editPost, retirePost, sendStaffText', () => {
  test('an edit replaces the content and keeps the marker', async () => {
    const { world, platform } = await setUp();
    const channelId = world.staffChannel.id;
    const part = partFor(channelId);
    const { messageId } = await platform.sendPost(part, sampleDoc(), never());
    const doc = sampleDoc();
    doc.sections = doc.sections.slice(1);
    await platform.editPost(channelId, messageId, doc);
    const message = world.discord.state.message(channelId, messageId)!;
    const embeds = message.embeds as Array<{ author?: { name: string }; url?: string }>;
    expect(embeds.map((e) => e.author?.name).filter(Boolean)).toEqual(['Asia Pacific']);
    expect(ledgerKeyOfMarker(embeds.at(-1)!.url)).toBe(part.ledgerKey);
    expect(await platform.findPost(channelId, part.ledgerKey, new Date(Date.now() - 10_000))).toEqual({ messageId });
  });

  test('retire by delete removes the message; a second delete finds it gone and counts it retired', async () => {
    const { world, platform } = await setUp();
    const channelId = world.staffChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    await platform.retirePost(channelId, messageId, 'delete', 'unused');
    expect(world.discord.state.messages(channelId)).toHaveLength(0);
    await expect(platform.retirePost(channelId, messageId, 'delete', 'unused')).resolves.toBeUndefined();
  });

  test('retire by edit shows only the notice and clears every reaction', async () => {
    const { world, platform } = await setUp();
    const inbound = new RecordingInbound();
    await platform.start(inbound);
    const { state } = world.discord;
    const channelId = world.staffChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    const member = state.addMember(world.guild.id, { roles: [world.staffRole.id] });
    state.addReaction(channelId, messageId, member.user.id, '🙏🏽');
    await platform.retirePost(channelId, messageId, 'edit', 'This prayer request has ended. Thank you for praying.');
    const message = state.message(channelId, messageId)!;
    expect(message.content).toBe('This prayer request has ended. Thank you for praying.');
    expect(message.embeds).toEqual([]);
    expect(message.reactions).toEqual([]);
    await waitFor('the clear event', () => inbound.cleared.length === 1);
    expect(inbound.cleared[0]).toMatchObject({ platform: 'discord', channelId, messageId });
    expect(inbound.cleared[0]!.variant).toBeUndefined();
  });

  test('retire by edit without Manage Messages says so (the reactions would stay)', async () => {
    const { world, platform } = await setUp();
    const { state } = world.discord;
    const channelId = world.staffChannel.id;
    const { messageId } = await platform.sendPost(partFor(channelId), sampleDoc(), never());
    state.updateRole(world.guild.id, state.botRole(world.guild.id).id, { permissions: (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 6n) | (1n << 16n) });
    await expect(platform.retirePost(channelId, messageId, 'edit', 'Ended.')).rejects.toMatchObject({ code: 'forbidden' });
  });

  test('staff text goes out without mentions, split at Discord’s 2,000 characters', async () => {
    const { world, platform } = await setUp();
    const channelId = world.staffChannel.id;
    const lines = Array.from({ length: 120 }, (_, i) => `Latin America  ████████ ${String(i).padStart(3)} prayed @here`);
    await platform.sendStaffText(channelId, lines.join('\n'));
    const messages = world.discord.state.messages(channelId);
    expect(messages.length).toBe(3);
    expect(messages.every((m) => m.content.length <= 2_000 && m.embeds.length === 0)).toBe(true);
    // Readable as written; the zero-width space that breaks `@here` is invisible.
    expect(messages.map((m) => m.content).join('\n').replaceAll('\u200b', '')).toBe(lines.join('\n'));
    expect(messages.every((m) => JSON.stringify(m.allowed_mentions) === JSON.stringify({ parse: [] }))).toBe(true);
  });
});
