// A working fake of the Discord gateway (WebSocket, JSON text frames, no compression),
// served by test/fakes/discord-rest.ts on its port at /gateway (its /gateway/bot says so).
//
// Protocol, as discord.js 14 / @discordjs/ws speak it:
// - HELLO (op 10) on connect; heartbeats op 1 → op 11.
// - IDENTIFY (op 2): token (bad → close 4004), intents (privileged ones → close 4014 unless
//   `allowPrivileged`), shard [id, count] (id ≥ count → 4010). Answers READY (with `user`,
//   unavailable `guilds`, `session_id`, `resume_gateway_url`, `shard`, `application`), then a
//   GUILD_CREATE per server of that shard (guild_id >> 22 % count) with roles (@everyone id =
//   guild id), channels with overwrites, threads, features and the bot's member.
// - Dispatches are filtered by the session's shard and IDENTIFY intents; INTERACTION_CREATE
//   goes to the shard of its server (DMs: shard 0) whatever the intents.
// - RESUME (op 6): known session → the missed events replayed in order, then RESUMED;
//   unknown or invalidated → op 9 `false`.
// - Control: `reconnect()` sends op 7 (the client resumes); `invalidateSession()` sends op 9
//   `false` (the client identifies again: a new READY); `drop()` cuts the socket (the client
//   resumes).
// - Interactions: `command()` (type 2), `autocomplete()` (type 4) and `pressButton()` (type 3,
//   MESSAGE_COMPONENT, with the message it is on) with member roles, answered through the
//   REST fake's callback and webhook routes.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { Intent, PRIVILEGED_INTENTS, shardOf, type Dispatch, type FakeDiscordState, type FakeInteraction } from './discord-state.js';

export interface FakeGatewayOptions {
  heartbeatIntervalMs?: number;
  /** Accept privileged intents (default: close 4014, as for a bot without them enabled). */
  allowPrivileged?: boolean;
}

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  history: Array<{ s: number; t: string; d: unknown }>;
  socket: WebSocket | null;
  valid: boolean;
}

export interface CommandInput {
  name: string;
  /** Chat input options, e.g. `[{ type: 3, name: 'region', value: 'latam' }]` or a subcommand. */
  options?: Array<Record<string, unknown>>;
  guildId?: string;
  channelId: string;
  userId: string;
  roles?: string[];
  /** The member's permissions in the channel (a decimal string); default '0'. */
  permissions?: string;
}

export interface ButtonPressInput {
  guildId?: string;
  channelId: string;
  messageId: string;
  /** Which button; default the message's first. */
  customId?: string;
  /**
   * Pressed on a client that still shows an older version of the message: `customId` is sent
   * even though the message no longer has that button (retired, edited).
   */
  stale?: boolean;
  userId: string;
  roles?: string[];
  permissions?: string;
}

const HISTORY_LIMIT = 2_000;

