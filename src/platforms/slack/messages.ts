// Outbound messages: the day's post (with the bot's own 🙏), finding a post whose answer was
// lost, editing and retiring posts, and plain text to staff channels. Every call goes through
// the BotClient, so each has a timeout, safe retries and a deadline.
//
// chat.postMessage has no idempotency key: a post carries message metadata naming its ledger
// key, and conversations.history (include_all_metadata) finds it again after a lost answer.
import type { Logger } from 'pino';
import { PlatformError, type Clock, type PostDocument, type SentMessage } from '../../core/ports.js';
import type { PostPart } from '../../core/types.js';
import { errorLogFields } from '../../core/errors.js';
import type { BotClient } from './bot-client.js';
import { slackErrorCode, toPlatformError } from './calls.js';
import { dateToSlackTs, escapeMrkdwn, renderPostMessage, renderStaffText, SLACK_MAX_BLOCKS } from './render.js';

/** Message metadata marking a day's post; its payload carries the ledger key. */
export const POST_EVENT_TYPE = 'prayerbot_post';
/** Metadata of a post retired by editing: no longer a post for findPost. */
export const RETIRED_EVENT_TYPE = 'prayerbot_retired';
/** How far before a send findPost looks when the send's answer was lost (clock skew). */
const LOOKBACK_MS = 60_000;
/** conversations.history pages findPost reads before saying it cannot tell. */
const MAX_HISTORY_PAGES = 50;
const HISTORY_PAGE_SIZE = 200;

/** Text only, as written: no @-mentions, #-links or previews made from it. */
const LITERAL = { parse: 'none', link_names: false } as const;
const NO_PREVIEWS = { unfurl_links: false, unfurl_media: false } as const;

export interface MessagesOptions {
  client: BotClient;
  clock: Clock;
  /** Neutral reaction name (`pray`) the bot adds to its own posts. */
  reaction: string;
  log: Logger;
}

export class SlackMessages {
  private readonly client: BotClient;

  constructor(private readonly options: MessagesOptions) {
    this.client = options.client;
  }

  async sendPost(part: PostPart, doc: PostDocument, signal: AbortSignal): Promise<SentMessage> {
    const channel = part.channel.id;
    const deadline = this.client.deadline();
    const startedAt = this.options.clock.now();
    const message = renderPostMessage(doc);
    if (message.blocks.length > SLACK_MAX_BLOCKS) {
      throw new PlatformError(
        'bad_request',
        `slack: ${part.ledgerKey} needs ${message.blocks.length} blocks, more than Slack's ${SLACK_MAX_BLOCKS}: split it into more parts`,
      );
    }
    let ts: string;
    try {
      // Not repeatable: a postMessage whose answer timed out may well have posted.
      const result = await this.client.call('chat.postMessage', { repeatable: false, deadline, signal }, (web) =>
        web.chat.postMessage({
          channel,
          ...message,
          ...LITERAL,
          ...NO_PREVIEWS,
          metadata: { event_type: POST_EVENT_TYPE, event_payload: { ledger_key: part.ledgerKey } },
        }),
      );
      if (typeof result.ts !== 'string') throw new PlatformError('unavailable', 'slack chat.postMessage: answer without ts');
      ts = result.ts;
    } catch (error) {
      const failure = toPlatformError('chat.postMessage', error);
      if ((failure.code !== 'timeout' && failure.code !== 'unavailable') || signal.aborted) throw failure;
      // The answer was lost, not necessarily the message: look before anyone sends it again.
      const since = new Date(startedAt.getTime() - LOOKBACK_MS);
      const found = await this.findPostBefore(channel, part.ledgerKey, since, deadline, signal).catch(() => null);
      if (!found) throw failure;
      this.options.log.info({ ledgerKey: part.ledgerKey }, 'slack post found after its answer was lost');
      ts = found.messageId;
    }
    await this.addOwnReactionBefore(channel, ts, deadline, signal);
    return { messageId: ts };
  }

