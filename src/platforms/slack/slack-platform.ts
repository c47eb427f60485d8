// The Slack adapter: the real @slack/bolt app (HTTP receiver or Socket Mode) and a bounded
// WebClient behind the core's ChatPlatform port. It translates and reports facts; the rules
// (privacy, staff, tallies) live in the core.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, webApi, type AppOptions, type Logger as BoltLogger, type RespondFn, type SlashCommand } from '@slack/bolt';
import type { Logger } from 'pino';
import {
  PlatformError,
  type ChannelInspection,
  type ChatPlatform,
  type Clock,
  type Inbound,
  type MessageLimits,
  type PostDocument,
  type ReactionHolder,
  type SentMessage,
} from '../../core/ports.js';
import type { ChannelConfig, PostPart } from '../../core/types.js';
import { createBoltLogger } from './bolt-logger.js';
import { bounded, classify, DEFAULT_POLICY, slackErrorCode, toPlatformError, webClientOptions, type CallPolicy } from './calls.js';
import { runDoctor, type DoctorLine } from './doctor.js';
import {
  dateToSlackTs,
  escapeMrkdwn,
  renderPostMessage,
  renderPrayAnswer,
  renderStaffText,
  SLACK_LIMITS,
  SLACK_MAX_BLOCKS,
  slackTsToMicros,
  type EphemeralAnswer,
} from './render.js';

/** Where Slack sends events and `/pray` (the request URL in the app manifest). */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Message metadata marking a day's post; its payload carries the ledger key. */
export const POST_EVENT_TYPE = 'prayerbot_post';
/** Metadata of a post retired by editing: no longer a post for findPost. */
export const RETIRED_EVENT_TYPE = 'prayerbot_retired';
/** A request timestamp further than this from now, either way, is refused. */
export const MAX_REQUEST_SKEW_SECONDS = 5 * 60;
/** How far before a send findPost looks when the send's answer was lost (clock skew). */
const LOOKBACK_MS = 60_000;
/** conversations.history pages findPost reads before saying it cannot tell. */
const MAX_HISTORY_PAGES = 50;
const HISTORY_PAGE_SIZE = 200;
/** Slack drops a slash command not answered in 3 s; answer later through response_url. */
const DEFAULT_PRAY_DEADLINE_MS = 2_500;

const PRAY_FAILED: EphemeralAnswer = {
  response_type: 'ephemeral',
  text: 'Sorry, something went wrong while answering /pray. Please try again in a minute.',
};

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

export interface SlackPlatform extends ChatPlatform {
  readonly name: 'slack';
  /** `socket` when an app token is set, `http` with a signing secret, `unconfigured` otherwise. */
  readonly mode: 'http' | 'socket' | 'unconfigured';
  /**
   * HTTP mode: mount for `POST /slack/events` on the process's HTTP server. Checks the
   * timestamp window, then hands over to Bolt's HTTPReceiver (signature check, then listeners).
   */
  readonly httpHandler?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Token, scopes, mode and each Slack channel's reachability and privacy facts. */
  doctor(channels: ChannelConfig[]): Promise<DoctorLine[]>;
}

interface BotIdentity {
  userId: string;
  botId: string;
  user: string;
  team: string;
  teamId: string;
  /** From the `x-oauth-scopes` header; undefined when Slack did not send it. */
  scopes?: string[];
}

/** What may be logged about a failure from the core: its kind and code, not its message (it may quote people). */
function failureFields(error: unknown): { error: string; code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return { error: error instanceof Error ? error.name : typeof error, ...(typeof code === 'string' ? { code } : {}) };
}

export function createSlackPlatform(options: SlackPlatformOptions): SlackPlatform {
  return new SlackAdapter(options);
}

class SlackAdapter implements SlackPlatform {
  readonly name = 'slack' as const;
  readonly limits: MessageLimits = SLACK_LIMITS;
  readonly mode: SlackPlatform['mode'];
  readonly httpHandler?: (req: IncomingMessage, res: ServerResponse) => void;

  private readonly log: Logger;
  private readonly boltLogger: BoltLogger;
  private readonly policy: CallPolicy;
  private readonly client: webApi.WebClient;
  private readonly receiver?: HTTPReceiver;
  private app?: App;
  private inbound?: Inbound;
  private started = false;
  private me?: Promise<BotIdentity>;

