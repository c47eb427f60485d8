// The slash commands and their registration. Registered once by `prayerbot deploy-commands`,
// never on every start.
//
// /pray [region]            — everyone; `region` autocompletes from the configured regions.
// /pray-staff stats|week|retract id|coordinator|help
//                           — hidden from members without Manage Server by
//                             `default_member_permissions`; server admins can grant it to the
//                             staff role under Server Settings → Integrations. The core still
//                             checks the caller's roles against `staff.discord_roles`.
//
// Descriptions are shown in each member's Discord language where the bot ships one
// (`description_localizations`); the command and option names stay English, as /pray's
// keywords do.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  Routes,
  type LocalizationMap,
  type REST,
  type RESTPutAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord.js';
import { catalogueFor, ENGLISH, ENGLISH_LOCALE, type MessageKey } from '../../i18n/index.js';

export const PRAY_COMMAND = 'pray';
export const STAFF_COMMAND = 'pray-staff';

/** The staff command's default permission: Manage Server. */
export const STAFF_DEFAULT_PERMISSION = PermissionFlagsBits.ManageGuild;

type DescriptionKey = Extract<MessageKey, `command${string}`>;

/** A description in English, and in every Discord locale that finds another shipped catalogue. */
function described(key: DescriptionKey): { description: string; description_localizations: LocalizationMap } {
  const localizations: LocalizationMap = {};
  for (const locale of Object.values(Locale)) {
    const catalogue = catalogueFor(locale);
    const text = catalogue.messages[key];
    if (catalogue !== ENGLISH && text !== undefined) localizations[locale] = text.slice(0, 100);
  }
  return { description: ENGLISH_LOCALE.messages[key], description_localizations: localizations };
}

export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: PRAY_COMMAND,
      ...described('commandPray'),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'region',
          ...described('commandPrayRegion'),
          required: false,
          autocomplete: true,
          max_length: 100,
        },
      ],
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: STAFF_COMMAND,
      ...described('commandStaff'),
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      default_member_permissions: STAFF_DEFAULT_PERMISSION.toString(),
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: 'stats', ...described('commandStats') },
        { type: ApplicationCommandOptionType.Subcommand, name: 'week', ...described('commandWeek') },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'retract',
          ...described('commandRetract'),
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'id',
              ...described('commandRetractId'),
              required: true,
              max_length: 100,
            },
          ],
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'coordinator', ...described('commandCoordinator') },
        { type: ApplicationCommandOptionType.Subcommand, name: 'help', ...described('commandHelp') },
      ],
    },
  ];
}

/** PUTs the definitions globally, or to one server when `guildId` is given (instant). */
export async function putCommands(
  rest: REST,
  applicationId: string,
  guildId?: string,
): Promise<RESTPutAPIApplicationCommandsResult> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  return (await rest.put(route, { body: commandDefinitions() })) as RESTPutAPIApplicationCommandsResult;
}
