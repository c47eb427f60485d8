// Discord REST failures → PlatformError codes the core acts on: the one mapper every call in
// this adapter goes through. Messages name what failed and may quote Discord's answer (for
// doctor and the CLI), never the token; logs take only name and code (errorLogFields).
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PlatformError } from '../../core/ports.js';
import { RenderError } from './render.js';

/** Discord JSON error codes we act on. */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownUser: 10013,
  UnknownInteraction: 10062,
  MissingAccess: 50001,
  MissingPermissions: 50013,
  ThreadArchived: 50083,
} as const;

export function isDiscordCode(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}

/** Turns whatever a REST call threw into a PlatformError, `what` saying what was tried. */
export function toPlatformError(error: unknown, what: string): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof RenderError) return new PlatformError('bad_request', `${what}: ${error.message}`);
  if (error instanceof RateLimitError) {
    return new PlatformError('rate_limited', `${what}: rate limited for ${Math.ceil(error.retryAfter / 1000)} s`);
  }
  if (error instanceof DiscordAPIError) {
    const detail = `${what}: Discord ${error.status} ${error.code} ${error.message}`;
    switch (error.code) {
      case DiscordCode.UnknownChannel:
      case DiscordCode.UnknownGuild:
      case DiscordCode.ThreadArchived:
        return new PlatformError('channel_gone', detail);
      case DiscordCode.UnknownMessage:
        return new PlatformError('message_gone', detail);
      case DiscordCode.MissingAccess:
      case DiscordCode.MissingPermissions:
        return new PlatformError('forbidden', detail);
    }
    if (error.status === 401 || error.status === 403) return new PlatformError('forbidden', detail);
    if (error.status === 404) return new PlatformError('channel_gone', detail);
    if (error.status === 429) return new PlatformError('rate_limited', detail);
    return new PlatformError('bad_request', detail);
  }
  if (error instanceof HTTPError) {
    return new PlatformError('unavailable', `${what}: Discord ${error.status} ${error.message}`);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new PlatformError('timeout', `${what}: no answer from Discord in time`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformError('unavailable', `${what}: ${message}`);
}
