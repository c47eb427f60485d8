// /pray and /pray-staff (commands.ts defines them) → the core's PrayCommand, and its answer
// back as ephemeral messages; /pray's region autocompletes from the core's region choices.
//
// Discord kills an interaction token that gets no first response within 3 s: when the core
// has not answered within `deferAfterMs` the reply is deferred, then edited with the answer.
import { Events, MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type Client, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import { errorLogFields } from '../../core/errors.js';
import type { Clock, Inbound, PrayAnswer, PrayCommand } from '../../core/ports.js';
import { settle, settleWithin } from '../deadline.js';
import { PRAY_COMMAND, STAFF_COMMAND } from './commands.js';
import { answerPrayedButton, isPrayedButton } from './prayed-button.js';
import { renderAnswer, type AnswerMessage } from './render.js';

export interface InteractionsContext {
  client: Client;
  inbound: Inbound;
  log: Logger;
  /** The time of an "I prayed" press. */
  clock: Clock;
  /** /pray is deferred when the core has not answered within this. */
  deferAfterMs: number;
}

const SORRY = 'Sorry, that did not work. Please try again in a moment.';

/** Subscribes to slash commands, autocomplete and the "I prayed" button. */
export function listenToCommands(ctx: InteractionsContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => void onInteraction(ctx, interaction));
}

async function onInteraction(ctx: InteractionsContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      await interaction.respond(choicesFor(ctx.inbound, interaction));
      return;
    }
    if (interaction.isButton()) {
      if (isPrayedButton(interaction)) await answerPrayedButton(ctx, interaction);
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    const text = commandText(interaction);
    if (text === undefined) {
      await interaction.reply({ content: 'I do not know that command.', flags: MessageFlags.Ephemeral });
      return;
    }
    const command: PrayCommand = {
      platform: 'discord',
      channelId: interaction.channelId,
      userId: interaction.user.id,
      roleIds: roleIdsOf(interaction),
      text,
    };
    await answer(ctx, interaction, ctx.inbound.pray(command));
  } catch (error) {
    ctx.log.error({ interaction: interaction.type, ...errorLogFields(error) }, 'Discord interaction not answered');
  }
}

/** Autocomplete: Discord takes at most 25 choices of at most 100 characters. */
function choicesFor(inbound: Inbound, interaction: AutocompleteInteraction): Array<{ name: string; value: string }> {
  const focused = interaction.options.getFocused(true);
  if (interaction.commandName !== PRAY_COMMAND || focused.name !== 'region') return [];
  return inbound
    .regionChoices(String(focused.value))
    .slice(0, 25)
    .map((c) => ({ name: c.name.slice(0, 100), value: c.value.slice(0, 100) }));
}

/** Replies ephemerally; defers first when the core takes longer than `deferAfterMs`. */
async function answer(ctx: InteractionsContext, interaction: ChatInputCommandInteraction, pending: Promise<PrayAnswer>): Promise<void> {
  let outcome = await settleWithin(pending, ctx.deferAfterMs);
  if (outcome === 'late') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    outcome = await settle(pending);
  }
  let messages: AnswerMessage[];
  if (outcome.ok) {
    messages = renderAnswer(outcome.value);
  } else {
    ctx.log.error({ command: interaction.commandName, ...errorLogFields(outcome.error) }, '/pray failed in the core');
    messages = [{ content: SORRY }];
  }
  const [first, ...rest] = messages;
  // A sign-in link: no embed preview (Discord would fetch the link to build one).
  const quiet = outcome.ok && outcome.value.kind === 'text' && outcome.value.noPreview === true;
  if (interaction.deferred) await interaction.editReply({ ...payload(first), ...(quiet ? { flags: MessageFlags.SuppressEmbeds } : {}) });
  else await interaction.reply({ ...payload(first), flags: quiet ? MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds : MessageFlags.Ephemeral });
  for (const m of rest) await interaction.followUp({ ...payload(m), flags: MessageFlags.Ephemeral });
}

function payload(m: AnswerMessage | undefined) {
  return { content: m?.content ?? '', embeds: m?.embeds ?? [], allowedMentions: { parse: [] } };
}

/** What follows `/pray` in the core's words, or undefined for a command we do not know. */
function commandText(interaction: ChatInputCommandInteraction): string | undefined {
  if (interaction.commandName === PRAY_COMMAND) return interaction.options.getString('region')?.trim() ?? '';
  if (interaction.commandName !== STAFF_COMMAND) return undefined;
  const sub = interaction.options.getSubcommand(false);
  switch (sub) {
    case 'stats':
    case 'week':
    case 'help':
    case 'coordinator':
      return sub;
    case 'retract':
      return `retract ${interaction.options.getString('id', true).trim()}`;
    default:
      return undefined;
  }
}

/** The caller's roles but @everyone (whose id is the server's); none in a DM. */
function roleIdsOf(interaction: ChatInputCommandInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  if (Array.isArray(member.roles)) return [...member.roles];
  if ('cache' in member.roles) return member.roles.cache.filter((r) => r.id !== interaction.guildId).map((r) => r.id);
  return [];
}
