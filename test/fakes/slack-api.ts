// A working fake of the Slack Web API on 127.0.0.1, for tests that run the real Bolt/WebClient.
//
//   const slack = await startFakeSlack();               // bot token, scopes, two channels ready
//   createSlackPlatform({ botToken: slack.botToken, apiUrl: slack.url, ... })
//   slack.addChannel({ id: 'C0PUBLIC1', isPrivate: false });
//   slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfter: 1 });
//   slack.messages('C0STAFF01')                         // what the channel shows now
//   await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray'))   // state + event body
//   await signer.action(slack.press('C0STAFF01', ts, 'U0VOL1'))            // a button press
//   slack.ephemerals                                     // what only one person was shown
//   await slack.stop();
//
// It speaks the real protocol: `POST /api/<method>`, form-encoded (WebClient's choice; JSON
// fields such as `blocks` and `metadata` arrive as JSON strings) or JSON bodies, the token as
// `Authorization: Bearer`, HTTP 200 `{ ok: true, ... }` / `{ ok: false, error }`, 429 with
// `Retry-After`. It enforces what a bot would run into on Slack: scopes (`missing_scope`),
// membership (`channel_not_found` for private channels the bot is not in, `not_in_channel`
// for public ones), archived channels, Block Kit size limits, and who may edit/delete what.
// The Socket Mode WebSocket (test/fakes/slack-socket.ts) is served on the same port.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeSlackSocket } from './slack-socket.js';

/** Every scope prayerbot asks for (deploy/slack-app-manifest.yaml). */
export const ALL_BOT_SCOPES = [
  'chat:write',
  'reactions:read',
  'reactions:write',
  'commands',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
] as const;

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Slack Connect: shared with another organisation. */
  isExtShared: boolean;
  /** Slack Connect invitation sent, not yet accepted. */
  isPendingExtShared: boolean;
  /** Shared with another workspace of the same organisation (not Slack Connect). */
  isOrgShared: boolean;
  /** Whether the bot is a member. Private channels the bot is not in look missing to it. */
  isMember: boolean;
}

export interface FakeReaction {
  name: string;
  /** In the order they reacted. */
  users: string[];
}

export interface FakeMessage {
  channel: string;
  ts: string;
  /** Author: the bot's user id for the bot's own messages. */
  user: string;
  botId?: string;
  appId?: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Top-level flags the message was sent with (they decide what mentions fire). */
  parse?: string;
  linkNames?: boolean;
  reactions: FakeReaction[];
  editedTs?: string;
}

/** A message only one person sees (chat.postEphemeral, or an ephemeral response_url answer). */
export interface FakeEphemeral {
  channel: string;
  /** The only person who sees it. */
  user: string;
  text: string;
  blocks?: unknown[];
  via: 'response_url' | 'chat.postEphemeral';
}

/** A button as a message shows it (from its `actions` blocks). */
export interface FakeButton {
  blockId: string;
  actionId: string;
  text: string;
  value?: string;
}

export interface RecordedCall {
  method: string;
  /** Parsed arguments: JSON-valued fields (`blocks`, `metadata`, …) decoded; no token. */
  args: Record<string, unknown>;
  /** Which credential came with it: never the token itself. */
  auth: 'bot' | 'app' | 'invalid' | 'none';
  /** What the fake answered: `ok`, a Slack error code, `429`, `500`, `stalled`. */
  answer: string;
}

export type Fault =
  /** HTTP 429; with a `Retry-After` header only when `retryAfter` (seconds) is given. */
  | { kind: 'rate_limited'; retryAfter?: number }
  /** Any other HTTP status with an empty body, e.g. 500 or 503. */
  | { kind: 'http'; status: number }
  /** HTTP 200 `{ ok: false, error }`. */
  | { kind: 'error'; error: string }
  /**
   * Hold the response until `releaseStalled()` or `stop()`. With `apply: true` the call takes
   * effect first (the message is stored): the "sent, but the answer was lost" case; released,
   * it then answers normally. Without `apply` nothing happens and, released, it answers 503.
   */
  | { kind: 'stall'; apply?: boolean };

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  /** Not used by the fake itself; carried so tests can hand it to the signer and the app. */
  signingSecret?: string;
  /** Granted bot scopes (the `x-oauth-scopes` header of every answer). Default: all of them. */
  scopes?: readonly string[];
  teamId?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  appId?: string;
  /** Users listed per reaction by `reactions.get` without `full=true` (Slack truncates). */
  reactionUsersLimit?: number;
  /** Milliseconds since the epoch; message `ts` and event times come from it. */
  now?: () => number;
  /** Channels to create; default a private staff channel C0STAFF01 and coordinators' C0COORD01. */
  channels?: Array<Partial<FakeChannel> & { id: string }>;
}