export class FakeDiscordGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  /** Every IDENTIFY received, in order. */
  readonly identifies: Array<{ shard: [number, number]; intents: number }> = [];
  /** Every RESUME that succeeded. */
  resumes = 0;
  /** Every gateway WebSocket opened, identified or not. */
  opened = 0;

  constructor(
    private readonly state: FakeDiscordState,
    private readonly options: FakeGatewayOptions = {},
  ) {
    state.on('dispatch', (event: Dispatch) => this.route(event));
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!(req.url ?? '').startsWith('/gateway')) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Sessions with an open socket, by shard. */
  connected(): Array<{ sessionId: string; shard: [number, number]; intents: number }> {
    return [...this.sessions.values()]
      .filter((s) => s.valid && s.socket)
      .map((s) => ({ sessionId: s.id, shard: s.shard, intents: s.intents }));
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  private onConnection(socket: WebSocket): void {
    this.opened += 1;
    this.send(socket, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 }, s: null, t: null });
    let session: Session | undefined;
    socket.on('message', (data) => {
      let payload: { op: number; d: Record<string, unknown> | number | null };
      try {
        payload = JSON.parse(String(data)) as typeof payload;
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      switch (payload.op) {
        case 1:
          this.send(socket, { op: 11, d: null, s: null, t: null });
          break;
        case 2:
          session = this.identify(socket, payload.d as Record<string, unknown>);
          break;
        case 6:
          session = this.resume(socket, payload.d as Record<string, unknown>);
          break;
        default:
          break; // presence updates, member requests: nothing to do here
      }
    });
    socket.on('close', () => {
      if (session && session.socket === socket) session.socket = null;
    });
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    if (d.token !== this.state.token && d.token !== `Bot ${this.state.token}`) {
      socket.close(4004, 'Authentication failed.');
      return undefined;
    }
    const intents = Number(d.intents ?? 0);
    if (intents & PRIVILEGED_INTENTS && !this.options.allowPrivileged) {
      socket.close(4014, 'Disallowed intent(s).');
      return undefined;
    }
    const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    if (shard[1] < 1 || shard[0] >= shard[1]) {
      socket.close(4010, 'Invalid shard.');
      return undefined;
    }
    this.identifies.push({ shard, intents });
    const session: Session = { id: randomBytes(16).toString('hex'), shard, intents, seq: 0, history: [], socket, valid: true };
    this.sessions.set(session.id, session);
    const guilds = this.state.guildsOfShard(shard[0], shard[1]);
    this.deliver(session, 'READY', {
      v: 10,
      user: this.state.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const g of guilds) this.deliver(session, 'GUILD_CREATE', this.state.guildCreatePayload(g.id));
    return session;
  }

  /** Set by the REST fake once it listens: the resume URL READY names. */
  gatewayUrl = '';

  private resume(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    const session = this.sessions.get(String(d.session_id));
    if (!session || !session.valid || (d.token !== this.state.token && d.token !== `Bot ${this.state.token}`)) {
      this.send(socket, { op: 9, d: false, s: null, t: null });
      return undefined;
    }
    session.socket = socket;
    const from = Number(d.seq ?? 0);
    for (const e of session.history) if (e.s > from) this.send(socket, { op: 0, t: e.t, s: e.s, d: e.d });
    this.resumes++;
    this.deliver(session, 'RESUMED', {});
    return session;
  }

  /** Sends (or, while the socket is away, keeps for a RESUME) one dispatch. */
  private deliver(session: Session, t: string, d: unknown): void {
    const s = ++session.seq;
    session.history.push({ s, t, d });
    if (session.history.length > HISTORY_LIMIT) session.history.shift();
    if (session.socket) this.send(session.socket, { op: 0, t, s, d });
  }

  private route(event: Dispatch): void {
    for (const session of this.sessions.values()) {
      if (!session.valid) continue;
      const [id, count] = session.shard;
      const target = event.guildId ? shardOf(event.guildId, count) : 0;
      if (target !== id) continue;
      if (event.intent !== undefined && !(session.intents & event.intent)) continue;
      this.deliver(session, event.t, event.d);
    }
  }

  private sessionsOf(shardId?: number): Session[] {
    return [...this.sessions.values()].filter((s) => s.valid && s.socket && (shardId === undefined || s.shard[0] === shardId));
  }

  /** op 7: the client closes and resumes. */
  reconnect(shardId?: number): void {
    for (const s of this.sessionsOf(shardId)) this.send(s.socket!, { op: 7, d: null, s: null, t: null });
  }

  /** op 9 `false`: the session is gone; the client identifies again (a new READY). */
  invalidateSession(shardId?: number): void {
    for (const s of this.sessionsOf(shardId)) {
      s.valid = false;
      this.send(s.socket!, { op: 9, d: false, s: null, t: null });
    }
  }

  /** Cuts the connection without a close frame; the session stays resumable. */
  drop(shardId?: number): void {
    for (const s of this.sessionsOf(shardId)) {
      s.socket!.terminate();
      s.socket = null;
    }
  }

  // ---- interactions ------------------------------------------------------------------------

  private interaction(type: 2 | 3 | 4, input: Omit<CommandInput, 'name' | 'options'>, data: Record<string, unknown>, extra: Record<string, unknown> = {}): FakeInteraction {
    const { state } = this;
    const id = state.id();
    const token = `itok.${randomBytes(24).toString('base64url')}`;
    const user = state.users.get(input.userId) ?? state.addUser({ id: input.userId, username: 'caller' });
    const record: FakeInteraction = {
      id,
      token,
      type,
      ...(input.guildId ? { guildId: input.guildId } : {}),
      channelId: input.channelId,
      userId: user.id,
      callbacks: [],
      followups: [],
    };
    state.interactions.set(id, record);
    const channel = state.channel(input.channelId);
    const base: Record<string, unknown> = {
      id,
      application_id: state.applicationId,
      type,
      token,
      version: 1,
      channel_id: input.channelId,
      channel: channel ?? { id: input.channelId, type: 1 },
      app_permissions: '0',
      entitlements: [],
      locale: 'en-US',
      attachment_size_limit: 10_485_760,
      data,
      ...extra,
    };
    if (input.guildId) {
      const guild = state.guild(input.guildId);
      Object.assign(base, {
        guild_id: input.guildId,
        guild: { id: guild.id, features: guild.features, locale: 'en-US' },
        guild_locale: 'en-US',
        member: {
          user,
          roles: input.roles ?? [],
          permissions: input.permissions ?? '0',
          joined_at: new Date(state.now()).toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          nick: null,
          avatar: null,
        },
        authorizing_integration_owners: { '0': input.guildId },
        context: 0,
      });
    } else {
      Object.assign(base, { user, authorizing_integration_owners: { '0': input.userId }, context: 1 });
    }
    state.dispatch({ t: 'INTERACTION_CREATE', d: base, ...(input.guildId ? { guildId: input.guildId } : {}) });
    return record;
  }

  /** A slash command (interaction type 2). */
  command(input: CommandInput): FakeInteraction {
    return this.interaction(2, input, this.commandData(input));
  }

  /** An autocomplete request (interaction type 4): mark the focused option `focused: true`. */
  autocomplete(input: CommandInput): FakeInteraction {
    return this.interaction(4, input, this.commandData(input));
  }

  /**
   * Someone presses a button on a message (interaction type 3, MESSAGE_COMPONENT). Throws when
   * the message shows no such button: nobody can press what is not there.
   */
  pressButton(input: ButtonPressInput): FakeInteraction {
    const { state } = this;
    const buttons = state.buttons(input.channelId, input.messageId);
    const button = buttons.find((b) => input.customId === undefined || b.customId === input.customId);
    const customId = input.stale && input.customId !== undefined ? input.customId : button?.customId;
    if (customId === undefined) throw new Error(`fake Discord: message ${input.messageId} has no button to press`);
    const message = state.messagePayload(state.requireMessage(input.channelId, input.messageId));
    return this.interaction(3, input, { custom_id: customId, component_type: 2 }, { message });
  }

  private commandData(input: CommandInput): Record<string, unknown> {
    return { id: this.state.id(), name: input.name, type: 1, ...(input.options ? { options: input.options } : {}) };
  }

  async close(): Promise<void> {
    for (const s of this.sessions.values()) s.socket?.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

export { Intent };
