// A working fake of Discord's REST API (v10) on 127.0.0.1, with the gateway WebSocket
// (test/fakes/discord-gateway.ts) on the same port, for tests and benchmarks that run the
// real discord.js / @discordjs/rest.
//
//   const discord = await startFakeDiscord();            // bot user + application, no servers yet
//   const g = discord.state.addGuild({ name: 'Volunteers' });
//   const ch = discord.state.addChannel(g.id, { name: 'prayer' });
//   new Client({ ..., rest: { api: discord.apiUrl } })    // the library appends /v10
//   discord.failNext({ method: 'POST', path: /\/messages$/, status: 429, retryAfter: 0.2 });
//   discord.stallNext({ method: 'POST', path: /\/messages$/ });   // store, then never answer
//   discord.calls                                        // every request, in order
//   await discord.stop();
//
// What it does like Discord:
// - `Authorization: Bot <token>` on everything but interaction callbacks and webhooks (401).
// - Permissions: View Channel, Send Messages, Read Message History, Add Reactions and Manage
//   Messages are checked in the channel (403 50001/50013), with Discord's overwrite order.
// - Create/Edit Message validate content, embed and component (button) limits (400 50035), honour `nonce` +
//   `enforce_nonce` (the same nonce from the same author in the same channel within
//   `nonceWindowMs` returns the first message), and returns `nonce` only in that answer.
// - GET messages: `after`/`before`/`limit`, newest first; reactions with `count_details`;
//   reaction users by `type` 0 (normal) / 1 (burst), `after` + `limit` paging.
// - Rate limits: X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket on every answer; a
//   per-route window (`routeLimits`); an optional global token bucket (`globalRate`, e.g.
//   50/s burst 50) answering 429 with `Retry-After`, `X-RateLimit-Global` and `-Scope`.
// - Interaction callbacks (204, or 200 `with_response`), 40060 on a second answer; webhook
//   edits of `@original` and follow-ups; application command PUT/GET (global and guild).
// - A 204 carries no content-type.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeDiscordGateway, type FakeGatewayOptions } from './discord-gateway.js';
import { FakeDiscordState, P, type FakeDiscordStateOptions, type FakeInteraction, type FakeMessage } from './discord-state.js';

export interface RecordedCall {
  method: string;
  /** Decoded path without `/api/v10`, e.g. `/channels/1/messages/2/reactions/🙏/@me`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Whether a valid bot token came with it (the token itself is never recorded). */
  authorized: boolean;
  /** 0 when the answer was stalled. */
  status: number;
  at: number;
}

export interface FailRule {
  method?: string;
  path: RegExp | string;
  status: number;
  /** Seconds, for 429 (the `Retry-After` header; the body's `retry_after` too). */
  retryAfter?: number;
  /** 429 scope: `user` (route, default), `global`, `shared`. */
  scope?: 'user' | 'global' | 'shared';
  body?: Record<string, unknown>;
  /** How many matching requests fail (default 1). */
  times?: number;
}

export interface StallRule {
  method?: string;
  path: RegExp | string;
  times?: number;
}

export interface RouteLimit {
  method?: string;
  path: RegExp;
  limit: number;
  windowMs: number;
}

export interface FakeDiscordOptions extends FakeDiscordStateOptions {
  /** A token bucket over all authorised requests (interaction callbacks excluded). */
  globalRate?: { perSecond: number; burst: number };
  /** Per-route windows (per route and major parameter); default 50 per second. */
  routeLimits?: RouteLimit[];
  /** How long a Create Message nonce is remembered with enforce_nonce (default 5 min). */
  nonceWindowMs?: number;
  gateway?: FakeGatewayOptions;
}

export interface FakeDiscord {
  /** REST base without version, for `rest.api` / DISCORD_API_URL. */
  apiUrl: string;
  state: FakeDiscordState;
  gateway: FakeDiscordGateway;
  calls: RecordedCall[];
  callsTo(method: string, path: RegExp | string): RecordedCall[];
  failNext(rule: FailRule): void;
  stallNext(rule: StallRule): void;
  /** Answers every stalled request with a dropped connection. */
  releaseStalled(): void;
  /** 429s answered so far, by scope. */
  rateLimited: { user: number; global: number; shared: number };
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  body?: unknown;
}

