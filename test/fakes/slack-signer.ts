// Sends Slack's HTTP requests to an app the way Slack does: Events API callbacks (JSON) and
// slash commands (form-encoded), signed with the signing secret:
//   x-slack-signature: v0=hex(HMAC-SHA256(secret, `v0:${timestamp}:${rawBody}`))
//   x-slack-request-timestamp: seconds
//
//   const signer = createSlackSigner({ url: `${appOrigin}/slack/events`, signingSecret });
//   const r = await signer.event(slack.react('C0STAFF01', ts, 'U0VOL1', 'pray'));   // r.status
//   const a = await signer.command({ text: 'latam', user_id: 'U0VOL1', channel_id: 'C0STAFF01' });
//   a.json   // the app's answer, e.g. { response_type: 'ephemeral', text }
//   await signer.action(slack.press('C0STAFF01', ts, 'U0VOL1'));   // block_actions, as `payload=<json>`
//
// Options per request: a chosen `timestamp` (stale or future), `retryNum` (Slack's
// X-Slack-Retry-Num redelivery), or a broken signature (`signature: 'bad' | 'missing'`).
import { createHmac } from 'node:crypto';
import { slashCommandPayload, type SlashCommandFields } from './slack-socket.js';

export interface SignedRequestOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sends X-Slack-Retry-Num (and X-Slack-Retry-Reason) like a redelivery. */
  retryNum?: number;
  retryReason?: string;
  /** `bad`: a wrong signature; `missing`: no signature header; a string: used as is. */
  signature?: 'bad' | 'missing' | (string & {});
}

export interface SignedResponse {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: Record<string, unknown> | undefined;
}

export interface SlackSigner {
  /** POSTs an event_callback body as JSON. */
  event(body: object, options?: SignedRequestOptions): Promise<SignedResponse>;
  /** POSTs a slash command as form fields. */
  command(fields: SlashCommandFields, options?: SignedRequestOptions): Promise<SignedResponse>;
  /** POSTs an interactivity payload (block_actions) the way Slack does: form-encoded `payload=<json>`. */
  action(payload: object, options?: SignedRequestOptions): Promise<SignedResponse>;
  /** POSTs any raw body with the given content type, signed. */
  raw(body: string, contentType: string, options?: SignedRequestOptions): Promise<SignedResponse>;
  /** The two headers for a body at a timestamp. */
  sign(body: string, timestamp: number): Record<string, string>;
}

export function signSlackRequest(signingSecret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function createSlackSigner(options: { url: string; signingSecret: string; now?: () => number }): SlackSigner {
  const now = options.now ?? Date.now;
  const sign = (body: string, timestamp: number) => ({
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(options.signingSecret, body, timestamp),
  });
  let commandSeq = 0;

  async function raw(body: string, contentType: string, o: SignedRequestOptions = {}): Promise<SignedResponse> {
    const timestamp = o.timestamp ?? Math.floor(now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, ...sign(body, timestamp) };
    if (o.signature === 'missing') delete headers['x-slack-signature'];
    else if (o.signature === 'bad') headers['x-slack-signature'] = signSlackRequest('not-the-secret', body, timestamp);
    else if (o.signature !== undefined) headers['x-slack-signature'] = o.signature;
    if (o.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(o.retryNum);
      headers['x-slack-retry-reason'] = o.retryReason ?? 'http_timeout';
    }
    const res = await fetch(options.url, { method: 'POST', headers, body });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    if ((res.headers.get('content-type') ?? '').includes('application/json')) {
      json = JSON.parse(text) as Record<string, unknown>;
    }
    return { status: res.status, text, json };
  }

  return {
    sign,
    raw,
    event: (body, o) => raw(JSON.stringify(body), 'application/json', o),
    action: (payload, o) => raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', o),
    command: (fields, o) => {
      commandSeq += 1;
      const form = new URLSearchParams(slashCommandPayload(fields, 'A0PRAYBOT', `trigger-${commandSeq}`));
      return raw(form.toString(), 'application/x-www-form-urlencoded', o);
    },
  };
}
