// Gateway events → the core: 🙏 reactions added and removed (any skin tone; burst reactions as
// their own variant), reactions cleared from a message, and a shard that re-identified after a
// gap (its events are lost, so the core must re-read: resync). Everything else is dropped.
//
// Listeners never throw into discord.js (an uncaught error there ends the process): failures
// are logged by name and code.
import {
  Events,
  type Client,
  type Message,
  type MessageReaction,
  type MessageReactionEventDetails,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import type { Clock, Inbound } from '../../core/ports.js';
import { isVariantOf, variantName } from './reactions.js';

export interface InboundEventsContext {
  client: Client;
  inbound: Inbound;
  /** The configured reaction's Discord emoji (🙏). */
  emoji: string;
  clock: Clock;
  log: Logger;
}

/** Subscribes to the gateway events the core hears about. */
export function listenToEvents(ctx: InboundEventsContext): void {
  new InboundEvents(ctx).attach();
}

class InboundEvents {
  private lastOrder = 0;
  private readonly readyShards = new Set<number>();

  constructor(private readonly ctx: InboundEventsContext) {}

  attach(): void {
    const { client, log } = this.ctx;
    client.on(Events.MessageReactionAdd, this.guard('reaction add', (reaction, user, details) => this.onReaction(reaction, user, details, true)));
    client.on(Events.MessageReactionRemove, this.guard('reaction remove', (reaction, user, details) => this.onReaction(reaction, user, details, false)));
    client.on(Events.MessageReactionRemoveAll, this.guard('reactions cleared', (message) => this.onReactionsCleared(message, undefined)));
    client.on(
      Events.MessageReactionRemoveEmoji,
      this.guard('emoji cleared', (reaction) => this.onReactionsCleared(reaction.message, reaction.emoji.id ? null : reaction.emoji.name)),
    );
    client.on(Events.ShardReady, this.guard('shard ready', (shardId) => this.onShardReady(shardId)));
    client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'Discord shard resumed'));
    client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'Discord shard reconnecting'));
    client.on(Events.ShardError, (error, shardId) => log.warn({ shardId, ...errorLogFields(error) }, 'Discord shard error'));
    client.on(Events.Error, (error) => log.error(errorLogFields(error), 'Discord client error'));
  }

  /** A listener that logs instead of throwing into discord.js. */
  private guard<A extends unknown[]>(what: string, listener: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      try {
        listener(...args);
      } catch (error) {
        this.ctx.log.error({ event: what, ...errorLogFields(error) }, 'Discord event not handled');
      }
    };
  }

  /** Hands an event to the core without waiting; a failure there is logged. */
  private deliver(what: string, call: (inbound: Inbound) => Promise<unknown>): void {
    Promise.resolve()
      .then(() => call(this.ctx.inbound))
      .catch((error: unknown) => this.ctx.log.error({ event: what, ...errorLogFields(error) }, 'Discord event not handled'));
  }

  /** Arrival time in µs, strictly increasing within this process: newest wins in the core. */
  private nextOrder(): number {
    const now = this.ctx.clock.now().getTime() * 1000;
    this.lastOrder = Math.max(now, this.lastOrder + 1);
    return this.lastOrder;
  }

  private onReaction(
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
    details: MessageReactionEventDetails,
    present: boolean,
  ): void {
    const orderMicros = this.nextOrder();
    const name = reaction.emoji.name;
    if (reaction.emoji.id || !name || !isVariantOf(this.ctx.emoji, name)) return;
    if (user.id === this.ctx.client.user?.id) return;
    const event = {
      platform: 'discord' as const,
      channelId: reaction.message.channelId,
      messageId: reaction.message.id,
      userId: user.id,
      variant: variantName(name, details.burst === true),
      present,
      orderMicros,
    };
    this.deliver('reaction', (inbound) => inbound.reaction(event));
  }

  /** `emojiName` undefined: every reaction removed; null: a custom emoji (ignored). */
  private onReactionsCleared(message: Message | PartialMessage, emojiName: string | null | undefined): void {
    const base = { platform: 'discord' as const, channelId: message.channelId, messageId: message.id };
    if (emojiName === undefined) {
      const event = { ...base, orderMicros: this.nextOrder() };
      this.deliver('reactions cleared', (inbound) => inbound.reactionsCleared(event));
      return;
    }
    if (!emojiName || !isVariantOf(this.ctx.emoji, emojiName)) return;
    // Removing one emoji takes its normal and its burst reactions: two variants.
    for (const burst of [false, true]) {
      const event = { ...base, variant: variantName(emojiName, burst), orderMicros: this.nextOrder() };
      this.deliver('reactions cleared', (inbound) => inbound.reactionsCleared(event));
    }
  }

  private onShardReady(shardId: number): void {
    // The first READY of a shard is the start (the core reconciles after start()); a later
    // one is a re-identify after a gap whose events are lost: the core must re-read.
    if (!this.readyShards.has(shardId)) {
      this.readyShards.add(shardId);
      return;
    }
    this.ctx.log.warn({ shardId }, 'Discord shard re-identified; asking for a resync');
    this.deliver('resync', (inbound) => inbound.resync('discord'));
  }
}
