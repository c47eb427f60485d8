// The Slack Socket Mode WebSocket, faked. Served by the fake Web API (test/fakes/slack-api.ts)
// on its own port: `apps.connections.open` (with the app token) returns `socket.urlFor(...)`.
//
//   await slack.socket.connected();                       // the app said hello back
//   const ack = await slack.socket.sendEvent(slack.react(channel, ts, user, 'pray'));
//   const answer = await slack.socket.sendSlashCommand({ text: 'latam', user_id, channel_id });
//   await slack.socket.sendInteractive(slack.press(channel, ts, user));   // a button press
//
// Protocol: on connect the server sends `{"type":"hello", …}`; then envelopes
// `{ envelope_id, type: 'events_api' | 'slash_commands' | 'interactive', accepts_response_payload, payload }`;
// the app acknowledges each with `{ envelope_id, payload? }` (a slash command's answer travels
// in that payload). `{"type":"disconnect"}` asks the app to reconnect.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export const SOCKET_PATH = '/socket-mode';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface SlashCommandFields {
  text: string;
  user_id: string;
  channel_id: string;
  command?: string;
  team_id?: string;
  response_url?: string;
}

/** A slash command as Slack sends it (over HTTP as a form, over Socket Mode as JSON). */
export function slashCommandPayload(fields: SlashCommandFields, appId: string, triggerId: string): Record<string, string> {
  return {
    token: 'legacy-verification-token-unused',
    team_id: fields.team_id ?? 'T0FAKE001',
    team_domain: 'fictional-org',
    channel_id: fields.channel_id,
    channel_name: 'privategroup',
    user_id: fields.user_id,
    user_name: 'someone',
    command: fields.command ?? '/pray',
    text: fields.text,
    api_app_id: appId,
    is_enterprise_install: 'false',
    response_url: fields.response_url ?? 'http://127.0.0.1:9/response/unused',
    trigger_id: triggerId,
  };
}

export class FakeSlackSocket {
  /** Every frame the app sent (acks), in order. */
  readonly received: Array<Record<string, unknown>> = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<WebSocket>();
  private readonly pending = new Map<string, (ack: SocketAck) => void>();
  private readonly waiters: Array<() => void> = [];
  private seq = 0;
  private tickets = 0;

  constructor(private readonly options: { appId: string }) {
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  /** Takes over WebSocket upgrades to SOCKET_PATH on `server`. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path !== SOCKET_PATH) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
  }

  /** What `apps.connections.open` hands out. */
  urlFor(origin: string): string {
    this.tickets += 1;
    return `${origin.replace(/^http/, 'ws')}${SOCKET_PATH}?ticket=fake-${this.tickets}`;
  }

  /** Open connections (after hello). */
  get connectionCount(): number {
    return this.clients.size;
  }

  /** Resolves once at least one app is connected. */
  connected(): Promise<void> {
    if (this.clients.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Delivers an event_callback body (e.g. from `slack.react(...)`); resolves with the app's ack. */
  sendEvent(body: object, options: { retryAttempt?: number; retryReason?: string } = {}): Promise<SocketAck> {
    return this.send('events_api', { ...body }, false, options);
  }

  /** Delivers `/pray <text>`; resolves with the ack, whose payload is the app's answer. */
  sendSlashCommand(fields: SlashCommandFields): Promise<SocketAck> {
    this.seq += 1;
    return this.send('slash_commands', slashCommandPayload(fields, this.options.appId, `trigger-${this.seq}`), true, {});
  }

  /** Delivers an interactivity payload (e.g. `slack.press(...)`); resolves with the app's ack. */
  sendInteractive(payload: Record<string, unknown>): Promise<SocketAck> {
    return this.send('interactive', { ...payload }, false, {});
  }

  /** Asks every connected app to reconnect, as Slack does when recycling a server. */
  requestReconnect(): void {
    for (const ws of this.clients) ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
  }

  async close(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('message', (data) => {
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(String(data)) as Record<string, unknown>;
      } catch {
        return;
      }
      this.received.push(frame);
      const id = typeof frame.envelope_id === 'string' ? frame.envelope_id : undefined;
      const resolve = id ? this.pending.get(id) : undefined;
      if (id && resolve) {
        this.pending.delete(id);
        const payload = frame.payload;
        resolve(payload !== null && typeof payload === 'object' ? { envelope_id: id, payload: payload as Record<string, unknown> } : { envelope_id: id });
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.clients.size,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.options.appId },
      }),
    );
    for (const w of this.waiters.splice(0)) w();
  }

  private send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    acceptsResponsePayload: boolean,
    options: { retryAttempt?: number; retryReason?: string },
  ): Promise<SocketAck> {
    const ws = [...this.clients][0];
    if (!ws) return Promise.reject(new Error('fake slack socket: no app connected'));
    this.seq += 1;
    const envelopeId = `env-${this.seq}`;
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      type,
      accepts_response_payload: acceptsResponsePayload,
      payload,
    };
    if (type === 'events_api') {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? '';
    }
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`fake slack socket: no ack for ${type} ${envelopeId} within 10 s`));
      }, 10_000);
      this.pending.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      ws.send(JSON.stringify(envelope));
    });
  }
}
