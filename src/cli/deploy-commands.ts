// `prayerbot deploy-commands [--guild ID]`: registers the Discord slash commands /pray and
// /pray-staff, once (not on every start). REST only, no gateway login. Globally the commands
// can take up to an hour to appear; `--guild` registers them in one server at once (for
// trying things out). Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL.
import { DiscordAPIError, REST } from 'discord.js';
import type { GlobalOptions } from '../cli.js';
import { loadDotEnv, secretValues } from '../env.js';
import { redact } from '../logger.js';
import { putCommands } from '../platforms/discord/commands.js';

const SNOWFLAKE = /^\d{17,20}$/;

export async function deployCommandsCommand(_globals: GlobalOptions, opts: { guild?: string } = {}): Promise<number> {
  loadDotEnv();
  const token = process.env.DISCORD_TOKEN?.trim();
  const applicationId = process.env.DISCORD_APPLICATION_ID?.trim();
  const api = process.env.DISCORD_API_URL?.trim().replace(/\/+$/, '');
  const missing = [!token && 'DISCORD_TOKEN', !applicationId && 'DISCORD_APPLICATION_ID'].filter(Boolean);
  if (missing.length > 0) {
    console.error(
      `prayerbot deploy-commands: ${missing.join(' and ')} not set. Both are on the Discord Developer Portal: ` +
        'your application → General Information (Application ID) and → Bot (Reset Token). Put them in .env (see .env.example).',
    );
    return 1;
  }
  if (!SNOWFLAKE.test(applicationId!)) {
    console.error(`prayerbot deploy-commands: DISCORD_APPLICATION_ID must be the application's numeric id, not "${applicationId}"`);
    return 1;
  }
  const guild = opts.guild?.trim();
  if (guild !== undefined && !SNOWFLAKE.test(guild)) {
    console.error(`prayerbot deploy-commands: --guild must be a server id (17 to 20 digits), not "${opts.guild}"`);
    return 2;
  }

  const rest = new REST({ ...(api ? { api } : {}), timeout: 15_000, retries: 2 }).setToken(token!);
  try {
    const registered = await putCommands(rest, applicationId!, guild);
    const names = registered.map((c) => `/${c.name}`).join(', ');
    console.log(
      guild
        ? `Registered ${names} in server ${guild}: usable there now.`
        : `Registered ${names} globally: they appear in every server the bot is in within about an hour.`,
    );
    console.log('/pray-staff is visible to members with Manage Server; grant it to your staff role under Server Settings → Integrations.');
    return 0;
  } catch (error) {
    console.error(`prayerbot deploy-commands: ${explain(error, guild, redactor())}`);
    return 1;
  }
}

function redactor(): (text: string) => string {
  const secrets = secretValues();
  return (text) => redact(text, secrets);
}

function explain(error: unknown, guild: string | undefined, clean: (text: string) => string): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return 'Discord refused DISCORD_TOKEN (401): reset the token under Developer Portal → Bot and update .env';
    if (error.status === 403 && guild) return `Discord refused (403 ${error.code}): is the bot in server ${guild}? Invite it first (docs/discord-setup.md)`;
    if (error.status === 403 || error.status === 404) {
      return `Discord refused (${error.status} ${error.code}): does DISCORD_APPLICATION_ID belong to this token's application?`;
    }
    return clean(`Discord answered ${error.status} ${error.code}: ${error.message}`);
  }
  return clean(`Discord could not be reached: ${error instanceof Error ? error.message : String(error)} (DISCORD_API_URL=${process.env.DISCORD_API_URL ?? 'default'})`);
}
