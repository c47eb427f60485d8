// The "I prayed" button on Slack: a press arrives as a `block_actions` payload (on the same
// /slack/events URL over HTTP, as an `interactive` envelope over Socket Mode), goes to the core,
// and its answer goes back only to the presser: an ephemeral message through the action's
// response_url (chat.postEphemeral when there is none). The channel never shows who pressed.
import type { App, BlockButtonAction, RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import type { Clock, Inbound, PrayedButtonPress } from '../../core/ports.js';
import { settle, settleWithin, type Settled } from '../deadline.js';
import { PRAYED_ACTION_ID, escapeMrkdwn, slackTsToMicros } from './render.js';

/**
 * How long the listener waits for the core before acknowledging and answering later. The
 * answer itself is one more request (response_url), so this leaves more of Slack's 3 s than
 * /pray's deadline does.
 */
export const DEFAULT_PRESS_DEADLINE_MS = 2_000;

const PRESS_FAILED = 'Sorry, your press could not be recorded. Please try again in a minute.';

export interface PrayedButtonOptions {
  inbound: Inbound;
  log: Logger;
  clock: Clock;
  deadlineMs: number;
  /** chat.postEphemeral, for a press whose payload has no response_url. */
  postEphemeral: (channelId: string, userId: string, text: string) => Promise<void>;
}

export function registerPrayedButton(app: App, options: PrayedButtonOptions): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: PRAYED_ACTION_ID }, async ({ ack, body, action, respond }) => {
    await ack();
    await onPress(options, body, action.action_ts, body.response_url ? respond : undefined);
  });
}

/** Who pressed, on which message: from the container, which names the message the button is on. */
function pressOf(body: BlockButtonAction, actionTs: string, clock: Clock): PrayedButtonPress {
  const container = body.container as { channel_id?: unknown; message_ts?: unknown };
  return {
    platform: 'slack',
    channelId: typeof container.channel_id === 'string' ? container.channel_id : (body.channel?.id ?? ''),
    messageId: typeof container.message_ts === 'string' ? container.message_ts : (body.message?.ts ?? ''),
    userId: body.user.id,
    orderMicros: slackTsToMicros(actionTs) ?? clock.now().getTime() * 1000,
  };
}

async function onPress(options: PrayedButtonOptions, body: BlockButtonAction, actionTs: string, respond: RespondFn | undefined): Promise<void> {
  const press = pressOf(body, actionTs, options.clock);
  const pending = options.inbound.prayedButton(press).then((answer) => answer.text);
  const first = await settleWithin(pending, options.deadlineMs);
  const deliver = async (outcome: Settled<string>) => {
    try {
      await answerPresser(options, press, textOf(outcome, options.log), respond);
    } catch (error) {
      // Never the presser's id: which post they pressed on is already more than a log needs.
      options.log.warn(errorLogFields(error), 'the answer to an "I prayed" press could not be delivered');
    }
  };
  // A late answer is not awaited: over HTTP the acknowledgement leaves only once the listener ends.
  if (first === 'late') void settle(pending).then(deliver);
  else await deliver(first);
}

function textOf(outcome: Settled<string>, log: Logger): string {
  if (outcome.ok) return outcome.value;
  log.error(errorLogFields(outcome.error), 'an "I prayed" press failed');
  return PRESS_FAILED;
}

async function answerPresser(options: PrayedButtonOptions, press: PrayedButtonPress, text: string, respond: RespondFn | undefined): Promise<void> {
  if (respond) {
    // Ephemeral, and a new message: replacing the original would show the answer to everyone.
    const message: RespondArguments = { response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(text) };
    const answered = await respond(message);
    if (answered.ok) return;
    // A response_url that expired or was used up: say it through the Web API instead.
  }
  await options.postEphemeral(press.channelId, press.userId, text);
}
