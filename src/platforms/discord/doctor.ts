// `prayerbot doctor` for Discord: the token, the application, the gateway, the slash
// commands, and for each configured channel the bot's permissions and who can see it, with
// what to fix. Servers (public or invite-only, and their owner, who sees every channel) are
// described once each.
import { Routes, type APIUser, type REST, type RESTGetAPIApplicationCommandsResult, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { PlatformError } from '../../core/ports.js';
import type { ChannelConfig } from '../../core/types.js';
import { commandDefinitions } from './commands.js';
import { toPlatformError } from './errors.js';
import { NEEDED_PERMISSIONS, outsiders, viewerLabels, type ChannelAccess, type ChannelFacts, type GuildFacts, type Lookup } from './permissions.js';

export interface DoctorLine {
  ok: boolean;
  text: string;
}

export interface DoctorOptions {
  /** The config's `retire`: Manage Messages is needed only for `edit`. */
  retire?: 'delete' | 'edit';
}

/** What the doctor needs from the adapter. */
export interface DoctorContext {
  rest: REST;
  applicationId?: string;
  lookup(channelId: string): Promise<Lookup>;
  access(facts: ChannelFacts): Promise<ChannelAccess>;
  ownerName(guild: GuildFacts): Promise<string>;
  /** The bot user, once read (saves the adapter a second request). */
  knowBot(user: APIUser): void;
}

async function get<T>(rest: REST, route: `/${string}`, what: string): Promise<T> {
  try {
    return (await rest.get(route)) as T;
  } catch (error) {
    throw toPlatformError(error, what);
  }
}

function failure(error: unknown): string {
  return error instanceof PlatformError ? error.message : String(error);
}

export async function discordDoctor(ctx: DoctorContext, channels: ChannelConfig[], options: DoctorOptions = {}): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [];
  try {
    const me = await get<APIUser>(ctx.rest, Routes.user('@me'), 'check DISCORD_TOKEN');
    ctx.knowBot(me);
    lines.push({ ok: true, text: `token accepted: bot ${me.username} (${me.id})` });
  } catch (error) {
    const text =
      error instanceof PlatformError && error.code === 'forbidden'
        ? 'DISCORD_TOKEN was refused: copy a fresh token from Developer Portal → your app → Bot → Reset Token'
        : `Discord cannot be reached (${failure(error)}); check DISCORD_API_URL and the network`;
    return [{ ok: false, text }];
  }

  let appId: string | undefined;
  try {
    const app = await get<{ id: string; name: string }>(ctx.rest, Routes.currentApplication(), 'read the application');
    appId = app.id;
    lines.push(
      ctx.applicationId && ctx.applicationId !== app.id
        ? { ok: false, text: `DISCORD_APPLICATION_ID is ${ctx.applicationId} but the token belongs to application ${app.id}: set DISCORD_APPLICATION_ID=${app.id}` }
        : { ok: true, text: `application ${app.name} (${app.id})` },
    );
  } catch (error) {
    lines.push({ ok: false, text: `could not read the application: ${failure(error)}` });
  }
  lines.push({
    ok: true,
    text: 'gateway intents: Guilds (channels, roles) and Guild Message Reactions (🙏) — neither privileged, nothing to enable in the Developer Portal',
  });
  try {
    const gw = await get<RESTGetAPIGatewayBotResult>(ctx.rest, Routes.gatewayBot(), 'read the gateway');
    const left = gw.session_start_limit.remaining;
    lines.push({ ok: left > 0, text: `gateway: ${gw.shards} shard(s) recommended; ${left} of ${gw.session_start_limit.total} session starts left today` });
  } catch (error) {
    lines.push({ ok: false, text: `gateway: ${failure(error)}` });
  }

  const guilds = new Map<string, GuildFacts>();
  for (const channel of channels.filter((c) => c.platform === 'discord')) {
    lines.push(...(await channelLines(ctx, channel, options, guilds)));
  }
  for (const guild of guilds.values()) {
    const discoverable = guild.features.includes('DISCOVERABLE');
    lines.push({
      ok: true,
      text: `server ${guild.name} (${guild.id}): ${discoverable ? 'DISCOVERABLE — public' : 'invite-only'}; its owner ${await ctx.ownerName(guild)} sees every channel`,
    });
  }
  if (appId) lines.push(await commandLine(ctx.rest, appId, [...guilds.keys()]));
  return lines;
}