interface Ctx {
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown> | unknown[] | undefined;
  authorized: boolean;
}

type Handler = (ctx: Ctx) => Reply;

const DEFAULT_ROUTE_LIMIT = { limit: 50, windowMs: 1_000 };

function matches(rule: { method?: string; path: RegExp | string }, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  return typeof rule.path === 'string' ? path === rule.path : rule.path.test(path);
}

/** The route a bucket is kept for: ids replaced, major parameters (channel, guild, webhook) kept. */
function bucketRoute(method: string, path: string): { route: string; major: string } {
  const parts = path.split('/');
  let major = 'global';
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const seg = parts[i]!;
    const prev = parts[i - 1];
    if ((prev === 'channels' || prev === 'guilds' || prev === 'webhooks') && major === 'global') {
      major = seg;
      out.push(':major');
    } else if (prev === 'reactions') {
      out.push(':emoji');
    } else if (prev === 'interactions' || (prev && /^\d+$/.test(prev) && parts[i - 2] === 'interactions')) {
      out.push(':id');
    } else if (/^\d{5,}$/.test(seg)) {
      out.push(':id');
    } else {
      out.push(seg);
    }
  }
  return { route: `${method} ${out.join('/')}`, major };
}

/** Discord's checks on message components: action rows (type 1) of up to 5 buttons (type 2). */
function componentProblems(components: unknown): string | undefined {
  if (components === undefined || components === null) return undefined;
  if (!Array.isArray(components)) return 'components: Must be an array.';
  if (components.length > 5) return 'components: Must be 5 or fewer in length.';
  const ids = new Set<string>();
  for (const [i, r] of components.entries()) {
    const row = r as { type?: unknown; components?: unknown };
    if (row.type !== 1 || !Array.isArray(row.components)) return `components[${i}]: Must be an action row.`;
    if (row.components.length < 1 || row.components.length > 5) return `components[${i}].components: Must be between 1 and 5 in length.`;
    for (const [j, c] of row.components.entries()) {
      const button = c as { type?: unknown; style?: unknown; label?: unknown; custom_id?: unknown };
      const at = `components[${i}].components[${j}]`;
      if (button.type !== 2) return `${at}.type: This fake knows buttons only.`;
      if (typeof button.style !== 'number' || button.style < 1 || button.style > 4) return `${at}.style: A button with a custom_id needs style 1 to 4.`;
      if (typeof button.label === 'string' && button.label.length > 80) return `${at}.label: Must be 80 or fewer in length.`;
      if (typeof button.custom_id !== 'string' || button.custom_id.length < 1 || button.custom_id.length > 100) return `${at}.custom_id: Must be between 1 and 100 in length.`;
      if (ids.has(button.custom_id)) return `${at}.custom_id: Component custom id cannot be duplicated.`;
      ids.add(button.custom_id);
    }
  }
  return undefined;
}

