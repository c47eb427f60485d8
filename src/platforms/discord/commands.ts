// The slash commands and their registration. Registered once by `prayerbot deploy-commands`,
// never on every start.
//
// /pray [region]            — everyone; `region` autocompletes from the configured regions.
// /pray-staff stats|week|retract id|coordinator|help
//                           — hidden from members without Manage Server by
//                             `default_member_permissions`; server admins can grant it to the
//                             staff role under Server Settings → Integrations. The core still
//                             checks the caller's roles against `staff.discord_roles`.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  Routes,
  type REST,
  type RESTPutAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord.js';

export const PRAY_COMMAND = 'pray';
export const STAFF_COMMAND = 'pray-staff';

/** The staff command's default permission: Manage Server. */
export const STAFF_DEFAULT_PERMISSION = PermissionFlagsBits.ManageGuild;

export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: PRAY_COMMAND,
      description: "Today's prayer, or the latest request for a region",
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'region',
          description: 'A region (leave empty for today’s post)',
          required: false,
          autocomplete: true,
          max_length: 100,
        },
      ],
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: STAFF_COMMAND,
      description: 'Prayer coordinators: tallies, the week, retractions',
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild],
      default_member_permissions: STAFF_DEFAULT_PERMISSION.toString(),
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: 'stats', description: 'How many prayed, by region and platform' },
        { type: ApplicationCommandOptionType.Subcommand, name: 'week', description: "This week's plan, day by day" },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'retract',
          description: 'Take a request down everywhere now',
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'id',
              description: 'The request, as WEEK/ID (e.g. 2026-10-12/eu-day)',
              required: true,
              max_length: 100,
            },
          ],
        },
        { type: ApplicationCommandOptionType.Subcommand, name: 'coordinator', description: 'A sign-in link to the coordinator page (only you see it)' },
        { type: ApplicationCommandOptionType.Subcommand, name: 'help', description: 'What the staff commands do' },
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
