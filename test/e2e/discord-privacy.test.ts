// The privacy guard beyond the daily post, end to end on Discord (startBot, the real
// discord.js client, the fake REST and gateway): /pray in a staff channel everyone can view,
// and alerts that never name a member by id.
import { describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/main.js';
import { NOT_PRIVATE_NOTE } from '../../src/core/pray-privacy.js';
import { P, overwrite } from '../fakes/discord-state.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-rest.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { FOR_EVERYONE, STAFF_ONLY, fictionalServer, startDiscordBot, waitFor, weekWithEveryoneRequest, worldPerTest } from './bots.js';
import { configYaml, tempProject, type Project } from './project.js';

const WEEK = '2026-10-12';

interface World {
  discord: FakeDiscord;
  bot: RunningBot;
  project: Project;
  guildId: string;
  staffChannel: string;
  openChannel: string;
  /** A volunteer given View Channel on the staff channel by a member override. */
  visitorId: string;
}

const keep = worldPerTest<World>((w) => w.discord);

async function start(at: string): Promise<World> {
  const discord = await startFakeDiscord();
  const { state, guild, staffRole, staffChannel } = fictionalServer(discord);
  // Meant for staff, but @everyone can view it; and one volunteer has a member override too.
  const visitor = state.addMember(guild.id, { username: 'visitor' }).user.id;
  const openChannel = state.addChannel(guild.id, { name: 'open-staff', overwrites: [overwrite(visitor, 'member', P.ViewChannel)] }).id;
  const project = tempProject(
    configYaml({
      channels: [`  - { platform: discord, id: "${staffChannel}", audience: staff }`, `  - { platform: discord, id: "${openChannel}", audience: staff }`].join('\n'),
      staffReport: `  - { platform: discord, id: "${staffChannel}" }`,
      staff: `  discord_roles: ["${staffRole.id}"]`,
    }),
  );
  project.writeWeek(WEEK, weekWithEveryoneRequest(WEEK));
  const bot = await startDiscordBot(discord, project, new FakeClock(new Date(at)));
  return keep({ discord, bot, project, guildId: guild.id, staffChannel, openChannel, visitorId: visitor });
}

/** /pray [region] in a channel, by a volunteer: the answer as Discord received it. */
async function pray(w: World, channelId: string, region?: string): Promise<string> {
  const userId = w.discord.state.addMember(w.guildId, { username: 'volunteer' }).user.id;
  const options = region ? [{ type: 3, name: 'region', value: region }] : [];
  const interaction = w.discord.gateway.command({ name: 'pray', options, guildId: w.guildId, channelId, userId });
  await waitFor('an answer', () => interaction.callbacks.length > 0);
  return JSON.stringify(interaction.callbacks[0]!.data);
}

describe('privacy, closed further, on Discord', () => {
  it('/pray in a staff channel @everyone can view shows only everyone-requests, with a note', async () => {
    // Tuesday: the open channel's post is refused at start, so its facts are known.
    const w = await start('2026-10-13T13:00:30Z');
    const refused = await pray(w, w.openChannel, 'africa-europe');
    expect(refused).not.toContain(STAFF_ONLY);
    expect(refused).toContain(NOT_PRIVATE_NOTE);
    const region = await pray(w, w.openChannel, 'latin-america');
    expect(region).toContain(FOR_EVERYONE);
    expect(region).toContain(NOT_PRIVATE_NOTE);
    const today = await pray(w, w.openChannel);
    expect(today).toContain(FOR_EVERYONE);
    expect(today).not.toContain(STAFF_ONLY);

    // The private staff channel, checked the same way, shows staff requests.
    expect(await pray(w, w.staffChannel, 'africa-europe')).toContain(STAFF_ONLY);
  });

  it('the refusal alert names roles and "a member override", never a member id', async () => {
    const w = await start('2026-10-13T13:00:30Z');
    const alerts = w.discord.state.messages(w.staffChannel).filter((m) => m.content?.includes(`will not post to discord:${w.openChannel}`));
    expect(alerts).toHaveLength(1);
    // Staff texts escape mentions with a zero-width space (so "@everyone" pings nobody).
    const shown = alerts[0]!.content!.replaceAll('\u200b', '');
    expect(shown).toContain('role @everyone');
    expect(shown).toContain('a member override');
    for (const m of w.discord.state.messages(w.staffChannel)) expect(m.content ?? '').not.toContain(w.visitorId);
  });
});
