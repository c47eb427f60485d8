// One way to make a Discord REST call: through `client.rest` (timeouts, retries and 429 waits
// are set where the client is built, see gateway.ts), stopped at once when the caller's
// signal aborts, and failing only with a PlatformError (errors.ts says which code). Also the
// facts many calls need: the bot's own user id, the application id and a member's roles.
import { Routes, type APIGuildMember, type APIUser, type REST } from 'discord.js';
import { PlatformError } from '../../core/ports.js';
import { untilAborted } from '../../core/abortable.js';
import { DiscordCode, isDiscordCode, toPlatformError } from './errors.js';

/** Settles with the promise, or rejects with `timeout` as soon as `signal` aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  return untilAborted(promise, signal, () => new PlatformError('timeout', `${what}: aborted (the claim ended)`));
}

export class DiscordCalls {
  private botUser: Promise<APIUser> | undefined;

  constructor(
    readonly rest: REST,
    /** The bot's id as the gateway announced it; undefined before (or without) a login. */
    private readonly gatewayBotId: () => string | undefined,
    /** DISCORD_APPLICATION_ID, when set. */
    private readonly configuredApplicationId: string | undefined,
  ) {}

  /**
   * Runs `request` (which receives the signal to hand to discord.js) and returns its answer.
   * `what` says what was tried, for the error message.
   */
  async call<T>(what: string, request: (signal?: AbortSignal) => Promise<unknown>, signal?: AbortSignal): Promise<T> {
    try {
      return (await raceAbort(request(signal), signal, what)) as T;
    } catch (error) {
      throw toPlatformError(error, what);
    }
  }

  /** The bot's user id: from the gateway when logged in, else read once over REST. */
  async botId(): Promise<string> {
    const cached = this.gatewayBotId();
    if (cached) return cached;
    this.botUser ??= this.call<APIUser>('read the bot user', () => this.rest.get(Routes.user('@me')));
    try {
      return (await this.botUser).id;
    } catch (error) {
      // A failed read is not remembered: the next call asks again.
      this.botUser = undefined;
      throw error;
    }
  }

  /** The bot user, when something else has read it already (saves a request). */
  knowBot(user: APIUser): void {
    this.botUser ??= Promise.resolve(user);
  }

  /** DISCORD_APPLICATION_ID, or the application of the token (`GET /applications/@me`). */
  async applicationId(): Promise<string> {
    if (this.configuredApplicationId) return this.configuredApplicationId;
    const app = await this.call<{ id: string }>('read the application', () => this.rest.get(Routes.currentApplication()));
    return app.id;
  }

  /** A member's roles in one server, read over REST; null when they are not a member. */
  async memberRoles(guildId: string, userId: string): Promise<string[] | null> {
    try {
      const member = (await this.rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
      return member.roles;
    } catch (error) {
      if (isDiscordCode(error, DiscordCode.UnknownMember) || isDiscordCode(error, DiscordCode.UnknownUser)) return null;
      throw toPlatformError(error, `read a member of server ${guildId}`);
    }
  }
}
