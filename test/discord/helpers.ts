// Shared set-up for the Discord adapter tests: the fake Discord with one server, a recording
// Inbound, and a polling wait (events cross a real WebSocket, so they arrive a little later).
import pino from 'pino';
import { afterEach } from 'vitest';
import type { ChannelConfig, PostPart } from '../../src/core/types.js';
import type { PostDocument, PrayAnswer, PrayCommand } from '../../src/core/ports.js';
import { createDiscordPlatform, type DiscordPlatform, type DiscordPlatformOptions } from '../../src/platforms/discord/index.js';
import { RecordingInbound as SharedRecordingInbound } from '../fakes/recording-inbound.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fakes/discord-rest.js';
import { P, overwrite, type FakeChannel, type FakeGuild, type FakeRole } from '../fakes/discord-state.js';

/** The shared recording Inbound, with a /pray answer that echoes and three regions to offer. */
export class RecordingInbound extends SharedRecordingInbound {
  override answer = (c: PrayCommand): Promise<PrayAnswer> | PrayAnswer => ({ kind: 'text', text: `answer to "${c.text}"` });
  override regions = [
    { name: 'Latin America', value: 'latin-america' },
    { name: 'Asia Pacific', value: 'asia-pacific' },
    { name: 'Africa & Europe', value: 'africa-europe' },
  ];
  /** The /pray commands heard (the Slack tests call them `prays`). */
  get commands(): PrayCommand[] {
    return this.prays;
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const silentLogger = pino({ level: 'silent' });

export interface World {
  discord: FakeDiscord;
  guild: FakeGuild;
  staffRole: FakeRole;
  volunteerRole: FakeRole;
  /** Visible only to the staff role (and the bot). */
  staffChannel: FakeChannel;
  /** Visible to everyone in the server. */
  volunteerChannel: FakeChannel;
}

export async function startWorld(options: FakeDiscordOptions = {}): Promise<World> {
  const discord = await startFakeDiscord(options);
  const { state } = discord;
  const guild = state.addGuild({ name: 'Fellowship' });
  const staffRole = state.addRole(guild.id, { name: 'Staff' });
  const volunteerRole = state.addRole(guild.id, { name: 'Volunteers' });
  const staffChannel = state.addChannel(guild.id, {
    name: 'staff-prayer',
    overwrites: [
      overwrite(guild.id, 'role', 0n, P.ViewChannel),
      overwrite(staffRole.id, 'role', P.ViewChannel),
      overwrite(state.botRole(guild.id).id, 'role', P.ViewChannel),
    ],
  });
  const volunteerChannel = state.addChannel(guild.id, { name: 'prayer' });
  return { discord, guild, staffRole, volunteerRole, staffChannel, volunteerChannel };
}

/**
 * What one test file starts: fake Discords and platforms, each stopped after every test
 * (platforms first, so they do not see their server vanish). Call once at the top of a file.
 */
export interface Live {
  /** A fake Discord with the test server (see startWorld). */
  world(options?: FakeDiscordOptions): Promise<World>;
  /** A bare fake Discord with no server, for tests that build their own. */
  fake(options?: FakeDiscordOptions): Promise<FakeDiscord>;
  platform(world: Pick<World, 'discord'> & Partial<World>, extra?: Partial<DiscordPlatformOptions>): DiscordPlatform;
  /** A world and a platform for it, not logged in. */
  setUp(extra?: Partial<DiscordPlatformOptions>): Promise<{ world: World; platform: DiscordPlatform }>;
  /** A world and a platform logged in with a fresh RecordingInbound. */
  started(extra?: Partial<DiscordPlatformOptions>): Promise<Started>;
}

export interface Started {
  world: World;
  platform: DiscordPlatform;
  inbound: RecordingInbound;
  state: FakeDiscord['state'];
  gateway: FakeDiscord['gateway'];
}

export function livePerTest(): Live {
  let platforms: DiscordPlatform[] = [];
  let fakes: FakeDiscord[] = [];
  afterEach(async () => {
    const [ps, fs] = [platforms, fakes];
    platforms = [];
    fakes = [];
    for (const p of ps) await p.stop();
    for (const f of fs) await f.stop();
  });
  const live: Live = {
    async world(options) {
      const world = await startWorld(options);
      fakes.push(world.discord);
      return world;
    },
    async fake(options) {
      const discord = await startFakeDiscord(options);
      fakes.push(discord);
      return discord;
    },
    platform(world, extra) {
      const platform = platformFor(world, extra);
      platforms.push(platform);
      return platform;
    },
    async setUp(extra) {
      const world = await live.world();
      return { world, platform: live.platform(world, extra) };
    },
    async started(extra) {
      const { world, platform } = await live.setUp(extra);
      const inbound = new RecordingInbound();
      await platform.start(inbound);
      return { world, platform, inbound, state: world.discord.state, gateway: world.discord.gateway };
    },
  };
  return live;
}

export function platformFor(world: Pick<World, 'discord'> & Partial<World>, extra: Partial<DiscordPlatformOptions> = {}): DiscordPlatform {
  return createDiscordPlatform({
    token: world.discord.state.token,
    apiUrl: world.discord.apiUrl,
    reaction: 'pray',
    viewerRoleIds: () => (world.staffRole ? [world.staffRole.id] : []),
    logger: silentLogger,
    clock: { now: () => new Date() },
    restTimeoutMs: 2_000,
    ...extra,
  });
}

export function channelConfig(id: string, audience: 'staff' | 'volunteers' = 'staff'): ChannelConfig {
  return { platform: 'discord', id, audience, allowPublic: false };
}

/** A post part for a channel on a date (only the fields the adapter reads matter). */
export function partFor(channelId: string, date = '2026-10-12', part = 0, partCount = 1): PostPart {
  return {
    date,
    postAt: new Date(`${date}T13:00:00Z`),
    week: '2026-10-12',
    channel: channelConfig(channelId),
    verse: { text: 'He has shown you, O mortal, what is good.', reference: 'Micah 6:8' },
    sections: [],
    part,
    partCount,
    ledgerKey: `discord:${channelId}:${date}:${part}`,
  };
}

/** A fictional document with two regions and three requests. */
export function sampleDoc(): PostDocument {
  return {
    title: 'Prayer for Monday, October 12, 2026',
    fallback: "Today's prayer: Latin America, Asia Pacific",
    sections: [
      {
        heading: 'Latin America',
        items: [
          { title: 'Training week', text: 'Please pray for the team leading a training week for new staff. @everyone' },
          { text: 'Pray for wisdom for the partners planning next year.' },
        ],
      },
      { heading: 'Asia Pacific', items: [{ text: 'Give thanks for a safe journey home for the field team.' }] },
    ],
    verse: { text: 'He has shown you, O mortal, what is good.', reference: 'Micah 6:8' },
    footer: 'React 🙏 when you have prayed.',
  };
}
