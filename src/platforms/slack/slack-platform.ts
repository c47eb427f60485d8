// The Slack adapter: the real @slack/bolt app (HTTP receiver or Socket Mode) and a bounded
// WebClient behind the core's ChatPlatform port. This class only composes the parts, each in
// its own module:
//   request-gate.ts   HTTP door: timestamp window, then Bolt's signature check
//   reactions.ts      reaction_added / reaction_removed in, reactions.get
//   pray-command.ts   /pray, answered within Slack's 3 s
//   prayed-button.ts  presses of the private "I prayed" button, answered to the presser only
//   messages.ts       posts out: send, find, edit, retire, own 🙏, staff text
//   channel-facts.ts  conversations.info → ChannelInspection
//   bot-client.ts     the WebClient, its call policy and the bot's identity
// It translates and reports facts; the rules (privacy, staff, tallies) live in the core.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, webApi, type AppOptions, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import {
  PlatformError,
  type ChannelInspection,
  type ChatPlatform,
  type Clock,
  type Inbound,
  type MessageLimits,
  type ReactionHolder,
} from '../../core/ports.js';
import type { ChannelConfig } from '../../core/types.js';
import { DelegatesPosts } from '../post-delegation.js';
import { createBoltLogger } from './bolt-logger.js';
import { BotClient, type BotIdentity } from './bot-client.js';
import { DEFAULT_POLICY, toPlatformError, webClientOptions, type CallPolicy } from './calls.js';
import { inspectChannel } from './channel-facts.js';
import { runDoctor, type DoctorLine } from './doctor.js';
import { SlackMessages } from './messages.js';
import { DEFAULT_PRAY_DEADLINE_MS, registerPrayCommand } from './pray-command.js';
import { DEFAULT_PRESS_DEADLINE_MS, registerPrayedButton } from './prayed-button.js';
import { readReactions, registerReactionListeners } from './reactions.js';
import { SLACK_LIMITS } from './render.js';
import { createRequestGate, type RequestGate } from './request-gate.js';

export interface SlackPlatformOptions {
  /** SLACK_BOT_TOKEN (xoxb-…). */
  botToken: string;
  /** SLACK_SIGNING_SECRET: HTTP mode (Events API and /pray at POST /slack/events). */
  signingSecret?: string;
  /** SLACK_APP_TOKEN (xapp-…): Socket Mode instead of HTTP; wins when both are set. */
  appToken?: string;
  /** SLACK_API_URL; default https://slack.com/api/. */
  apiUrl?: string;
  /** Neutral reaction name (`pray`): counts with every skin tone, `pray::skin-tone-N`. */
  reaction: string;
  logger: Logger;
  clock: Clock;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 2. */
  maxRetries?: number;
  /** Most one operation may take, waits included; default 90 s (inside the 2-minute lease). */
  budgetMs?: number;
  /** How long /pray waits for the core before answering through response_url; default 2.5 s. */
  prayDeadlineMs?: number;
}

export function createSlackPlatform(options: SlackPlatformOptions): SlackPlatform {
  return new SlackPlatform(options);
}

export class SlackPlatform extends DelegatesPosts implements ChatPlatform {
  readonly name = 'slack' as const;
  readonly limits: MessageLimits = SLACK_LIMITS;
  /** `socket` when an app token is set, `http` with a signing secret, `unconfigured` otherwise. */
  readonly mode: 'http' | 'socket' | 'unconfigured';
  /**
   * HTTP mode: mount for `POST /slack/events` on the process's HTTP server. Checks the
   * timestamp window, then hands over to Bolt's HTTPReceiver (signature check, then listeners).
   */
  readonly httpHandler?: (req: IncomingMessage, res: ServerResponse) => void;

  private readonly log: Logger;
  private readonly boltLogger: BoltLogger;
  private readonly policy: CallPolicy;
  private readonly client: BotClient;
  protected readonly messages: SlackMessages;
  private readonly gate?: RequestGate;
  private app?: App;
  private started = false;

