// Outbound messages over REST: posts (sent, found again after a lost answer, edited, retired),
// the bot's own 🙏, reading who reacted, and plain staff text. REST alone, with `Routes`, so
// these work for channels the gateway cache has never seen and in commands that never log in.
//
// A post is sent with `nonce` + `enforce_nonce`: a retry within a few minutes returns the first
// message instead of a duplicate. Later, a post is recognised by the ledger-key marker on its
// verse embed (render.ts), since Discord lists messages without their nonce.
import { randomBytes } from 'node:crypto';
import { Routes, type APIMessage, type RESTGetAPIChannelMessageReactionUsersResult, type RESTPatchAPIChannelMessageJSONBody } from 'discord.js';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import { PlatformError, type PostDocument, type ReactionHolder, type SentMessage } from '../../core/ports.js';
import type { PostPart } from '../../core/types.js';
import type { DiscordCalls } from './calls.js';
import { toPlatformError } from './errors.js';
import { isVariantOf, variantName } from './reactions.js';
import { DISCORD, ledgerKeyOfMarker, nonceOf, postEditBody, postMessageBody, staffTextMessages } from './render.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
/** How far before a claim findPost looks, for clock skew between us and Discord. */
const FIND_SKEW_MS = 120_000;
/** Pages findPost and readReactions read at most before saying they cannot tell. */
const MAX_PAGES = 500;

/** The smallest message id Discord could give at `date` (ids start with their time). */
function snowflakeAt(date: Date): string {
  const ms = BigInt(Math.max(0, date.getTime()));
  const delta = ms > DISCORD_EPOCH ? ms - DISCORD_EPOCH : 0n;
  return (delta << 22n).toString();
}

/** The largest of snowflake ids (ids grow with time). */
function newest(ids: string[], start: string): string {
  return ids.reduce((max, id) => (BigInt(id) > BigInt(max) ? id : max), start);
}

/** Passes the caller's signal on to discord.js when there is one. */
function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

export class DiscordMessages {
  constructor(
    private readonly calls: DiscordCalls,
    /** The configured reaction's Discord emoji (🙏). */
    private readonly emoji: string,
    private readonly log: Logger,
  ) {}

  async sendPost(part: PostPart, doc: PostDocument, signal: AbortSignal): Promise<SentMessage> {
    const channelId = part.channel.id;
    let body;
    try {
      body = postMessageBody(doc, part.ledgerKey);
    } catch (error) {
      throw toPlatformError(error, `render ${part.ledgerKey}`);
    }
    const message = await this.calls.call<APIMessage>(
      `post ${part.ledgerKey}`,
      (s) => this.calls.rest.post(Routes.channelMessages(channelId), { body, ...withSignal(s) }),
      signal,
    );
    try {
      await this.calls.call(
        `add ${this.emoji} to ${part.ledgerKey}`,
        (s) => this.calls.rest.put(this.ownReactionRoute(channelId, message.id), withSignal(s)),
        signal,
      );
    } catch (error) {
      // The post exists: its id matters more than the bot's own 🙏, which people can add anyway.
      this.log.warn({ ledgerKey: part.ledgerKey, ...errorLogFields(error) }, 'posted, but could not add the first reaction');
    }
    return { messageId: message.id };
  }

  async addOwnReaction(channelId: string, messageId: string): Promise<void> {
    await this.calls.call(`add ${this.emoji} to ${messageId}`, (s) => this.calls.rest.put(this.ownReactionRoute(channelId, messageId), withSignal(s)));
  }

