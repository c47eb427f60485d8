// Bounded Slack Web API calls: one WebClient with an explicit timeout and no retries of its
// own, and a small retry loop here that knows which calls may be repeated and never waits
// past a deadline. Failures leave as PlatformError with a code the core acts on.
//
// Why not the WebClient's retryConfig: it retries every failure alike, and a chat.postMessage
// whose answer timed out may well have posted — retrying it blind posts the day twice. Here a
// 429 (Slack did nothing) is retried after its Retry-After; a timeout or 5xx is retried only
// for calls that are safe to repeat; the sender handles the rest (see messages.ts sendPost).
import { webApi } from '@slack/bolt';
import { CodedError } from '../../core/errors.js';
import { PlatformError, type PlatformErrorCode } from '../../core/ports.js';
import { untilAborted } from '../../core/abortable.js';

/** Per request. A WebClient without one waits forever. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Repeats after the first attempt (429s and, for repeatable calls, timeouts/5xx). */
export const DEFAULT_MAX_RETRIES = 2;
/**
 * The most one port operation (a send: post, reaction, and perhaps a look-up) may take,
 * waits included: the ledger lease is 2 minutes, so this ends well inside it.
 */
export const OPERATION_BUDGET_MS = 90_000;

export interface CallPolicy {
  timeoutMs: number;
  maxRetries: number;
  budgetMs: number;
}

export const DEFAULT_POLICY: CallPolicy = {
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxRetries: DEFAULT_MAX_RETRIES,
  budgetMs: OPERATION_BUDGET_MS,
};

/** Thrown by our fetch for a 429 that names no wait; the WebClient wraps it, we unwrap it. */
class RateLimitedWithoutRetryAfter extends CodedError<'rate_limited'> {
  constructor() {
    super('rate_limited', 'HTTP 429 without Retry-After');
  }
}

/**
 * `fetch` for the WebClient: a 429 without Retry-After becomes a distinct error, so it reads
 * as `rate_limited` (and is never retried in a tight loop) instead of an anonymous failure.
 */
export function slackFetch(base: typeof fetch = globalThis.fetch): webApi.FetchFunction {
  return async (url, init) => {
    const response = await base(url, init);
    if (response.status === 429 && response.headers.get('retry-after') === null) {
      await response.body?.cancel();
      throw new RateLimitedWithoutRetryAfter();
    }
    return response;
  };
}

/** The WebClient options every outbound client uses (apiUrl = SLACK_API_URL). */
export function webClientOptions(apiUrl: string | undefined, policy: CallPolicy, logger: webApi.Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: normaliseApiUrl(apiUrl),
    timeout: policy.timeoutMs,
    // No retries inside the client: the loop below decides, per call, within a deadline.
    retryConfig: { retries: 0 },
    // A 429 comes back to us (with its Retry-After) instead of pausing the client's whole queue.
    rejectRateLimitedCalls: true,
    fetch: slackFetch(),
    logger,
  };
}

export function normaliseApiUrl(apiUrl: string | undefined): string {
  const url = apiUrl && apiUrl.trim() !== '' ? apiUrl.trim() : 'https://slack.com/api/';
  return url.endsWith('/') ? url : `${url}/`;
}

/** Slack error codes → what the core should do about them. */
const PLATFORM_CODES: Record<string, PlatformErrorCode> = {
  channel_not_found: 'channel_gone',
  is_archived: 'channel_gone',
  channel_is_archived: 'channel_gone',
  ratelimited: 'rate_limited',
  rate_limited: 'rate_limited',
  missing_scope: 'forbidden',
  not_in_channel: 'forbidden',
  not_authed: 'forbidden',
  invalid_auth: 'forbidden',
  account_inactive: 'forbidden',
  token_revoked: 'forbidden',
  token_expired: 'forbidden',
  no_permission: 'forbidden',
  restricted_action: 'forbidden',
  not_allowed_token_type: 'forbidden',
  access_denied: 'forbidden',
  ekm_access_denied: 'forbidden',
  team_access_not_granted: 'forbidden',
  cant_update_message: 'forbidden',
  cant_delete_message: 'forbidden',
  message_not_found: 'message_gone',
  internal_error: 'unavailable',
  fatal_error: 'unavailable',
  service_unavailable: 'unavailable',
  request_timeout: 'timeout',
};

export interface Classified {
  code: PlatformErrorCode;
  /** Slack's own error code, or the HTTP status / transport failure, for messages. */
  reason: string;
  /** Seconds, when Slack said how long to wait. */
  retryAfter?: number;
}