  constructor(private readonly options: SlackPlatformOptions) {
    super();
    this.log = options.logger;
    const secrets = [options.botToken, options.signingSecret, options.appToken].filter((s): s is string => !!s);
    this.boltLogger = createBoltLogger(this.log, secrets);
    this.policy = {
      timeoutMs: options.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_POLICY.maxRetries,
      budgetMs: options.budgetMs ?? DEFAULT_POLICY.budgetMs,
    };
    this.client = new BotClient(new webApi.WebClient(options.botToken, this.webClientOptions()), this.policy);
    this.messages = new SlackMessages({ client: this.client, clock: options.clock, reaction: options.reaction, log: this.log });
    this.mode = options.appToken ? 'socket' : options.signingSecret ? 'http' : 'unconfigured';
    if (this.mode === 'http') {
      this.gate = createRequestGate({
        signingSecret: options.signingSecret!,
        boltLogger: this.boltLogger,
        log: this.log,
        isOpen: () => this.started,
      });
      this.httpHandler = this.gate.handle;
    }
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  async start(inbound: Inbound): Promise<void> {
    if (this.started) return;
    if (this.mode === 'unconfigured') {
      throw new PlatformError('forbidden', 'slack: set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) next to SLACK_BOT_TOKEN');
    }
    const me = await this.client.identity();
    const app = new App(this.appOptions(me));
    registerReactionListeners(app, { inbound, reaction: this.options.reaction, log: this.log });
    registerPrayCommand(app, { inbound, log: this.log, deadlineMs: this.options.prayDeadlineMs ?? DEFAULT_PRAY_DEADLINE_MS });
    registerPrayedButton(app, {
      inbound,
      log: this.log,
      clock: this.options.clock,
      deadlineMs: DEFAULT_PRESS_DEADLINE_MS,
      postEphemeral: (channelId, userId, text) => this.messages.sendEphemeral(channelId, userId, text),
    });
    app.error(async (error) => {
      // Listeners throw only coded errors of their own. Rethrown, so Slack gets a 500 over
      // HTTP and redelivers the event.
      this.log.warn(errorLogFields(error), 'slack listener failed');
      throw error;
    });
    this.app = app;
    if (this.mode === 'socket') {
      try {
        await app.start();
      } catch (error) {
        this.app = undefined;
        throw toPlatformError('apps.connections.open', error);
      }
    }
    this.started = true;
    this.log.info({ mode: this.mode, team: me.teamId }, 'slack connected');
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.started = false;
    this.app = undefined;
    if (app && this.mode === 'socket') {
      try {
        await app.stop();
      } catch (error) {
        this.log.warn(errorLogFields(error), 'slack socket mode did not close cleanly');
      }
    }
  }

  ready(): boolean {
    return this.started;
  }

  /** Options for every WebClient of ours (bot token, and the app token in doctor). */
  private webClientOptions(): webApi.WebClientOptions {
    return webClientOptions(this.options.apiUrl, this.policy, this.boltLogger);
  }

  private appOptions(me: BotIdentity): AppOptions {
    const common: AppOptions = {
      token: this.options.botToken,
      // Known from our own auth.test: Bolt need not call it again.
      botId: me.botId,
      botUserId: me.userId,
      logger: this.boltLogger,
      convoStore: false,
      ignoreSelf: true,
      // Bolt's own clients (listener helpers, Socket Mode's apps.connections.open). Their
      // retries are Bolt's reconnection policy; every call of ours goes through this.client.
      clientOptions: {
        slackApiUrl: this.webClientOptions().slackApiUrl,
        timeout: this.policy.timeoutMs,
        retryConfig: { retries: 5, factor: 2, minTimeout: 1_000, maxTimeout: 30_000 },
      },
    };
    if (this.mode === 'socket') return { ...common, socketMode: true, appToken: this.options.appToken! };
    return { ...common, receiver: this.gate!.receiver };
  }

  // ---- the ChatPlatform port ---------------------------------------------------------------

  inspectChannel(channelId: string): Promise<ChannelInspection> {
    return inspectChannel(this.client, channelId);
  }

  readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]> {
    return readReactions(this.client, this.options.reaction, channelId, messageId);
  }

  // ---- doctor ------------------------------------------------------------------------------

  /** Token, scopes, mode and each Slack channel's reachability and privacy facts. */
  doctor(channels: ChannelConfig[]): Promise<DoctorLine[]> {
    return runDoctor({
      mode: this.mode,
      identity: () => this.client.identity(),
      appTokenWorks: async () => {
        const socketClient = new BotClient(new webApi.WebClient(this.options.appToken, this.webClientOptions()), this.policy);
        await socketClient.call('apps.connections.open', { repeatable: true, deadline: socketClient.deadline() }, (web) =>
          web.apps.connections.open(),
        );
      },
      inspect: (id) => this.inspectChannel(id),
      historyReadable: async (id) => {
        await this.client.call('conversations.history', { repeatable: true, deadline: this.client.deadline() }, (web) =>
          web.conversations.history({ channel: id, limit: 1 }),
        );
      },
      channels: channels.filter((c) => c.platform === 'slack'),
    });
  }
}