  private ownReactionRoute(channelId: string, messageId: string): `/${string}` {
    return Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(this.emoji));
  }

  /** The bot's message of `ledgerKey` sent since `since` (by nonce or marker), or null. */
  async findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    const botId = await this.calls.botId();
    const nonce = nonceOf(ledgerKey);
    let after = snowflakeAt(new Date(since.getTime() - FIND_SKEW_MS));
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ after, limit: '100' });
      const messages = await this.calls.call<APIMessage[]>(`list messages of ${channelId}`, () =>
        this.calls.rest.get(Routes.channelMessages(channelId), { query }),
      );
      for (const m of messages) {
        if (m.author.id !== botId) continue;
        if (m.nonce === nonce || m.embeds.some((e) => ledgerKeyOfMarker(e.url) === ledgerKey)) return { messageId: m.id };
      }
      if (messages.length < 100) return null;
      after = newest(messages.map((m) => m.id), after);
    }
    throw new PlatformError('unavailable', `list messages of ${channelId}: more than ${MAX_PAGES * 100} messages since the claim`);
  }

  async editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    const what = `edit message ${messageId} in ${channelId}`;
    // Keep the post's marker: read it from the message as it is.
    const current = await this.calls.call<APIMessage>(what, () => this.calls.rest.get(Routes.channelMessage(channelId, messageId)));
    const marker = current.embeds.map((e) => ledgerKeyOfMarker(e.url)).find((k) => k !== undefined);
    let body;
    try {
      body = postEditBody(doc, marker);
    } catch (error) {
      throw toPlatformError(error, what);
    }
    await this.calls.call(what, () => this.calls.rest.patch(Routes.channelMessage(channelId, messageId), { body }));
  }

  async retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void> {
    const what = `retire message ${messageId} in ${channelId}`;
    const route = Routes.channelMessage(channelId, messageId);
    try {
      if (mode === 'delete') {
        await this.calls.call(what, () => this.calls.rest.delete(route));
        return;
      }
      const body: RESTPatchAPIChannelMessageJSONBody = {
        content: notice.slice(0, DISCORD.content),
        embeds: [],
        // The "I prayed" button goes with the post: a retired post counts no more.
        components: [],
        allowed_mentions: { parse: [] },
      };
      await this.calls.call(what, () => this.calls.rest.patch(route, { body }));
      // Who reacted is part of what a retired post must stop showing (needs Manage Messages).
      await this.calls.call(`${what}: clear its reactions (the text was replaced)`, () =>
        this.calls.rest.delete(Routes.channelMessageAllReactions(channelId, messageId)),
      );
    } catch (error) {
      // Already gone (deleted by someone else, or by an earlier try) is as retired as it gets.
      if (error instanceof PlatformError && error.code === 'message_gone') return;
      throw error;
    }
  }

  /** Everyone but the bot holding a 🙏 variant, normal and burst reactions read apart. */
  async readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]> {
    const what = `read reactions of ${messageId} in ${channelId}`;
    const botId = await this.calls.botId();
    const message = await this.calls.call<APIMessage>(what, () => this.calls.rest.get(Routes.channelMessage(channelId, messageId)));
    const holders: ReactionHolder[] = [];
    for (const reaction of message.reactions ?? []) {
      const name = reaction.emoji.name;
      if (reaction.emoji.id || !name || !isVariantOf(this.emoji, name)) continue;
      const details = reaction.count_details as { normal?: number; burst?: number } | undefined;
      for (const [type, burst] of [
        [0, false],
        [1, true],
      ] as const) {
        const count = burst ? details?.burst : details?.normal;
        if (count === 0) continue;
        const variant = variantName(name, burst);
        for (const userId of await this.reactionUsers(channelId, messageId, name, type, what)) {
          if (userId !== botId) holders.push({ userId, variant });
        }
      }
    }
    return holders;
  }

  /** Every user of one emoji and reaction type (0 normal, 1 burst), page by page. */
  private async reactionUsers(channelId: string, messageId: string, emoji: string, type: 0 | 1, what: string): Promise<string[]> {
    const users: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ type: String(type), limit: '100', ...(after ? { after } : {}) });
      const batch = await this.calls.call<RESTGetAPIChannelMessageReactionUsersResult>(what, () =>
        this.calls.rest.get(Routes.channelMessageReaction(channelId, messageId, encodeURIComponent(emoji)), { query }),
      );
      for (const u of batch) users.push(u.id);
      if (batch.length < 100) return users;
      after = newest(batch.map((u) => u.id), batch[0]!.id);
    }
    throw new PlatformError('unavailable', `${what}: more than ${MAX_PAGES * 100} reactions`);
  }

  async sendStaffText(channelId: string, text: string): Promise<void> {
    for (const content of staffTextMessages(text)) {
      // A fresh nonce per message: the library's retry after a lost answer cannot double it.
      const body = { content, allowed_mentions: { parse: [] }, nonce: randomBytes(15).toString('base64url'), enforce_nonce: true };
      await this.calls.call(`send staff text to ${channelId}`, () => this.calls.rest.post(Routes.channelMessages(channelId), { body }));
    }
  }
}