  async addOwnReaction(channelId: string, messageId: string): Promise<void> {
    await this.addOwnReactionBefore(channelId, messageId, this.client.deadline(), new AbortController().signal);
  }

  /** The bot's own 🙏 on its post. A failure here must not fail the send: the post is out. */
  private async addOwnReactionBefore(channel: string, ts: string, deadline: number, signal: AbortSignal): Promise<void> {
    try {
      await this.client.call('reactions.add', { repeatable: true, deadline, signal }, (web) =>
        web.reactions.add({ channel, timestamp: ts, name: this.options.reaction }),
      );
    } catch (error) {
      if (slackErrorCode(error) === 'already_reacted') return;
      this.options.log.warn({ channel, ...errorLogFields(error) }, "slack: the post is out but the bot's own reaction could not be added");
    }
  }

  findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    return this.findPostBefore(channelId, ledgerKey, since, this.client.deadline());
  }

  private async findPostBefore(
    channel: string,
    ledgerKey: string,
    since: Date,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<SentMessage | null> {
    const me = await this.client.identity();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
      const result = await this.client.call('conversations.history', { repeatable: true, deadline, signal }, (web) =>
        web.conversations.history({
          channel,
          oldest: dateToSlackTs(since),
          limit: HISTORY_PAGE_SIZE,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        }),
      );
      for (const m of result.messages ?? []) {
        const fromUs = (m.bot_id !== undefined && m.bot_id === me.botId) || (m.user !== undefined && m.user === me.userId);
        const payload: Record<string, unknown> = m.metadata?.event_payload ?? {};
        if (fromUs && m.metadata?.event_type === POST_EVENT_TYPE && payload.ledger_key === ledgerKey && typeof m.ts === 'string') {
          return { messageId: m.ts };
        }
      }
      cursor = result.response_metadata?.next_cursor;
      if (!result.has_more || !cursor) return null;
    }
    throw new PlatformError(
      'unavailable',
      `slack conversations.history: more than ${MAX_HISTORY_PAGES * HISTORY_PAGE_SIZE} messages since the claim; cannot tell`,
    );
  }

  async editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    await this.client.call('chat.update', { repeatable: true, deadline: this.client.deadline() }, (web) =>
      web.chat.update({ channel: channelId, ts: messageId, ...renderPostMessage(doc), ...LITERAL }),
    );
  }

  async retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void> {
    const deadline = this.client.deadline();
    try {
      if (mode === 'delete') {
        await this.client.call('chat.delete', { repeatable: true, deadline }, (web) => web.chat.delete({ channel: channelId, ts: messageId }));
      } else {
        // Slack will not let the bot remove other people's reactions: `delete` is the private choice.
        await this.client.call('chat.update', { repeatable: true, deadline }, (web) =>
          web.chat.update({
            channel: channelId,
            ts: messageId,
            text: escapeMrkdwn(notice),
            blocks: [],
            ...LITERAL,
            // No longer a post: findPost must not take the notice for one.
            metadata: { event_type: RETIRED_EVENT_TYPE, event_payload: {} },
          }),
        );
      }
    } catch (error) {
      // Already gone is as retired as it gets.
      if (error instanceof PlatformError && error.code === 'message_gone') return;
      throw error;
    }
  }

  /** Text only `userId` sees, in the channel (the answer to an "I prayed" press without a response_url). */
  async sendEphemeral(channelId: string, userId: string, text: string): Promise<void> {
    await this.client.call('chat.postEphemeral', { repeatable: false, deadline: this.client.deadline() }, (web) =>
      web.chat.postEphemeral({ channel: channelId, user: userId, text: escapeMrkdwn(text), ...LITERAL }),
    );
  }

  async sendStaffText(channelId: string, text: string): Promise<void> {
    await this.client.call('chat.postMessage', { repeatable: false, deadline: this.client.deadline() }, (web) =>
      web.chat.postMessage({ channel: channelId, text: renderStaffText(text), ...LITERAL, ...NO_PREVIEWS }),
    );
  }
}