/**
 * What went wrong, in the core's terms: the code decides retries and what the core does; the
 * reason goes into PlatformError messages and doctor's lines (logs use errorLogFields instead).
 * Never includes tokens or request text.
 */
export function classify(error: unknown): Classified {
  if (error instanceof PlatformError) return { code: error.code, reason: error.message };
  if (error instanceof webApi.WebAPIPlatformError) {
    const slackCode = String(error.data.error);
    return { code: PLATFORM_CODES[slackCode] ?? 'bad_request', reason: slackCode };
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { code: 'rate_limited', reason: `HTTP 429, Retry-After ${error.retryAfter}s`, retryAfter: error.retryAfter };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const s = error.statusCode;
    const code: PlatformErrorCode = s >= 500 || s === 408 ? 'unavailable' : s === 429 ? 'rate_limited' : s === 401 || s === 403 ? 'forbidden' : 'bad_request';
    return { code, reason: `HTTP ${s}` };
  }
  if (error instanceof webApi.WebAPIRequestError) {
    const original = error.original;
    if (original instanceof RateLimitedWithoutRetryAfter) return { code: 'rate_limited', reason: original.message };
    if (original.name === 'TimeoutError' || original.name === 'AbortError') return { code: 'timeout', reason: 'no answer in time' };
    const cause = (original as { cause?: { code?: unknown } }).cause;
    return { code: 'unavailable', reason: typeof cause?.code === 'string' ? cause.code : original.message };
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { code: 'timeout', reason: 'no answer in time' };
  }
  return { code: 'unavailable', reason: error instanceof Error ? error.name : 'unknown failure' };
}

/** A PlatformError that remembers Slack's own error code (`already_reacted`, `channel_not_found`…). */
export class SlackCallError extends PlatformError {
  constructor(
    code: PlatformErrorCode,
    message: string,
    readonly slackCode: string | undefined,
  ) {
    super(code, message);
  }
}

export function toPlatformError(method: string, error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  const c = classify(error);
  const slackCode = error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : undefined;
  return new SlackCallError(c.code, `slack ${method}: ${c.reason}`, slackCode);
}

/** Slack's error code behind a failure (raw or converted), if Slack gave one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (error instanceof SlackCallError) return error.slackCode;
  return error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : undefined;
}

export interface CallOptions {
  /** True when repeating the call after a timeout or 5xx cannot do anything twice. */
  repeatable: boolean;
  /** performance.now() value the call (waits and retries included) must end before. */
  deadline: number;
  /** The caller's signal (lost lease): stop waiting at once. */
  signal?: AbortSignal;
}

/**
 * Runs `attempt` until it succeeds, it fails in a way that may not be retried, the retries
 * run out, or another try could not end before the deadline. Throws PlatformError.
 */
export async function bounded<T>(method: string, policy: CallPolicy, options: CallOptions, attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    throwIfAborted(method, options.signal);
    if (retry === 0 && performance.now() + policy.timeoutMs > options.deadline) {
      // Even the first try could outlast the operation's budget (a long look-up after a lost answer).
      throw new PlatformError('timeout', `slack ${method}: no time left in this operation's budget`);
    }
    try {
      return await abandoned(attempt(), options.signal, method);
    } catch (error) {
      throwIfAborted(method, options.signal);
      const c = classify(error);
      let wait: number | undefined;
      if (c.code === 'rate_limited' && c.retryAfter !== undefined) wait = c.retryAfter * 1000;
      else if ((c.code === 'timeout' || c.code === 'unavailable') && options.repeatable) wait = 500 * 2 ** retry;
      const fits = wait !== undefined && performance.now() + wait + policy.timeoutMs <= options.deadline;
      if (retry >= policy.maxRetries || wait === undefined || !fits) throw toPlatformError(method, error);
      await sleep(wait, options.signal, method);
    }
  }
}

function throwIfAborted(method: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PlatformError('timeout', `slack ${method}: abandoned (the send was cancelled)`);
}

function abandoned<T>(work: Promise<T>, signal: AbortSignal | undefined, method: string): Promise<T> {
  return untilAborted(work, signal, () => new PlatformError('timeout', `slack ${method}: abandoned (the send was cancelled)`));
}

function sleep(ms: number, signal: AbortSignal | undefined, method: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PlatformError('timeout', `slack ${method}: abandoned (the send was cancelled)`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