async function commandLine(rest: REST, appId: string, guildIds: string[]): Promise<DoctorLine> {
  const wanted = commandDefinitions().map((c) => c.name);
  const has = (list: RESTGetAPIApplicationCommandsResult) => wanted.every((n) => list.some((c) => c.name === n));
  try {
    if (has(await get<RESTGetAPIApplicationCommandsResult>(rest, Routes.applicationCommands(appId), 'read slash commands'))) {
      return { ok: true, text: `slash commands /${wanted.join(', /')} registered globally` };
    }
    const missing: string[] = [];
    for (const g of guildIds) {
      if (!has(await get<RESTGetAPIApplicationCommandsResult>(rest, Routes.applicationGuildCommands(appId, g), 'read slash commands'))) missing.push(g);
    }
    if (guildIds.length > 0 && missing.length === 0) return { ok: true, text: `slash commands registered in server(s) ${guildIds.join(', ')}` };
    return { ok: false, text: 'slash commands /pray and /pray-staff are not registered: run `prayerbot deploy-commands`' };
  } catch (error) {
    return { ok: false, text: `could not read slash commands: ${failure(error)}` };
  }
}

async function channelLines(ctx: DoctorContext, channel: ChannelConfig, options: DoctorOptions, guilds: Map<string, GuildFacts>): Promise<DoctorLine[]> {
  let facts: Lookup;
  let access: ChannelAccess;
  try {
    facts = await ctx.lookup(channel.id);
    if ('state' in facts) {
      const fix =
        facts.state === 'missing'
          ? 'it was deleted, the id is wrong, or the bot is not in its server (invite it: docs/discord-setup.md)'
          : 'give the bot’s role View Channel there';
      return [{ ok: false, text: `channel ${channel.id}: ${facts.detail}; ${fix}` }];
    }
    access = await ctx.access(facts);
  } catch (error) {
    return [{ ok: false, text: `channel ${channel.id}: ${failure(error)}` }];
  }
  guilds.set(facts.guild.id, facts.guild);
  const name = `#${facts.channel.name} (${channel.id}) in ${facts.guild.name}`;
  const lines: DoctorLine[] = [];

  const missing = NEEDED_PERMISSIONS.filter((p) => (access.botPermissions & p.flag) === 0n);
  const required = missing.filter((p) => !p.onlyForEditRetire || options.retire === 'edit');
  lines.push(
    required.length > 0
      ? { ok: false, text: `${name}: the bot lacks ${required.map((p) => `${p.name} (${p.why})`).join(', ')}` }
      : { ok: true, text: `${name}: the bot can post, react and read reactions` },
  );
  for (const p of missing.filter((m) => !required.includes(m))) {
    lines.push({ ok: true, text: `${name}: no ${p.name} — fine with retire: delete; needed ${p.why}` });
  }
  if (facts.channel.archived) lines.push({ ok: false, text: `${name}: the thread is archived` });

  // Privacy facts, with advice mirroring DESIGN's privacy guard (the guard itself is the core's).
  if (facts.guild.features.includes('DISCOVERABLE') && !channel.allowPublic) {
    lines.push({
      ok: false,
      text: `${name}: the server is DISCOVERABLE (public): posts will be refused; use an invite-only server, or set allow_public: true (then only audience: everyone requests go there)`,
    });
  }
  const outside = outsiders(access);
  const seenBy = viewerLabels(access.viewers.filter((v) => !v.isThisBot));
  if (channel.audience === 'staff') {
    lines.push(
      outside.length === 0
        ? { ok: true, text: `${name}: staff channel seen only by viewer roles (${seenBy.join(', ') || 'nobody else'})` }
        : {
            ok: false,
            text: `${name}: staff channel also seen by ${outside.join(', ')} — posts will be refused: deny them View Channel or add the roles to staff.discord_viewer_roles (docs/discord-setup.md)`,
          },
    );
  } else {
    lines.push({ ok: true, text: `${name}: volunteers channel seen by ${seenBy.join(', ') || 'nobody but the bot'}` });
  }
  return lines;
}