/** The `event_callback` body Slack would POST for an event (see slack-signer.ts). */
export interface EventCallbackBody {
  token: string;
  team_id: string;
  api_app_id: string;
  event: Record<string, unknown> & { type: string };
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: Array<Record<string, unknown>>;
  is_ext_shared_channel: boolean;
  event_context: string;
}

type Handler = (args: Record<string, unknown>, auth: RecordedCall['auth']) => Record<string, unknown>;

class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3000;
const MAX_HEADER_TEXT = 150;
const MAX_MESSAGE_TEXT = 40_000;
/** msg_blocks_too_long was observed at about 13,200 characters of block text in total. */
const MAX_BLOCKS_TOTAL_TEXT = 13_000;

export class FakeSlack {
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly appId: string;
  scopes: string[];
  reactionUsersLimit: number;
  /** False: `reactions.get` truncates user lists even with `full=true` (a misbehaving Slack). */
  honourFull = true;
  /** Every call, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Bodies POSTed to `response_url`s (slash-command answers sent later), in order. */
  readonly responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  /** Messages shown to one person only, in order. */
  readonly ephemerals: FakeEphemeral[] = [];
  readonly socket: FakeSlackSocket;

  private readonly server: Server;
  private readonly channels = new Map<string, FakeChannel>();
  private readonly store = new Map<string, FakeMessage[]>();
  private readonly faults = new Map<string, Array<Fault & { channel?: string }>>();
  private readonly stalled: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();
  private readonly now: () => number;
  private lastTs = { sec: 0, seq: 0 };
  private eventSeq = 0;
  /** response_url ids handed out with button presses: whose press, on which message. */
  private readonly pressResponses = new Map<string, { channel: string; ts: string; user: string }>();
  private port = 0;