function embedProblems(embeds: unknown): string | undefined {
  if (!Array.isArray(embeds)) return undefined;
  if (embeds.length > 10) return 'embeds: Must be 10 or fewer in length.';
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const embed = e as { title?: string; description?: string; footer?: { text?: string }; author?: { name?: string }; fields?: Array<{ name: string; value: string }>; url?: string };
    if ((embed.title?.length ?? 0) > 256) return `embeds[${i}].title: Must be 256 or fewer in length.`;
    if ((embed.description?.length ?? 0) > 4096) return `embeds[${i}].description: Must be 4096 or fewer in length.`;
    if ((embed.footer?.text?.length ?? 0) > 2048) return `embeds[${i}].footer.text: Must be 2048 or fewer in length.`;
    if ((embed.author?.name?.length ?? 0) > 256) return `embeds[${i}].author.name: Must be 256 or fewer in length.`;
    if (embed.url !== undefined && !/^https?:\/\//.test(embed.url)) return `embeds[${i}].url: Not a well formed URL.`;
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text?.length ?? 0) + (embed.author?.name?.length ?? 0);
    for (const f of embed.fields ?? []) total += f.name.length + f.value.length;
  }
  if (total > 6000) return 'embeds: Embed size exceeds maximum size of 6000';
  return undefined;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = new FakeDiscordState(options);
  const calls: RecordedCall[] = [];
  const failRules: Array<FailRule & { left: number }> = [];
  const stallRules: Array<StallRule & { left: number }> = [];
  const stalled = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const windows = new Map<string, { resetAt: number; used: number }>();
  const nonces = new Map<string, { messageId: string; at: number }>();
  const nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
  const rateLimited = { user: 0, global: 0, shared: 0 };
  let bucket = options.globalRate ? { tokens: options.globalRate.burst, at: Date.now() } : undefined;
  let origin = '';

  const bot = state.bot;

  // ---- helpers -----------------------------------------------------------------------------

  function channelOr404(id: string) {
    const channel = state.channel(id);
    if (!channel) throw new HttpError(404, 10003, 'Unknown Channel');
    return channel;
  }
  function need(channelId: string, ...flags: bigint[]): void {
    const perms = state.permissionsIn(channelId, bot.id);
    if (!(perms & P.ViewChannel)) throw new HttpError(403, 50001, 'Missing Access');
    for (const f of flags) if (!(perms & f)) throw new HttpError(403, 50013, 'Missing Permissions');
  }
  function messageOr404(channelId: string, messageId: string): FakeMessage {
    const m = state.message(channelId, messageId);
    if (!m) throw new HttpError(404, 10008, 'Unknown Message');
    return m;
  }
  function formError(message: string): HttpError {
    return new HttpError(400, 50035, 'Invalid Form Body', { detail: message });
  }
  function validateMessageBody(body: Record<string, unknown>, creating: boolean): void {
    const content = body.content;
    if (content !== undefined && content !== null && (typeof content !== 'string' || content.length > 2000)) {
      throw formError('content: Must be 2000 or fewer in length.');
    }
    const problem = embedProblems(body.embeds) ?? componentProblems(body.components);
    if (problem) throw formError(problem);
    if (creating) {
      const nonce = body.nonce;
      if (nonce !== undefined && typeof nonce === 'string' && nonce.length > 25) throw formError('nonce: Must be 25 or fewer in length.');
      const empty = !content && (!Array.isArray(body.embeds) || body.embeds.length === 0);
      if (empty) throw new HttpError(400, 50006, 'Cannot send an empty message');
    }
  }
  function interactionOr404(id: string, token: string): FakeInteraction {
    const i = state.interactions.get(id);
    if (!i || i.token !== token) throw new HttpError(404, 10062, 'Unknown interaction');
    return i;
  }
  function interactionByToken(appId: string, token: string): FakeInteraction {
    if (appId !== state.applicationId) throw new HttpError(404, 10015, 'Unknown Webhook');
    for (const i of state.interactions.values()) if (i.token === token) return i;
    throw new HttpError(404, 10015, 'Unknown Webhook');
  }
  function webhookMessage(i: FakeInteraction, data: Record<string, unknown> | undefined, flags: number): FakeMessage {
    return {
      id: state.id(),
      channel_id: i.channelId,
      ...(i.guildId ? { guild_id: i.guildId } : {}),
      author: bot,
      content: typeof data?.content === 'string' ? data.content : '',
      embeds: Array.isArray(data?.embeds) ? (data.embeds as Array<Record<string, unknown>>) : [],
      ...(data?.allowed_mentions !== undefined ? { allowed_mentions: data.allowed_mentions } : {}),
      flags,
      createdAt: state.now(),
      edited_timestamp: null,
      reactions: [],
      webhook_id: state.applicationId,
    };
  }
  function commandsOut(key: string, body: unknown): Array<Record<string, unknown>> {
    const list = Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [];
    const stored = list.map((c) => ({
      id: state.id(),
      application_id: state.applicationId,
      version: state.id(),
      type: 1,
      default_member_permissions: null,
      nsfw: false,
      ...c,
      ...(key === 'global' ? {} : { guild_id: key }),
    }));
    state.commands.set(key, stored);
    return stored;
  }

  // ---- routes ------------------------------------------------------------------------------

  const routes: Array<[string, RegExp, Handler]> = [
    ['GET', /^\/gateway\/bot$/, () => ({
      status: 200,
      body: {
        url: gateway.gatewayUrl,
        shards: state.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 },
      },
    })],
    ['GET', /^\/gateway$/, () => ({ status: 200, body: { url: gateway.gatewayUrl } })],
    ['GET', /^\/users\/@me$/, () => ({ status: 200, body: bot })],
    ['GET', /^\/users\/(\d+)$/, ({ params }) => {
      const u = state.users.get(params[0]!);
      if (!u) throw new HttpError(404, 10013, 'Unknown User');
      return { status: 200, body: u };
    }],
    ['GET', /^\/(?:applications|oauth2\/applications)\/@me$/, () => ({
      status: 200,
      body: { id: state.applicationId, name: 'prayerbot', description: '', flags: 0, bot_public: false, bot_require_code_grant: false, verify_key: '00', icon: null, bot },
    })],

    // Servers
    ['GET', /^\/guilds\/(\d+)$/, ({ params }) => {
      const g = state.guilds.get(params[0]!);
      if (!g) throw new HttpError(404, 10004, 'Unknown Guild');
      return { status: 200, body: state.guildPayload(g) };
    }],
    ['GET', /^\/guilds\/(\d+)\/roles$/, ({ params }) => ({ status: 200, body: state.guild(params[0]!).roles })],
    ['GET', /^\/guilds\/(\d+)\/channels$/, ({ params }) => ({
      status: 200,
      body: [...state.channels.values()].filter((c) => c.guild_id === params[0] && !c.thread_metadata).map((c) => state.channelPayload(c)),
    })],
    ['GET', /^\/guilds\/(\d+)\/members\/(\d+)$/, ({ params }) => {
      const g = state.guilds.get(params[0]!);
      if (!g) throw new HttpError(404, 10004, 'Unknown Guild');
      const m = g.members.get(params[1]!);
      if (!m) throw new HttpError(404, 10007, 'Unknown Member');
      return { status: 200, body: state.memberPayload(m) };
    }],

    // Channels and messages
    ['GET', /^\/channels\/(\d+)$/, ({ params }) => {
      const ch = channelOr404(params[0]!);
      need(ch.id);
      return { status: 200, body: state.channelPayload(ch) };
    }],
    ['GET', /^\/channels\/(\d+)\/messages$/, ({ params, query }) => {
      const ch = channelOr404(params[0]!);
      need(ch.id, P.ReadMessageHistory);
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
      const all = state.messages(ch.id);
      let picked: FakeMessage[];
      const after = query.get('after');
      const before = query.get('before');
      if (after) picked = all.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
      else if (before) picked = all.filter((m) => BigInt(m.id) < BigInt(before)).slice(-limit);
      else picked = all.slice(-limit);
      return { status: 200, body: picked.reverse().map((m) => state.messagePayload(m)) };
    }],
    ['POST', /^\/channels\/(\d+)\/messages$/, ({ params, body }) => {
      const ch = channelOr404(params[0]!);
      need(ch.id, P.SendMessages);
      const b = (body ?? {}) as Record<string, unknown>;
      validateMessageBody(b, true);
      const nonce = b.nonce as string | number | undefined;
      if (nonce !== undefined && b.enforce_nonce === true) {
        const key = `${ch.id}:${bot.id}:${nonce}`;
        const seen = nonces.get(key);
        const first = seen && state.now() - seen.at < nonceWindowMs ? state.message(ch.id, seen.messageId) : undefined;
        if (first) return { status: 200, body: state.messagePayload(first, { withNonce: true }) };
      }
      const m = state.createMessage(ch.id, {
        authorId: bot.id,
        content: typeof b.content === 'string' ? b.content : '',
        embeds: Array.isArray(b.embeds) ? (b.embeds as Array<Record<string, unknown>>) : [],
        ...(Array.isArray(b.components) ? { components: b.components as Array<Record<string, unknown>> } : {}),
        ...(nonce !== undefined ? { nonce } : {}),
        ...(b.allowed_mentions !== undefined ? { allowedMentions: b.allowed_mentions } : {}),
      });
      if (nonce !== undefined && b.enforce_nonce === true) nonces.set(`${ch.id}:${bot.id}:${nonce}`, { messageId: m.id, at: state.now() });
      return { status: 200, body: state.messagePayload(m, { withNonce: true }) };
    }],
    ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params }) => {
      need(channelOr404(params[0]!).id, P.ReadMessageHistory);
      return { status: 200, body: state.messagePayload(messageOr404(params[0]!, params[1]!)) };
    }],
    ['PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params, body }) => {
      need(channelOr404(params[0]!).id);
      const m = messageOr404(params[0]!, params[1]!);
      if (m.author.id !== bot.id) throw new HttpError(403, 50005, 'Cannot edit a message authored by another user');
      const b = (body ?? {}) as Record<string, unknown>;
      validateMessageBody(b, false);
      state.editMessage(m, {
        ...(typeof b.content === 'string' ? { content: b.content } : {}),
        ...(Array.isArray(b.embeds) ? { embeds: b.embeds as Array<Record<string, unknown>> } : {}),
        ...(Array.isArray(b.components) ? { components: b.components as Array<Record<string, unknown>> } : {}),
      });
      if (b.allowed_mentions !== undefined) m.allowed_mentions = b.allowed_mentions;
      return { status: 200, body: state.messagePayload(m) };
    }],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, ({ params }) => {
      const ch = channelOr404(params[0]!);
      need(ch.id);
      const m = messageOr404(ch.id, params[1]!);
      if (m.author.id !== bot.id) need(ch.id, P.ManageMessages);
      state.deleteMessage(ch.id, m.id);
      return { status: 204 };
    }],

    // Reactions
    ['PUT', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/, ({ params }) => {
      const ch = channelOr404(params[0]!);
      need(ch.id, P.ReadMessageHistory);
      const m = messageOr404(ch.id, params[1]!);
      const already = m.reactions.some((r) => r.emoji === params[2]);
      if (!already) need(ch.id, P.AddReactions);
      state.addReaction(ch.id, m.id, bot.id, params[2]!);
      return { status: 204 };
    }],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/, ({ params }) => {
      need(channelOr404(params[0]!).id);
      messageOr404(params[0]!, params[1]!);
      state.removeReaction(params[0]!, params[1]!, bot.id, params[2]!);
      return { status: 204 };
    }],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/(\d+)$/, ({ params }) => {
      need(channelOr404(params[0]!).id, P.ManageMessages);
      messageOr404(params[0]!, params[1]!);
      state.removeReaction(params[0]!, params[1]!, params[3]!, params[2]!);
      state.removeReaction(params[0]!, params[1]!, params[3]!, params[2]!, { burst: true });
      return { status: 204 };
    }],
    ['GET', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)$/, ({ params, query }) => {
      need(channelOr404(params[0]!).id, P.ReadMessageHistory);
      const m = messageOr404(params[0]!, params[1]!);
      const r = m.reactions.find((x) => x.emoji === params[2]);
      const type = Number(query.get('type') ?? 0);
      const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 25)));
      const after = query.get('after');
      const ids = [...((type === 1 ? r?.burst : r?.normal) ?? [])].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      const page = ids.filter((id) => !after || BigInt(id) > BigInt(after)).slice(0, limit);
      return { status: 200, body: page.map((id) => state.users.get(id) ?? { id, username: 'unknown', discriminator: '0', global_name: null, avatar: null }) };
    }],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)$/, ({ params }) => {
      need(channelOr404(params[0]!).id, P.ManageMessages);
      messageOr404(params[0]!, params[1]!);
      state.clearEmoji(params[0]!, params[1]!, params[2]!);
      return { status: 204 };
    }],
    ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions$/, ({ params }) => {
      need(channelOr404(params[0]!).id, P.ManageMessages);
      messageOr404(params[0]!, params[1]!);
      state.clearReactions(params[0]!, params[1]!);
      return { status: 204 };
    }],

    // Interactions (no bot token: the interaction token is the credential)
    ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, ({ params, body, query }) => {
      const i = interactionOr404(params[0]!, params[1]!);
      if (i.callbacks.length > 0) throw new HttpError(400, 40060, 'Interaction has already been acknowledged.');
      const b = (body ?? {}) as { type: number; data?: Record<string, unknown> };
      i.callbacks.push(b);
      const flags = Number(b.data?.flags ?? 0);
      if (b.type === 4 || b.type === 5) i.original = webhookMessage(i, b.type === 4 ? b.data : undefined, flags | (b.type === 5 ? 128 : 0));
      if (query.get('with_response') === 'true') {
        return {
          status: 200,
          body: {
            interaction: { id: i.id, type: i.type, activity_instance_id: null, response_message_id: i.original?.id ?? null, response_message_loading: b.type === 5, response_message_ephemeral: (flags & 64) !== 0 },
            resource: { type: b.type, ...(i.original ? { message: state.messagePayload(i.original) } : {}) },
          },
        };
      }
      return { status: 204 };
    }],
    ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, ({ params, body }) => {
      const i = interactionByToken(params[0]!, params[1]!);
      const target = params[2] === '@original' ? i.original : i.followups.find((m) => m.id === params[2]);
      if (!target) throw new HttpError(404, 10008, 'Unknown Message');
      const b = (body ?? {}) as Record<string, unknown>;
      validateMessageBody(b, false);
      state.editMessage(target, {
        ...(typeof b.content === 'string' ? { content: b.content } : {}),
        ...(Array.isArray(b.embeds) ? { embeds: b.embeds as Array<Record<string, unknown>> } : {}),
      });
      if (b.allowed_mentions !== undefined) target.allowed_mentions = b.allowed_mentions;
      target.flags &= ~128;
      return { status: 200, body: state.messagePayload(target) };
    }],
    ['GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/, ({ params }) => {
      const i = interactionByToken(params[0]!, params[1]!);
      const target = params[2] === '@original' ? i.original : i.followups.find((m) => m.id === params[2]);
      if (!target) throw new HttpError(404, 10008, 'Unknown Message');
      return { status: 200, body: state.messagePayload(target) };
    }],
    ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, ({ params, body, query }) => {
      const i = interactionByToken(params[0]!, params[1]!);
      if (i.callbacks.length === 0) throw new HttpError(404, 10015, 'Unknown Webhook');
      const b = (body ?? {}) as Record<string, unknown>;
      validateMessageBody(b, true);
      const m = webhookMessage(i, b, Number(b.flags ?? 0));
      i.followups.push(m);
      return query.get('wait') === 'false' ? { status: 204 } : { status: 200, body: state.messagePayload(m) };
    }],

    // Application commands
    ['PUT', /^\/applications\/(\d+)\/commands$/, ({ params, body }) => {
      if (params[0] !== state.applicationId) throw new HttpError(403, 50001, 'Missing Access');
      return { status: 200, body: commandsOut('global', body) };
    }],
    ['PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, ({ params, body }) => {
      if (params[0] !== state.applicationId) throw new HttpError(403, 50001, 'Missing Access');
      if (!state.guilds.has(params[1]!)) throw new HttpError(403, 50001, 'Missing Access');
      return { status: 200, body: commandsOut(params[1]!, body) };
    }],
    ['GET', /^\/applications\/(\d+)\/commands$/, () => ({ status: 200, body: state.commands.get('global') ?? [] })],
    ['GET', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, ({ params }) => ({ status: 200, body: state.commands.get(params[1]!) ?? [] })],
  ];

  // ---- the server --------------------------------------------------------------------------

  function rateLimitHeaders(res: ServerResponse, method: string, path: string): Reply | undefined {
    const { route, major } = bucketRoute(method, path);
    const rule = (options.routeLimits ?? []).find((r) => matches(r, method, path)) ?? DEFAULT_ROUTE_LIMIT;
    const key = `${route}|${major}`;
    const now = Date.now();
    let w = windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { resetAt: now + rule.windowMs, used: 0 };
      windows.set(key, w);
    }
    const resetAfter = Math.max(0, w.resetAt - now) / 1000;
    res.setHeader('X-RateLimit-Bucket', createHash('sha1').update(route).digest('hex').slice(0, 16));
    res.setHeader('X-RateLimit-Limit', String(rule.limit));
    res.setHeader('X-RateLimit-Reset', (w.resetAt / 1000).toFixed(3));
    res.setHeader('X-RateLimit-Reset-After', resetAfter.toFixed(3));
    if (w.used >= rule.limit) {
      res.setHeader('X-RateLimit-Remaining', '0');
      return tooMany(res, resetAfter, 'user');
    }
    w.used++;
    res.setHeader('X-RateLimit-Remaining', String(rule.limit - w.used));
    return undefined;
  }

  function tooMany(res: ServerResponse, retryAfter: number, scope: 'user' | 'global' | 'shared'): Reply {
    rateLimited[scope]++;
    const seconds = Math.max(0.001, retryAfter);
    res.setHeader('Retry-After', seconds.toFixed(3));
    res.setHeader('X-RateLimit-Scope', scope);
    if (scope === 'global') res.setHeader('X-RateLimit-Global', 'true');
    return { status: 429, body: { message: 'You are being rate limited.', retry_after: seconds, global: scope === 'global' } };
  }

  function takeGlobalToken(res: ServerResponse): Reply | undefined {
    if (!bucket || !options.globalRate) return undefined;
    const { perSecond, burst } = options.globalRate;
    const now = Date.now();
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return tooMany(res, (1 - bucket.tokens) / perSecond, 'global');
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = url.pathname.replace(/^\/api\/v\d+/, '');
    const path = raw.split('/').map((s) => decodeURIComponent(s)).join('/');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Ctx['body'];
    try {
      body = text ? (JSON.parse(text) as Ctx['body']) : undefined;
    } catch {
      body = undefined;
    }
    const authorized = req.headers.authorization === `Bot ${state.token}`;
    const record: RecordedCall = { method, path, query: Object.fromEntries(url.searchParams), body, authorized, status: 0, at: Date.now() };
    calls.push(record);
    const respond = (reply: Reply) => {
      record.status = reply.status;
      send(res, reply);
    };

    const tokenFree = /^\/(interactions|webhooks)\//.test(path);
    if (!tokenFree && !authorized) return respond({ status: 401, body: { message: '401: Unauthorized', code: 0 } });

    const fail = failRules.find((r) => r.left > 0 && matches(r, method, path));
    if (fail) {
      fail.left--;
      if (fail.status === 429) return respond(tooMany(res, fail.retryAfter ?? 1, fail.scope ?? 'user'));
      return respond({ status: fail.status, body: fail.body ?? { message: 'Fake failure', code: 0 } });
    }
    if (!tokenFree) {
      const limited = takeGlobalToken(res);
      if (limited) return respond(limited);
    }
    const limited = rateLimitHeaders(res, method, path);
    if (limited) return respond(limited);

    const route = routes.find(([m, re]) => m === method && re.test(path));
    if (!route) return respond({ status: 404, body: { message: '404: Not Found', code: 0 } });
    let reply: Reply;
    try {
      reply = route[2]({ method, path, params: route[1].exec(path)!.slice(1), query: url.searchParams, body, authorized });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      reply = { status: error.status, body: { message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) } };
    }
    const stall = stallRules.find((r) => r.left > 0 && matches(r, method, path));
    if (stall && reply.status < 300) {
      stall.left--;
      stalled.add(res); // the change is stored; the answer never comes
      return;
    }
    respond(reply);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: String(error), code: 0 } });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const gateway = new FakeDiscordGateway(state, options.gateway);
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  gateway.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  return {
    apiUrl: `${origin}/api`,
    state,
    gateway,
    calls,
    callsTo: (method, path) => calls.filter((c) => matches({ method, path }, c.method, c.path)),
    failNext: (rule) => failRules.push({ ...rule, left: rule.times ?? 1 }),
    stallNext: (rule) => stallRules.push({ ...rule, left: rule.times ?? 1 }),
    releaseStalled: () => {
      for (const res of stalled) res.destroy();
      stalled.clear();
    },
    rateLimited,
    async stop() {
      for (const res of stalled) res.destroy();
      stalled.clear();
      await gateway.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
