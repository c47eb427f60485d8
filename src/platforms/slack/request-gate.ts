// The HTTP door for Events API deliveries and /pray: Bolt's HTTPReceiver behind a small gate.
// Bolt checks the signature and refuses timestamps more than 5 minutes old, but accepts any
// timestamp in the future; the gate refuses both directions before Bolt sees the request, so
// nothing reaches a listener (or the core) until the request has passed both checks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** Where Slack sends events and `/pray` (the request URL in the app manifest). */
export const SLACK_EVENTS_PATH = '/slack/events';
/** A request timestamp further than this from now, either way, is refused. */
export const MAX_REQUEST_SKEW_SECONDS = 5 * 60;

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface RequestGateOptions {
  signingSecret: string;
  boltLogger: BoltLogger;
  log: Logger;
  /** False until the adapter has started (and after it stops): requests get 503. */
  isOpen: () => boolean;
}

export interface RequestGate {
  /** Given to Bolt's App as its receiver: it verifies signatures and runs the listeners. */
  readonly receiver: HTTPReceiver;
  /** Mounted on the process's HTTP server for `POST /slack/events`. */
  readonly handle: RequestHandler;
}

export function createRequestGate(options: RequestGateOptions): RequestGate {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    // The listener finishes before Slack gets its answer: /pray's reply travels in the
    // HTTP response, and a reaction is recorded before Slack hears "200".
    processBeforeResponse: true,
    logger: options.boltLogger,
  });

  const handle: RequestHandler = (req, res) => {
    const refuse = (status: number, headers: Record<string, string> = {}) => {
      req.resume();
      res.writeHead(status, headers);
      res.end();
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== SLACK_EVENTS_PATH) return refuse(404);
    if (req.method !== 'POST') return refuse(405, { allow: 'POST' });
    if (!options.isOpen()) return refuse(503, { 'retry-after': '5' });
    const skew = timestampSkew(req.headers['x-slack-request-timestamp']);
    if (skew !== undefined && (skew === null || Math.abs(skew) > MAX_REQUEST_SKEW_SECONDS)) {
      options.log.warn({ skewSeconds: skew === null ? null : Math.round(skew) }, 'refused a slack request: timestamp outside ±5 minutes');
      return refuse(401);
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      if (!res.headersSent) refuse(404);
    }
  };

  return { receiver, handle };
}

/**
 * Seconds the request's timestamp lies ahead of now (negative: behind); null when it is not
 * a number; undefined when the header is missing, which is Bolt's to refuse.
 */
function timestampSkew(header: string | string[] | undefined): number | null | undefined {
  if (header === undefined) return undefined;
  const ts = Number(Array.isArray(header) ? header.join(',') : header);
  if (!Number.isFinite(ts)) return null;
  // Freshness is wall-clock time, the same clock Bolt's own stale check and Slack use; the
  // injected clock is domain time (a console replay or a test may move it).
  return ts - Date.now() / 1000;
}