  constructor(options: FakeSlackOptions = {}) {
    this.botToken = options.botToken ?? 'xoxb-fake-bot-token';
    this.appToken = options.appToken ?? 'xapp-fake-app-token';
    this.signingSecret = options.signingSecret ?? 'fake-signing-secret';
    this.teamId = options.teamId ?? 'T0FAKE001';
    this.teamName = options.teamName ?? 'Fictional Org';
    this.botUserId = options.botUserId ?? 'U0PRAYBOT';
    this.botId = options.botId ?? 'B0PRAYBOT';
    this.botName = options.botName ?? 'prayerbot';
    this.appId = options.appId ?? 'A0PRAYBOT';
    this.scopes = [...(options.scopes ?? ALL_BOT_SCOPES)];
    this.reactionUsersLimit = options.reactionUsersLimit ?? 3;
    this.now = options.now ?? Date.now;
    for (const c of options.channels ?? [
      { id: 'C0STAFF01', name: 'prayer-staff' },
      { id: 'C0COORD01', name: 'prayer-coordinators' },
    ]) {
      this.addChannel(c);
    }
    this.socket = new FakeSlackSocket({ appId: this.appId });
    this.server = createServer((req, res) => this.onRequest(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.socket.attach(this.server);
  }

  /** Web API base for `slackApiUrl` / SLACK_API_URL, with the trailing slash. */
  get url(): string {
    return `${this.origin}/api/`;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.releaseStalled();
    await this.socket.close();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- channels, messages, reactions -------------------------------------------------------

  addChannel(c: Partial<FakeChannel> & { id: string }): FakeChannel {
    const channel: FakeChannel = {
      name: c.id.toLowerCase(),
      isPrivate: true,
      isArchived: false,
      isExtShared: false,
      isPendingExtShared: false,
      isOrgShared: false,
      isMember: true,
      ...c,
    };
    this.channels.set(channel.id, channel);
    if (!this.store.has(channel.id)) this.store.set(channel.id, []);
    return channel;
  }

  /** Changes a channel (archive it, invite the bot, share it…). */
  updateChannel(id: string, change: Partial<FakeChannel>): FakeChannel {
    const c = this.channels.get(id);
    if (!c) throw new Error(`fake slack: no channel ${id}`);
    Object.assign(c, change);
    return c;
  }

  deleteChannel(id: string): void {
    this.channels.delete(id);
    this.store.delete(id);
  }

  /** The channel's messages, oldest first. */
  messages(channelId: string): FakeMessage[] {
    return [...(this.store.get(channelId) ?? [])];
  }

  message(channelId: string, ts: string): FakeMessage | undefined {
    return this.store.get(channelId)?.find((m) => m.ts === ts);
  }

  /** A message by someone else (history paging, lookalikes). Returns its ts. */
  postAsUser(channelId: string, userId: string, text: string, metadata?: FakeMessage['metadata']): string {
    return this.insert({ channel: channelId, user: userId, text, metadata }).ts;
  }

  /** A message from the bot, as if sent earlier (e.g. before a restart). Returns its ts. */
  postAsBot(channelId: string, text: string, metadata?: FakeMessage['metadata']): string {
    return this.insert({ channel: channelId, user: this.botUserId, botId: this.botId, appId: this.appId, text, metadata }).ts;
  }

  /** Someone else (an admin, a workspace owner) deletes a message. False if it was not there. */
  deleteMessage(channelId: string, ts: string): boolean {
    const list = this.store.get(channelId) ?? [];
    const kept = list.filter((m) => m.ts !== ts);
    this.store.set(channelId, kept);
    return kept.length < list.length;
  }

  /**
   * A person adds a reaction (`pray`, `pray::skin-tone-3`, …). Returns the `reaction_added`
   * event_callback body Slack would send, for `signer.event(...)` or `socket.sendEvent(...)`.
   */
  react(channelId: string, ts: string, userId: string, name: string): EventCallbackBody {
    const m = this.mustFind(channelId, ts);
    const r = m.reactions.find((x) => x.name === name) ?? m.reactions[m.reactions.push({ name, users: [] }) - 1]!;
    if (!r.users.includes(userId)) r.users.push(userId);
    return this.reactionEvent('reaction_added', m, userId, name);
  }

  /** A person removes a reaction. Returns the `reaction_removed` event body. */
  unreact(channelId: string, ts: string, userId: string, name: string): EventCallbackBody {
    const m = this.mustFind(channelId, ts);
    const r = m.reactions.find((x) => x.name === name);
    if (r) r.users = r.users.filter((u) => u !== userId);
    m.reactions = m.reactions.filter((x) => x.users.length > 0);
    return this.reactionEvent('reaction_removed', m, userId, name);
  }

  /** The buttons a message shows, from its `actions` blocks. */
  buttons(channelId: string, ts: string): FakeButton[] {
    const m = this.mustFind(channelId, ts);
    const found: FakeButton[] = [];
    for (const b of m.blocks ?? []) {
      const block = b as { type?: string; block_id?: string; elements?: Array<Record<string, unknown>> };
      if (block.type !== 'actions') continue;
      for (const e of block.elements ?? []) {
        if (e.type !== 'button') continue;
        const text = (e.text as { text?: string } | undefined)?.text ?? '';
        found.push({ blockId: block.block_id ?? '', actionId: String(e.action_id ?? ''), text, ...(typeof e.value === 'string' ? { value: e.value } : {}) });
      }
    }
    return found;
  }

  /**
   * A person presses a message's button (the first, or the one with `actionId`). Returns the
   * `block_actions` payload Slack would send, for `signer.action(...)` or
   * `socket.sendInteractive(...)`; its response_url leads back to this fake, which shows an
   * ephemeral answer to that person only (`ephemerals`). Throws when the message has no such
   * button: nobody can press what is not there.
   */
  press(channelId: string, ts: string, userId: string, options: { actionId?: string; withoutResponseUrl?: boolean } = {}): Record<string, unknown> {
    const m = this.mustFind(channelId, ts);
    const button = this.buttons(channelId, ts).find((b) => options.actionId === undefined || b.actionId === options.actionId);
    if (!button) throw new Error(`fake slack: message ${channelId}/${ts} has no button to press`);
    this.eventSeq += 1;
    const responseId = `action-${this.eventSeq}`;
    this.pressResponses.set(responseId, { channel: channelId, ts, user: userId });
    const now = this.now();
    const actionTs = `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + (this.eventSeq % 1000)).padStart(6, '0')}`;
    return {
      type: 'block_actions',
      user: { id: userId, username: 'someone', name: 'someone', team_id: this.teamId },
      api_app_id: this.appId,
      token: 'legacy-verification-token-unused',
      container: { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: false },
      trigger_id: `trigger-action-${this.eventSeq}`,
      team: { id: this.teamId, domain: 'fictional-org' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channelId, name: 'privategroup' },
      message: this.render(m, { withMetadata: false, fullReactions: false }),
      state: { values: {} },
      ...(options.withoutResponseUrl ? {} : { response_url: `${this.origin}/response/${responseId}` }),
      actions: [
        {
          action_id: button.actionId,
          block_id: button.blockId,
          text: { type: 'plain_text', text: button.text, emoji: true },
          ...(button.value !== undefined ? { value: button.value } : {}),
          type: 'button',
          action_ts: actionTs,
        },
      ],
    };
  }

  /** Wraps any event in an event_callback body with a fresh event_id. */
  eventCallback(event: Record<string, unknown> & { type: string }, eventId?: string): EventCallbackBody {
    this.eventSeq += 1;
    return {
      token: 'legacy-verification-token-unused',
      team_id: this.teamId,
      api_app_id: this.appId,
      event,
      type: 'event_callback',
      event_id: eventId ?? `Ev0FAKE${String(this.eventSeq).padStart(6, '0')}`,
      event_time: Math.floor(this.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: this.teamId, user_id: this.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-fake-${this.eventSeq}`,
    };
  }

  /**
   * Who a message would notify, as Slack parses it: `<!channel>`, `<!here>`, `<!everyone>`,
   * `<@U…>`, `<!subteam^…>` in the notification text and mrkdwn blocks; and plain `@channel`,
   * `@here`, `@everyone` too where Slack links names (`link_names`/`parse=full` on the text,
   * mrkdwn objects without `verbatim: true`). Plain-text objects never mention.
   */
  mentions(channelId: string, ts: string): string[] {
    const m = this.mustFind(channelId, ts);
    return mentionsOf(m.text, m.blocks, m.parse === 'full' || m.linkNames === true);
  }

  // ---- fault injection ----------------------------------------------------------------------

  /**
   * The next `times` calls of `method` meet `fault` instead of the normal answer; with
   * `channel`, only calls to that channel do (a post, not a staff alert sent before it).
   */
  failNext(method: string, fault: Fault, times = 1, channel?: string): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(channel === undefined ? fault : { ...fault, channel });
    this.faults.set(method, queue);
  }

  private takeFault(method: string, args: Record<string, unknown>): Fault | undefined {
    const queue = this.faults.get(method);
    const index = queue?.findIndex((f) => f.channel === undefined || f.channel === args['channel']) ?? -1;
    return index >= 0 ? queue!.splice(index, 1)[0] : undefined;
  }

  /** Answers every stalled call now, as if the network came back. */
  releaseStalled(): void {
    for (const release of this.stalled.splice(0)) release();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---- the HTTP side -------------------------------------------------------------------------

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'POST' && path.startsWith('/response/')) {
        const id = path.slice('/response/'.length);
        const body = parseBody(raw, req.headers['content-type']);
        this.responses.push({ id, body });
        try {
          this.answerPress(id, body);
        } catch (e) {
          if (!(e instanceof SlackApiError)) throw e;
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(e.error);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      const m = /^\/api\/([\w.]+)$/.exec(path);
      if (req.method !== 'POST' || !m) {
        res.writeHead(404);
        res.end();
        return;
      }
      this.onApiCall(m[1]!, raw, req, res);
    });
  }

  private onApiCall(method: string, raw: string, req: IncomingMessage, res: ServerResponse): void {
    const args = parseBody(raw, req.headers['content-type']);
    const token = bearer(req.headers.authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    const auth: RecordedCall['auth'] =
      token === undefined ? 'none' : token === this.botToken ? 'bot' : token === this.appToken ? 'app' : 'invalid';
    const call: RecordedCall = { method, args, auth, answer: 'ok' };
    this.calls.push(call);

    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (auth === 'bot') headers['x-oauth-scopes'] = this.scopes.join(',');

    const fault = this.takeFault(method, args);
    if (fault?.kind === 'rate_limited') {
      call.answer = '429';
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      res.writeHead(429, headers);
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (fault?.kind === 'http') {
      call.answer = String(fault.status);
      res.writeHead(fault.status, { 'content-type': 'text/plain' });
      res.end('');
      return;
    }
    if (fault?.kind === 'error') {
      call.answer = fault.error;
      res.writeHead(200, headers);
      res.end(JSON.stringify({ ok: false, error: fault.error }));
      return;
    }

    if (fault?.kind === 'stall' && !fault.apply) {
      // The request is lost on the way in: no effect; released, it fails like a dead gateway.
      call.answer = 'stalled';
      this.stalled.push(() => {
        if (!res.writableEnded) {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('');
        }
      });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = { ok: true, ...this.dispatch(method, args, auth) };
    } catch (e) {
      if (!(e instanceof SlackApiError)) throw e;
      call.answer = e.error;
      body = { ok: false, error: e.error, ...e.extra };
    }
    if (fault?.kind === 'stall') {
      // The call took effect, but the answer is lost until released.
      call.answer = 'stalled';
      this.stalled.push(() => {
        if (!res.writableEnded) {
          res.writeHead(200, headers);
          res.end(JSON.stringify(body));
        }
      });
      return;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify(body));
  }

  private dispatch(method: string, args: Record<string, unknown>, auth: RecordedCall['auth']): Record<string, unknown> {
    if (method === 'apps.connections.open') {
      if (auth === 'none') throw new SlackApiError('not_authed');
      if (auth !== 'app') throw new SlackApiError(auth === 'bot' ? 'not_allowed_token_type' : 'invalid_auth');
      return { url: this.socket.urlFor(this.origin) };
    }
    if (auth === 'none') throw new SlackApiError('not_authed');
    if (auth === 'invalid') throw new SlackApiError('invalid_auth');
    if (auth === 'app') throw new SlackApiError('not_allowed_token_type');
    const handler = this.handlers[method];
    if (!handler) throw new SlackApiError('unknown_method');
    return handler(args, auth);
  }

  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => ({
      url: `https://fictional-org.slack.com/`,
      team: this.teamName,
      user: this.botName,
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    }),

    'conversations.info': (args) => {
      const c = this.visibleChannel(args.channel);
      this.needScope(c.isPrivate ? 'groups:read' : 'channels:read');
      return {
        channel: {
          id: c.id,
          name: c.name,
          is_channel: !c.isPrivate,
          is_group: c.isPrivate,
          is_im: false,
          is_private: c.isPrivate,
          is_archived: c.isArchived,
          is_general: false,
          is_shared: c.isOrgShared || c.isExtShared,
          is_org_shared: c.isOrgShared,
          is_ext_shared: c.isExtShared,
          is_pending_ext_shared: c.isPendingExtShared,
          is_member: c.isMember,
          created: 1_700_000_000,
        },
      };
    },

    'conversations.history': (args) => {
      const c = this.visibleChannel(args.channel);
      this.needScope(c.isPrivate ? 'groups:history' : 'channels:history');
      if (!c.isMember) throw new SlackApiError('not_in_channel');
      const oldest = args.oldest === undefined ? undefined : tsMicros(String(args.oldest));
      const latest = args.latest === undefined ? undefined : tsMicros(String(args.latest));
      const inclusive = truthy(args.inclusive);
      const withMetadata = truthy(args.include_all_metadata);
      const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
      const all = (this.store.get(c.id) ?? [])
        .filter((m) => {
          const t = tsMicros(m.ts);
          if (oldest !== undefined && (inclusive ? t < oldest : t <= oldest)) return false;
          if (latest !== undefined && (inclusive ? t > latest : t >= latest)) return false;
          return true;
        })
        .reverse(); // newest first, as Slack answers
      const offset = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString('utf8').replace('offset:', '')) : 0;
      const page = all.slice(offset, offset + limit);
      const hasMore = offset + limit < all.length;
      return {
        messages: page.map((m) => this.render(m, { withMetadata, fullReactions: false })),
        has_more: hasMore,
        pin_count: 0,
        ...(hasMore ? { response_metadata: { next_cursor: Buffer.from(`offset:${offset + limit}`).toString('base64') } } : {}),
      };
    },

    'chat.postMessage': (args) => {
      this.needScope('chat:write');
      const c = this.visibleChannel(args.channel);
      if (c.isArchived) throw new SlackApiError('is_archived');
      if (!c.isMember) throw new SlackApiError('not_in_channel');
      const content = checkContent(args);
      const m = this.insert({
        channel: c.id,
        user: this.botUserId,
        botId: this.botId,
        appId: this.appId,
        ...content,
        parse: typeof args.parse === 'string' ? args.parse : undefined,
        linkNames: truthy(args.link_names),
        metadata: checkMetadata(args.metadata),
      });
      return { channel: c.id, ts: m.ts, message: this.render(m, { withMetadata: true, fullReactions: true }) };
    },

    'chat.update': (args) => {
      this.needScope('chat:write');
      const c = this.visibleChannel(args.channel);
      if (c.isArchived) throw new SlackApiError('is_archived');
      const m = this.ownMessage(c.id, args.ts, 'cant_update_message');
      const content = checkContent(args);
      m.text = content.text;
      m.blocks = content.blocks;
      if (args.parse !== undefined) m.parse = String(args.parse);
      if (args.link_names !== undefined) m.linkNames = truthy(args.link_names);
      if (args.metadata !== undefined) m.metadata = checkMetadata(args.metadata);
      m.editedTs = this.nextTs();
      return { channel: c.id, ts: m.ts, text: m.text, message: this.render(m, { withMetadata: true, fullReactions: true }) };
    },

    'chat.postEphemeral': (args) => {
      this.needScope('chat:write');
      const c = this.visibleChannel(args.channel);
      if (c.isArchived) throw new SlackApiError('is_archived');
      if (!c.isMember) throw new SlackApiError('not_in_channel');
      if (typeof args.user !== 'string' || args.user === '') throw new SlackApiError('user_not_in_channel');
      const content = checkContent(args);
      this.ephemerals.push({ channel: c.id, user: args.user, ...content, via: 'chat.postEphemeral' });
      return { message_ts: this.nextTs() };
    },

    'chat.delete': (args) => {
      this.needScope('chat:write');
      const c = this.visibleChannel(args.channel);
      const m = this.ownMessage(c.id, args.ts, 'cant_delete_message');
      this.store.set(c.id, (this.store.get(c.id) ?? []).filter((x) => x !== m));
      return { channel: c.id, ts: m.ts };
    },

    'reactions.add': (args) => {
      this.needScope('reactions:write');
      const c = this.visibleChannel(args.channel);
      if (c.isArchived) throw new SlackApiError('is_archived');
      const name = String(args.name ?? '');
      if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackApiError('invalid_name');
      const m = this.findMessage(c.id, args.timestamp);
      const r = m.reactions.find((x) => x.name === name);
      if (r?.users.includes(this.botUserId)) throw new SlackApiError('already_reacted');
      if (r) r.users.push(this.botUserId);
      else m.reactions.push({ name, users: [this.botUserId] });
      return {};
    },

    'reactions.get': (args) => {
      this.needScope('reactions:read');
      const c = this.visibleChannel(args.channel);
      const m = this.findMessage(c.id, args.timestamp);
      return {
        type: 'message',
        channel: c.id,
        message: this.render(m, { withMetadata: false, fullReactions: this.honourFull && truthy(args.full) }),
      };
    },
  };

  // ---- helpers -------------------------------------------------------------------------------

  private needScope(scope: string): void {
    if (!this.scopes.includes(scope)) {
      throw new SlackApiError('missing_scope', { needed: scope, provided: this.scopes.join(',') });
    }
  }

  /** The channel as the bot sees it: private channels it is not in do not exist for it. */
  private visibleChannel(id: unknown): FakeChannel {
    if (typeof id !== 'string' || id === '') throw new SlackApiError('channel_not_found');
    const c = this.channels.get(id);
    if (!c || (c.isPrivate && !c.isMember)) throw new SlackApiError('channel_not_found');
    return c;
  }

  private findMessage(channelId: string, ts: unknown): FakeMessage {
    const m = typeof ts === 'string' ? this.message(channelId, ts) : undefined;
    if (!m) throw new SlackApiError('message_not_found');
    return m;
  }

  private ownMessage(channelId: string, ts: unknown, refusal: string): FakeMessage {
    const m = this.findMessage(channelId, ts);
    if (m.user !== this.botUserId) throw new SlackApiError(refusal);
    return m;
  }

  private mustFind(channelId: string, ts: string): FakeMessage {
    const m = this.message(channelId, ts);
    if (!m) throw new Error(`fake slack: no message ${channelId}/${ts}`);
    return m;
  }

  private insert(m: Omit<FakeMessage, 'ts' | 'reactions'> & { reactions?: FakeReaction[] }): FakeMessage {
    if (!this.channels.has(m.channel)) throw new Error(`fake slack: no channel ${m.channel}`);
    const message: FakeMessage = { ...m, ts: this.nextTs(), reactions: m.reactions ?? [] };
    if (message.metadata === undefined) delete message.metadata;
    this.store.get(m.channel)!.push(message);
    return message;
  }

  /** Strictly increasing `seconds.micro6` from the fake's clock. */
  private nextTs(): string {
    const sec = Math.floor(this.now() / 1000);
    if (sec > this.lastTs.sec) this.lastTs = { sec, seq: 0 };
    else this.lastTs.seq += 1;
    return `${this.lastTs.sec}.${String(this.lastTs.seq).padStart(6, '0')}`;
  }

  /**
   * What Slack does with a POST to a press's response_url: `replace_original: true` replaces
   * the message for everyone, `delete_original` deletes it, `response_type: 'in_channel'`
   * posts for everyone; anything else is shown to the presser only.
   */
  private answerPress(id: string, body: Record<string, unknown>): void {
    const press = this.pressResponses.get(id);
    if (!press) return;
    if (truthy(body.delete_original)) {
      this.deleteMessage(press.channel, press.ts);
      return;
    }
    const content = checkContent(body);
    if (truthy(body.replace_original)) {
      const m = this.mustFind(press.channel, press.ts);
      m.text = content.text;
      m.blocks = content.blocks;
      m.editedTs = this.nextTs();
      return;
    }
    if (body.response_type === 'in_channel') {
      this.insert({ channel: press.channel, user: this.botUserId, botId: this.botId, appId: this.appId, ...content });
      return;
    }
    this.ephemerals.push({ channel: press.channel, user: press.user, ...content, via: 'response_url' });
  }

  private reactionEvent(type: string, m: FakeMessage, userId: string, name: string): EventCallbackBody {
    const now = this.now();
    const micros = (now % 1000) * 1000 + (this.eventSeq % 1000);
    return this.eventCallback({
      type,
      user: userId,
      reaction: name,
      item: { type: 'message', channel: m.channel, ts: m.ts },
      item_user: m.user,
      event_ts: `${Math.floor(now / 1000)}.${String(micros).padStart(6, '0')}`,
    });
  }

  private render(m: FakeMessage, opts: { withMetadata: boolean; fullReactions: boolean }): Record<string, unknown> {
    const out: Record<string, unknown> = { type: 'message', ts: m.ts, user: m.user, text: m.text, team: this.teamId };
    if (m.botId) {
      out.bot_id = m.botId;
      out.app_id = m.appId;
    }
    if (m.blocks) out.blocks = m.blocks;
    if (m.editedTs) out.edited = { user: m.user, ts: m.editedTs };
    if (opts.withMetadata && m.metadata) out.metadata = m.metadata;
    if (m.reactions.length > 0) {
      out.reactions = m.reactions.map((r) => ({
        name: r.name,
        count: r.users.length,
        users: opts.fullReactions ? [...r.users] : r.users.slice(0, this.reactionUsersLimit),
      }));
    }
    return out;
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlack(options).listen();
}

// ---- parsing and checks (module-private) -----------------------------------------------------

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' ? { ...(parsed as Record<string, unknown>) } : {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // Slack would reject it later; keep the raw string.
      }
    }
    out[k] = v;
  }
  return out;
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  return m ? m[1] : undefined;
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

