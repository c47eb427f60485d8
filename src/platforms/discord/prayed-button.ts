// The "I prayed" button on Discord: a press arrives as INTERACTION_CREATE of type
// MESSAGE_COMPONENT, goes to the core, and its answer is an ephemeral reply — only the presser
// sees it, and the post shows nothing of who pressed. Deferred (ephemerally) when the core is
// slower than Discord's 3 s allow.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import type { Clock, Inbound, PrayedButtonPress } from '../../core/ports.js';
import { settle, settleWithin } from '../deadline.js';
import { PRAYED_CUSTOM_ID_PREFIX } from './render.js';

const PRESS_FAILED = 'Sorry, your press could not be recorded. Please try again in a moment.';

export interface PrayedButtonContext {
  inbound: Inbound;
  log: Logger;
  clock: Clock;
  /** The reply is deferred when the core has not answered within this. */
  deferAfterMs: number;
}

export function isPrayedButton(interaction: ButtonInteraction): boolean {
  return interaction.customId.startsWith(PRAYED_CUSTOM_ID_PREFIX);
}

export async function answerPrayedButton(ctx: PrayedButtonContext, interaction: ButtonInteraction): Promise<void> {
  const press: PrayedButtonPress = {
    platform: 'discord',
    channelId: interaction.channelId,
    messageId: interaction.message.id,
    userId: interaction.user.id,
    // Arrival time, as for Discord reactions (the store keeps one person's presses in order).
    orderMicros: ctx.clock.now().getTime() * 1000,
  };
  const pending = ctx.inbound.prayedButton(press).then((answer) => answer.text);
  let outcome = await settleWithin(pending, ctx.deferAfterMs);
  if (outcome === 'late') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    outcome = await settle(pending);
  }
  let content = PRESS_FAILED;
  if (outcome.ok) content = outcome.value;
  else ctx.log.error(errorLogFields(outcome.error), 'an "I prayed" press failed in the core');
  const reply = { content, allowedMentions: { parse: [] } };
  if (interaction.deferred) await interaction.editReply(reply);
  else await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
}