  constructor(private readonly options: SlackPlatformOptions) {
    this.log = options.logger;
    const secrets = [options.botToken, options.signingSecret, options.appToken].filter((s): s is string => !!s);
    this.boltLogger = createBoltLogger(this.log, secrets);
    this.policy = {
      timeoutMs: options.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_POLICY.maxRetries,
      budgetMs: options.budgetMs ?? DEFAULT_POLICY.budgetMs,
    };
    this.client = new webApi.WebClient(options.botToken, webClientOptions(options.apiUrl, this.policy, this.boltLogger));
    this.mode = options.appToken ? 'socket' : options.signingSecret ? 'http' : 'unconfigured';
    if (this.mode === 'http') {
      this.receiver = new HTTPReceiver({
        signingSecret: options.signingSecret!,
        endpoints: SLACK_EVENTS_PATH,
        // The listener finishes before Slack gets its answer: /pray's reply travels in the
        // HTTP response, and a reaction is recorded before Slack hears "200".
        processBeforeResponse: true,
        logger: this.boltLogger,
      });
      this.httpHandler = (req, res) => this.handleHttp(req, res);
    }
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  async start(inbound: Inbound): Promise<void> {
    if (this.started) return;
    if (this.mode === 'unconfigured') {
      throw new PlatformError('forbidden', 'slack: set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) next to SLACK_BOT_TOKEN');
    }
    const me = await this.identity();
    this.inbound = inbound;
    const app = new App(this.appOptions(me));
    this.registerListeners(app);
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
        this.log.warn({ reason: classify(error).reason }, 'slack socket mode did not close cleanly');
      }
    }
  }

  ready(): boolean {
    return this.started;
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
        slackApiUrl: webClientOptions(this.options.apiUrl, this.policy, this.boltLogger).slackApiUrl,
        timeout: this.policy.timeoutMs,
        retryConfig: { retries: 5, factor: 2, minTimeout: 1_000, maxTimeout: 30_000 },
      },
    };
    if (this.mode === 'socket') return { ...common, socketMode: true, appToken: this.options.appToken! };
    return { ...common, receiver: this.receiver! };
  }

  // ---- inbound -----------------------------------------------------------------------------

  private registerListeners(app: App): void {
    app.event('reaction_added', async ({ event, body, context }) => {
      await this.onReaction(event, body.event_id, context.botUserId, true);
    });
    app.event('reaction_removed', async ({ event, body, context }) => {
      await this.onReaction(event, body.event_id, context.botUserId, false);
    });
    app.command(/^\/pray/, async ({ command, ack, respond }) => {
      await this.onPray(command, (answer) => ack(answer), respond);
    });
    app.error(async (error) => {
      // Only safe text reaches here (listeners wrap their failures). Rethrown, so Slack gets a
      // 500 over HTTP and redelivers the event.
      this.log.warn({ code: error.code }, `slack listener failed: ${error.message}`);
      throw error;
    });
  }

  private isVariant(name: string): boolean {
    const r = this.options.reaction;
    if (name === r) return true;
    return name.startsWith(r) && /^::skin-tone-[2-6]$/.test(name.slice(r.length));
  }

  private async onReaction(
    event: { user: string; reaction: string; item: { type: string; channel?: string; ts?: string }; event_ts: string },
    eventId: string,
    botUserId: string | undefined,
    present: boolean,
  ): Promise<void> {
    if (event.item.type !== 'message' || !event.item.channel || !event.item.ts) return;
    if (!this.isVariant(event.reaction)) return;
    if (event.user === botUserId) return;
    const orderMicros = slackTsToMicros(event.event_ts);
    if (orderMicros === undefined) {
      this.log.warn({ eventId }, 'slack reaction event without a usable event_ts: ignored');
      return;
    }
    const inbound = this.inbound;
    if (!inbound) throw new PlatformError('unavailable', 'slack: a reaction arrived before start');
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
      this.log.error({ eventId, ...failureFields(error) }, 'recording a slack reaction failed');
      throw new PlatformError('unavailable', 'recording the reaction failed; Slack will redeliver it');
    }
  }

  private async onPray(command: SlashCommand, ack: (answer?: EphemeralAnswer) => Promise<void>, respond: RespondFn): Promise<void> {
    const answer = this.answerPray(command);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.prayDeadlineMs ?? DEFAULT_PRAY_DEADLINE_MS);
    });
    const first = await Promise.race([answer, late]);
    clearTimeout(timer);
    if (first !== 'late') {
      await ack(first);
      return;
    }
    // The core is slow: acknowledge now (Slack's 3 s), answer through response_url when ready.
    await ack();
    void answer
      .then((a) => respond(a))
      .catch((error: unknown) => this.log.warn({ reason: classify(error).reason }, 'a late /pray answer could not be delivered'));
  }

  private async answerPray(command: SlashCommand): Promise<EphemeralAnswer> {
    try {
      const inbound = this.inbound;
      if (!inbound) return PRAY_FAILED;
      const answer = await inbound.pray({
        platform: 'slack',
        channelId: command.channel_id,
        userId: command.user_id,
        roleIds: [],
        text: typeof command.text === 'string' ? command.text : '',
      });
      return renderPrayAnswer(answer);
    } catch (error) {
      this.log.error(failureFields(error), '/pray failed');
      return PRAY_FAILED;
    }
  }

  private handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const refuse = (status: number, headers: Record<string, string> = {}) => {
      req.resume();
      res.writeHead(status, headers);
      res.end();
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== SLACK_EVENTS_PATH) return refuse(404);
    if (req.method !== 'POST') return refuse(405, { allow: 'POST' });
    if (!this.started || !this.receiver) return refuse(503, { 'retry-after': '5' });
    // Bolt refuses stale timestamps but accepts any in the future; refuse both, before Bolt
    // (and so before anything reaches the core). A missing header is Bolt's to refuse.
    const header = req.headers['x-slack-request-timestamp'];
    if (header !== undefined) {
      const ts = Number(Array.isArray(header) ? header.join(',') : header);
      // Freshness is wall-clock time, the same clock Bolt's own stale check and Slack use;
      // the injected clock is domain time (a console replay or a test may move it).
      const now = Date.now() / 1000;
      if (!Number.isFinite(ts) || Math.abs(now - ts) > MAX_REQUEST_SKEW_SECONDS) {
        this.log.warn({ skewSeconds: Number.isFinite(ts) ? Math.round(ts - now) : null }, 'refused a slack request: timestamp outside ±5 minutes');
        return refuse(401);
      }
    }
    try {
      this.receiver.requestListener(req, res);
    } catch {
      if (!res.headersSent) refuse(404);
    }
  }

  // ---- outbound ----------------------------------------------------------------------------

  private identity(): Promise<BotIdentity> {
    if (!this.me) {
      const deadline = performance.now() + this.policy.budgetMs;
      this.me = bounded('auth.test', this.policy, { repeatable: true, deadline }, () => this.client.auth.test()).then(
        (r) => ({
          userId: String(r.user_id ?? ''),
          botId: String(r.bot_id ?? ''),
          user: String(r.user ?? ''),
          team: String(r.team ?? ''),
          teamId: String(r.team_id ?? ''),
          scopes: r.response_metadata?.scopes,
        }),
      );
      // A failure is not cached: the next call asks again.
      this.me.catch(() => {
        this.me = undefined;
      });
    }
    return this.me;
  }

  async sendPost(part: PostPart, doc: PostDocument, signal: AbortSignal): Promise<SentMessage> {
    const channel = part.channel.id;
    const deadline = performance.now() + this.policy.budgetMs;
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
      const result = await bounded('chat.postMessage', this.policy, { repeatable: false, deadline, signal }, () =>
        this.client.chat.postMessage({
          channel,
          ...message,
          parse: 'none',
          link_names: false,
          unfurl_links: false,
          unfurl_media: false,
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
      this.log.info({ ledgerKey: part.ledgerKey }, 'slack post found after its answer was lost');
      ts = found.messageId;
    }
    await this.addOwnReactionBefore(channel, ts, deadline, signal);
    return { messageId: ts };
  }

  async addOwnReaction(channelId: string, messageId: string): Promise<void> {
    await this.addOwnReactionBefore(channelId, messageId, performance.now() + this.policy.budgetMs, new AbortController().signal);
  }

  /** The bot's own 🙏 on its post. A failure here must not fail the send: the post is out. */
  private async addOwnReactionBefore(channel: string, ts: string, deadline: number, signal: AbortSignal): Promise<void> {
    try {
      await bounded('reactions.add', this.policy, { repeatable: true, deadline, signal }, () =>
        this.client.reactions.add({ channel, timestamp: ts, name: this.options.reaction }),
      );
    } catch (error) {
      if (slackErrorCode(error) === 'already_reacted') return;
      this.log.warn({ channel, reason: classify(error).reason }, "slack: the post is out but the bot's own reaction could not be added");
    }
  }

  findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    return this.findPostBefore(channelId, ledgerKey, since, performance.now() + this.policy.budgetMs);
  }

  private async findPostBefore(
    channel: string,
    ledgerKey: string,
    since: Date,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<SentMessage | null> {
    const me = await this.identity();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
      const result = await bounded('conversations.history', this.policy, { repeatable: true, deadline, signal }, () =>
        this.client.conversations.history({
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
    throw new PlatformError('unavailable', `slack conversations.history: more than ${MAX_HISTORY_PAGES * HISTORY_PAGE_SIZE} messages since the claim; cannot tell`);
  }

  async editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    const deadline = performance.now() + this.policy.budgetMs;
    await bounded('chat.update', this.policy, { repeatable: true, deadline }, () =>
      this.client.chat.update({ channel: channelId, ts: messageId, ...renderPostMessage(doc), parse: 'none', link_names: false }),
    );
  }

  async retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void> {
    const deadline = performance.now() + this.policy.budgetMs;
    try {
      if (mode === 'delete') {
        await bounded('chat.delete', this.policy, { repeatable: true, deadline }, () =>
          this.client.chat.delete({ channel: channelId, ts: messageId }),
        );
      } else {
        // Slack will not let the bot remove other people's reactions: `delete` is the private choice.
        await bounded('chat.update', this.policy, { repeatable: true, deadline }, () =>
          this.client.chat.update({
            channel: channelId,
            ts: messageId,
            text: escapeMrkdwn(notice),
            blocks: [],
            parse: 'none',
            link_names: false,
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

  async readReactions(channelId: string, messageId: string): Promise<ReactionHolder[]> {
    const me = await this.identity();
    const deadline = performance.now() + this.policy.budgetMs;
    const result = await bounded('reactions.get', this.policy, { repeatable: true, deadline }, () =>
      this.client.reactions.get({ channel: channelId, timestamp: messageId, full: true }),
    );
    const holders: ReactionHolder[] = [];
    for (const r of result.message?.reactions ?? []) {
      if (!r.name || !this.isVariant(r.name)) continue;
      const users = r.users ?? [];
      if (r.count !== undefined && users.length < r.count) {
        // Replacing the post's set with a partial list would lose people: say we cannot tell.
        throw new PlatformError('unavailable', `slack reactions.get: listed ${users.length} of ${r.count} for ${r.name}`);
      }
      for (const userId of users) if (userId !== me.userId) holders.push({ userId, variant: r.name });
    }
    return holders;
  }

  async sendStaffText(channelId: string, text: string): Promise<void> {
    const deadline = performance.now() + this.policy.budgetMs;
    await bounded('chat.postMessage', this.policy, { repeatable: false, deadline }, () =>
      this.client.chat.postMessage({
        channel: channelId,
        text: renderStaffText(text),
        parse: 'none',
        link_names: false,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  }

  async inspectChannel(channelId: string): Promise<ChannelInspection> {
    const deadline = performance.now() + this.policy.budgetMs;
    try {
      const result = await bounded('conversations.info', this.policy, { repeatable: true, deadline }, () =>
        this.client.conversations.info({ channel: channelId }),
      );
      const c = result.channel ?? {};
      const name = c.name ? `#${c.name}` : channelId;
      const facts = {
        isPublic: c.is_private !== true,
        externallyShared: c.is_ext_shared === true || c.is_pending_ext_shared === true,
        outsiderViewers: [],
      };
      const described = `${name}: ${facts.isPublic ? 'public' : 'private'}, ${
        c.is_ext_shared ? 'shared with another organisation' : c.is_pending_ext_shared ? 'invited to share with another organisation' : 'not shared outside the organisation'
      }`;
      if (c.is_archived === true) return { state: 'archived', ...facts, detail: `${described}; archived` };
      if (c.is_member === false) {
        return { state: 'no-access', ...facts, detail: `${described}; the bot is not a member (invite it: /invite @${(await this.identity()).user})` };
      }
      return { state: 'ok', ...facts, detail: described };
    } catch (error) {
      const none = { isPublic: false, externallyShared: false, outsiderViewers: [] };
      if (slackErrorCode(error) === 'channel_not_found') {
        return { state: 'missing', ...none, detail: 'not found: deleted, or private and the bot was never invited (/invite the bot there)' };
      }
      const failure = toPlatformError('conversations.info', error);
      if (failure.code === 'forbidden') return { state: 'no-access', ...none, detail: failure.message };
      throw failure;
    }
  }

  // ---- doctor ------------------------------------------------------------------------------

  doctor(channels: ChannelConfig[]): Promise<DoctorLine[]> {
    return runDoctor({
      mode: this.mode,
      identity: () => this.identity(),
      appTokenWorks: async () => {
        const socketClient = new webApi.WebClient(this.options.appToken, webClientOptions(this.options.apiUrl, this.policy, this.boltLogger));
        const deadline = performance.now() + this.policy.budgetMs;
        await bounded('apps.connections.open', this.policy, { repeatable: true, deadline }, () => socketClient.apps.connections.open());
      },
      inspect: (id) => this.inspectChannel(id),
      historyReadable: async (id) => {
        const deadline = performance.now() + this.policy.budgetMs;
        await bounded('conversations.history', this.policy, { repeatable: true, deadline }, () =>
          this.client.conversations.history({ channel: id, limit: 1 }),
        );
      },
      channels: channels.filter((c) => c.platform === 'slack'),
    });
  }
}