/** `1712345678.000100` → 1712345678000100 (exact). */
function tsMicros(ts: string): number {
  const [sec = '0', frac = ''] = ts.split('.');
  return Number(sec) * 1_000_000 + Number((frac + '000000').slice(0, 6));
}

function checkContent(args: Record<string, unknown>): { text: string; blocks?: unknown[] } {
  const text = typeof args.text === 'string' ? args.text : '';
  const blocks = args.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  if (text === '' && (!blocks || blocks.length === 0)) throw new SlackApiError('no_text');
  if (text.length > MAX_MESSAGE_TEXT) throw new SlackApiError('msg_too_long');
  if (blocks) {
    if (blocks.length > MAX_BLOCKS) throw new SlackApiError('invalid_blocks', { errors: [`must provide at most ${MAX_BLOCKS} items`] });
    let total = 0;
    for (const [i, b] of blocks.entries()) {
      const block = b as { type?: string; text?: { text?: string }; elements?: Array<{ text?: string }> };
      const own = block.text?.text ?? '';
      if (block.type === 'header' && own.length > MAX_HEADER_TEXT) throw blockError(i, 'text', MAX_HEADER_TEXT);
      if (block.type === 'section' && own.length > MAX_SECTION_TEXT) throw blockError(i, 'text', MAX_SECTION_TEXT);
      total += own.length;
      if (block.type === 'actions') {
        const elements = (block as { elements?: Array<Record<string, unknown>> }).elements ?? [];
        if (elements.length === 0 || elements.length > 25) throw new SlackApiError('invalid_blocks', { errors: [`must provide 1 to 25 items [json-pointer:/blocks/${i}/elements]`] });
        for (const e of elements) {
          const label = (e.text as { text?: unknown } | undefined)?.text;
          if (e.type === 'button' && (typeof label !== 'string' || label.length === 0 || label.length > 75)) throw blockError(i, 'elements/text', 75);
          if (typeof e.action_id === 'string' && e.action_id.length > 255) throw blockError(i, 'elements/action_id', 255);
          if (typeof e.value === 'string' && e.value.length > 2000) throw blockError(i, 'elements/value', 2000);
        }
      }
      if (block.type === 'context') {
        if ((block.elements?.length ?? 0) > 10) throw new SlackApiError('invalid_blocks');
        for (const e of block.elements ?? []) {
          if ((e.text ?? '').length > MAX_SECTION_TEXT) throw blockError(i, 'elements', MAX_SECTION_TEXT);
          total += (e.text ?? '').length;
        }
      }
    }
    if (total > MAX_BLOCKS_TOTAL_TEXT) throw new SlackApiError('msg_blocks_too_long');
  }
  return blocks && blocks.length > 0 ? { text, blocks } : { text };
}

