// 🙏 on Slack: reaction_added / reaction_removed events in, and reactions.get when the core
// re-reads a post. Every skin tone (`pray::skin-tone-N`) counts as its own variant; other
// emoji and the bot's own reactions are dropped here, before the core.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import { PlatformError, type Inbound, type ReactionHolder } from '../../core/ports.js';
import type { BotClient } from './bot-client.js';
import { slackTsToMicros } from './render.js';

/** True for the neutral reaction name itself and for each of its skin tones. */
export function isPrayVariant(reaction: string, name: string): boolean {
  if (name === reaction) return true;
  return name.startsWith(reaction) && /^::skin-tone-[2-6]$/.test(name.slice(reaction.length));
}

export interface ReactionListenerOptions {
  inbound: Inbound;
  /** Neutral reaction name (`pray`). */
  reaction: string;
  log: Logger;
}

/** The fields of reaction_added / reaction_removed this adapter reads. */
interface ReactionPayload {
  user: string;
  reaction: string;
  item: { type: string; channel?: string; ts?: string };
  event_ts: string;
}

/** The two events the listener's pattern matches, told apart by their type. */
function isReactionEvent(event: { type: string }): event is ReactionPayload & { type: 'reaction_added' | 'reaction_removed' } {
  return event.type === 'reaction_added' || event.type === 'reaction_removed';
}

export function registerReactionListeners(app: App, options: ReactionListenerOptions): void {
  // One listener for both: Bolt runs every listener's matching for every request, /pray
  // included, so each listener less is work saved on every request.
  app.event(/^reaction_(added|removed)$/, async ({ event, body, context }) => {
    if (!isReactionEvent(event)) return;
    await onReaction(options, event, body.event_id, context.botUserId, event.type === 'reaction_added');
  });
}

async function onReaction(
  { inbound, reaction, log }: ReactionListenerOptions,
  event: ReactionPayload,
  eventId: string,
  botUserId: string | undefined,
  present: boolean,
): Promise<void> {
  if (event.item.type !== 'message' || !event.item.channel || !event.item.ts) return;
  if (!isPrayVariant(reaction, event.reaction)) return;
  if (event.user === botUserId) return;
  const orderMicros = slackTsToMicros(event.event_ts);
  if (orderMicros === undefined) {
    log.warn({ eventId }, 'slack reaction event without a usable event_ts: ignored');
    return;
  }
  try {
    await inbound.reaction({
      platform: 'slack',
      channelId: event.item.channel,
      messageId: event.item.ts,
      userId: event.user,
      variant: event.reaction,
      present,
      orderMicros,
      eventId,
    });
  } catch (error) {
    // No user id in the log: a reaction tied to a person is exactly what we never record.
    log.error({ eventId, ...errorLogFields(error) }, 'recording a slack reaction failed');
    // Thrown on to Bolt: over HTTP, Slack gets a 500 and redelivers the event.
    throw new PlatformError('unavailable', 'recording the reaction failed; Slack will redeliver it');
  }
}

/** Everyone but the bot holding a 🙏 variant on the message. */
export async function readReactions(client: BotClient, reaction: string, channelId: string, messageId: string): Promise<ReactionHolder[]> {
  const me = await client.identity();
  const result = await client.call('reactions.get', { repeatable: true, deadline: client.deadline() }, (web) =>
    web.reactions.get({ channel: channelId, timestamp: messageId, full: true }),
  );
  const holders: ReactionHolder[] = [];
  for (const r of result.message?.reactions ?? []) {
    if (!r.name || !isPrayVariant(reaction, r.name)) continue;
    const users = r.users ?? [];
    if (r.count !== undefined && users.length < r.count) {
      // reactions.get may truncate its list. Replacing the post's set with a partial list
      // would lose people: say we cannot tell.
      throw new PlatformError('unavailable', `slack reactions.get: listed ${users.length} of ${r.count} for ${r.name}`);
    }
    for (const userId of users) if (userId !== me.userId) holders.push({ userId, variant: r.name });
  }
  return holders;
}
