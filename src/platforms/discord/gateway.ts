// The discord.js client and its gateway connection: how the client is built (intents,
// partials, caches, shards, REST limits), logging in within a deadline, and the shard count
// Discord recommends.
import { Client, Events, GatewayIntentBits, Options, Partials, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { PlatformError } from '../../core/ports.js';
import type { DiscordCalls } from './calls.js';
import { toPlatformError } from './errors.js';

/** Gateway intents: both unprivileged; nothing to enable in the Developer Portal. */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions] as const;

const TOKEN_REFUSED = 'Discord refused DISCORD_TOKEN: reset it under Developer Portal → Bot';

export interface ClientOptions {
  token: string;
  apiUrl?: string;
  /** 'auto' (default): discord.js asks /gateway/bot. A list: only these shards. */
  shards?: number[] | 'auto';
  shardCount?: number;
  restTimeoutMs?: number;
  maxRateLimitWaitMs?: number;
}

/** A client whose REST side works at once, before (and without) a gateway login. */
export function createClient(options: ClientOptions): Client {
  const maxWait = options.maxRateLimitWaitMs ?? 30_000;
  const shards = options.shards ?? 'auto';
  const client = new Client({
    intents: [...DISCORD_INTENTS],
    // Reactions on messages the client never cached (posted before a restart, or past the
    // message cache) arrive only with these partials; REMOVE also needs User.
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    // Reactions bring partial messages, users and members into the caches; nothing here reads
    // them back but the bot's own user and member, so they are kept small.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 50,
      UserManager: { maxSize: 1_000, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 1_000, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    ...(shards === 'auto' ? { shards: 'auto' as const } : { shards, shardCount: options.shardCount ?? shards.length }),
    rest: {
      ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
      timeout: options.restTimeoutMs ?? 10_000,
      retries: 2,
      rejectOnRateLimit: (data) => data.retryAfter > maxWait,
    },
  });
  // post, retire and doctor use REST alone and never log in.
  client.rest.setToken(options.token);
  return client;
}

/**
 * Logs in and waits until every shard is ready. Fails with a PlatformError after `timeoutMs`,
 * or as soon as Discord closes the gateway (a bad token, intents not allowed); the client is
 * destroyed then.
 */
export async function login(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onDisconnect: ((event: { code: number }) => void) | undefined;
  try {
    await Promise.race([
      Promise.all([new Promise((resolve) => client.once(Events.ClientReady, resolve)), client.login(token)]),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new PlatformError('timeout', `Discord gateway not ready within ${timeoutMs / 1000} s`)), timeoutMs);
        onDisconnect = (event) =>
          reject(new PlatformError('forbidden', `Discord closed the gateway with code ${event.code} (${closeReason(event.code)})`));
        client.once(Events.ShardDisconnect, onDisconnect);
      }),
    ]);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    if (error instanceof PlatformError) throw error;
    if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') throw new PlatformError('forbidden', TOKEN_REFUSED);
    throw toPlatformError(error, 'Discord login');
  } finally {
    clearTimeout(timer);
    if (onDisconnect) client.off(Events.ShardDisconnect, onDisconnect);
  }
}

function closeReason(code: number): string {
  switch (code) {
    case 4004:
      return 'authentication failed: check DISCORD_TOKEN';
    case 4013:
    case 4014:
      return 'intents not allowed';
    case 4010:
    case 4011:
      return 'sharding';
    default:
      return 'see the Discord gateway close codes';
  }
}

/** The shard count Discord recommends for this bot (`GET /gateway/bot`), over REST alone. */
export async function recommendedShards(calls: DiscordCalls): Promise<number> {
  let info: RESTGetAPIGatewayBotResult;
  try {
    info = await calls.call<RESTGetAPIGatewayBotResult>('read the gateway (/gateway/bot)', () => calls.rest.get(Routes.gatewayBot()));
  } catch (error) {
    if (error instanceof PlatformError && error.code === 'forbidden') throw new PlatformError('forbidden', TOKEN_REFUSED);
    throw error;
  }
  return Number.isInteger(info.shards) && info.shards > 0 ? info.shards : 1;
}