function blockError(index: number, field: string, max: number): SlackApiError {
  return new SlackApiError('invalid_blocks', { errors: [`must be less than ${max + 1} characters [json-pointer:/blocks/${index}/${field}]`] });
}

function checkMetadata(v: unknown): FakeMessage['metadata'] {
  if (v === undefined) return undefined;
  const m = v as { event_type?: unknown; event_payload?: unknown };
  if (typeof m !== 'object' || m === null || typeof m.event_type !== 'string' || !/^[a-z0-9_]+$/.test(m.event_type)) {
    throw new SlackApiError('invalid_metadata_format');
  }
  if (typeof m.event_payload !== 'object' || m.event_payload === null) throw new SlackApiError('invalid_metadata_format');
  return { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> };
}

const ESCAPED_MENTION = /<(!channel|!here|!everyone|@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+)(\|[^>]*)?>/g;
const PLAIN_MENTION = /(^|[^\w@])@(channel|here|everyone)\b/g;

function mentionsOf(text: string, blocks: unknown[] | undefined, linkNames: boolean): string[] {
  const found: string[] = [];
  const scan = (s: string, plainCounts: boolean) => {
    for (const m of s.matchAll(ESCAPED_MENTION)) found.push(m[1]!.replace(/^!/, '').replace(/^@/, '@'));
    if (plainCounts) for (const m of s.matchAll(PLAIN_MENTION)) found.push(m[2]!);
  };
  scan(text, linkNames);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') scan(o.text, o.verbatim !== true);
    for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') visit(v);
  };
  visit(blocks);
  return found;
}
