// /pray on Slack: the command goes to the core and its answer comes back ephemeral, to the
// caller only. Slack drops a command not acknowledged within 3 s, so a slow core gets an
// empty acknowledgement in time and its answer follows through response_url.
import type { AnyMiddlewareArgs, App, RespondFn, SlackCommandMiddlewareArgs, SlashCommand } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import type { Inbound, PrayAnswer } from '../../core/ports.js';
import { settle, settleWithin, type Settled } from '../deadline.js';
import { renderPrayAnswer, type EphemeralAnswer } from './render.js';

/** Inside Slack's 3 s, with a margin for the trip back. */
export const DEFAULT_PRAY_DEADLINE_MS = 2_500;

const PRAY_FAILED: EphemeralAnswer = {
  response_type: 'ephemeral',
  text: 'Sorry, something went wrong while answering /pray. Please try again in a minute.',
};

export interface PrayCommandOptions {
  inbound: Inbound;
  log: Logger;
  /** How long to wait for the core before acknowledging empty. */
  deadlineMs: number;
}

/** The command names this module answers (`/pray`, and any name starting so). */
const PRAY_COMMAND = /^\/pray/;

/**
 * /pray is answered by a global middleware rather than an `app.command` listener: Bolt runs
 * every listener's matching (reactions, the "I prayed" button) on every request, and a
 * middleware that answers and does not call `next()` spares the bot's busiest request all of
 * that. Everything else goes on to the listeners untouched.
 */
export function registerPrayCommand(app: App, options: PrayCommandOptions): void {
  app.use(async (args) => {
    if (!isPrayCommand(args)) return args.next();
    const { command, ack, respond } = args;
    await onPray(options, command, (answer) => ack(answer), respond);
  });
}

/** A slash command's arguments (as an `app.command` listener would get them) for /pray. */
function isPrayCommand(args: AnyMiddlewareArgs): args is SlackCommandMiddlewareArgs {
  return 'command' in args && args.command !== undefined && PRAY_COMMAND.test(args.command.command);
}

async function onPray(
  { inbound, log, deadlineMs }: PrayCommandOptions,
  command: SlashCommand,
  ack: (answer?: EphemeralAnswer) => Promise<void>,
  respond: RespondFn,
): Promise<void> {
  const pending = askCore(inbound, command);
  const first = await settleWithin(pending, deadlineMs);
  if (first !== 'late') {
    await ack(toEphemeral(first, log));
    return;
  }
  await ack();
  // Not awaited: the listener must end now so the acknowledgement leaves within Slack's 3 s
  // (the HTTP receiver answers only once the listener is done).
  void deliverLate(pending, respond, log);
}

async function askCore(inbound: Inbound, command: SlashCommand): Promise<EphemeralAnswer> {
  const answer = await inbound.pray({
    platform: 'slack',
    channelId: command.channel_id,
    userId: command.user_id,
    roleIds: [],
    text: typeof command.text === 'string' ? command.text : '',
  });
  return renderOnce(answer);
}

// The core hands the same answer object to every caller it fits (it reuses answers until the
// day, an expiry or the retraction list changes), so each is rendered to Block Kit once.
// Nothing downstream changes an answer: Bolt only serialises it.
const rendered = new WeakMap<PrayAnswer, EphemeralAnswer>();

function renderOnce(answer: PrayAnswer): EphemeralAnswer {
  let ephemeral = rendered.get(answer);
  if (!ephemeral) {
    ephemeral = Object.freeze(renderPrayAnswer(answer));
    rendered.set(answer, ephemeral);
  }
  return ephemeral;
}

/** The core's answer, or a polite apology when it failed (logged without the caller or text). */
function toEphemeral(outcome: Settled<EphemeralAnswer>, log: Logger): EphemeralAnswer {
  if (outcome.ok) return outcome.value;
  log.error(errorLogFields(outcome.error), '/pray failed');
  return PRAY_FAILED;
}

async function deliverLate(pending: Promise<EphemeralAnswer>, respond: RespondFn, log: Logger): Promise<void> {
  const answer = toEphemeral(await settle(pending), log);
  try {
    await respond(answer);
  } catch (error) {
    log.warn(errorLogFields(error), 'a late /pray answer could not be delivered');
  }
}
