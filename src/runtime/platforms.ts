// Which chat platforms run, from the environment: Slack with SLACK_BOT_TOKEN, Discord with
// DISCORD_TOKEN, and the console chat when neither is set. The platform libraries are loaded
// only when their token is there.
import type { Logger } from 'pino';
import type { ChatPlatform, Clock } from '../core/ports.js';
import type { Store } from '../core/store.js';
import type { ChannelConfig, Config } from '../core/types.js';
import type { Env } from '../env.js';
import { CONSOLE_CHANNEL, ConsolePlatform } from '../platforms/console/console-platform.js';
import { ShardedDiscord } from '../platforms/discord/sharded-discord.js';
import type { RequestHandler } from './http-server.js';

/** No chat token: the bot runs in the console chat. */
export function isConsoleMode(env: Env): boolean {
  return !env.slack && !env.discord;
}

const CONSOLE: ChannelConfig = { platform: 'console', id: CONSOLE_CHANNEL, audience: 'staff', allowPublic: false };

/** With no token the console is the only channel and the staff room. */
export function consoleConfig(config: Config): Config {
  return { ...config, channels: [CONSOLE], staffReport: [{ platform: 'console', id: CONSOLE_CHANNEL }] };
}

/** `prayerbot run` only: Discord shards are shared out between replicas through leases in the store. */
export interface ShardCoordination {
  store: Store;
  owner: string;
  leaseMs?: number;
}

export interface CreatedPlatforms {
  platforms: ChatPlatform[];
  /** Slack over HTTP: its requests, for the HTTP server. */
  slackHandler?: RequestHandler;
}

/** The platforms whose token is set (none in the console chat). */
export async function createPlatforms(
  env: Env,
  /** The config in force; read again on every use, so hot reload reaches the platforms. */
  current: () => Config,
  log: Logger,
  clock: Clock,
  shards?: ShardCoordination,
): Promise<CreatedPlatforms> {
  const platforms: ChatPlatform[] = [];
  let slackHandler: RequestHandler | undefined;
  // The reaction name is fixed at start (check allows only "pray").
  const config = current();
  if (env.slack) {
    const { createSlackPlatform } = await import('../platforms/slack/slack-platform.js');
    const slack = createSlackPlatform({
      botToken: env.slack.botToken,
      ...(env.slack.signingSecret ? { signingSecret: env.slack.signingSecret } : {}),
      ...(env.slack.appToken ? { appToken: env.slack.appToken } : {}),
      ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}),
      reaction: config.reaction,
      logger: log.child({ platform: 'slack' }),
      clock,
    });
    platforms.push(slack);
    if (slack.httpHandler) slackHandler = slack.httpHandler;
  }
  if (env.discord) {
    const { createDiscordPlatform } = await import('../platforms/discord/discord-platform.js');
    const discord = {
      token: env.discord.token,
      ...(env.discord.applicationId ? { applicationId: env.discord.applicationId } : {}),
      ...(env.discord.apiUrl ? { apiUrl: env.discord.apiUrl } : {}),
      reaction: config.reaction,
      // Read on every privacy check: a role removed from the viewers counts at once.
      viewerRoleIds: () => current().staff.discordViewerRoles,
      logger: log.child({ platform: 'discord' }),
      clock,
    };
    platforms.push(
      shards
        ? // One REST client for everything outbound; a gateway client for the shards this replica holds.
          new ShardedDiscord({
            rest: createDiscordPlatform(discord),
            gateway: (ids, shardCount) => createDiscordPlatform({ ...discord, shards: ids, shardCount }),
            ...shards,
            clock,
            log: discord.logger,
          })
        : createDiscordPlatform(discord),
    );
  }
  return { platforms, ...(slackHandler ? { slackHandler } : {}) };
}

export interface RunPlatforms extends CreatedPlatforms {
  /** Set in the console chat (no token): the only platform. */
  console?: ConsolePlatform;
}

/** `prayerbot run`'s platforms: those of the env, or the console chat on this terminal. */
export async function runPlatforms(options: {
  env: Env;
  current: () => Config;
  log: Logger;
  clock: Clock;
  shards: ShardCoordination;
  terminal: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; heading?: string };
}): Promise<RunPlatforms> {
  const { env, current, log, clock, shards, terminal } = options;
  if (!isConsoleMode(env)) return createPlatforms(env, current, log, clock, shards);
  const chat = new ConsolePlatform({ input: terminal.input, output: terminal.output, clock });
  if (terminal.heading) chat.heading = terminal.heading;
  return { platforms: [chat], console: chat };
}
