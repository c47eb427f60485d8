// A channel whose permission overwrites are missing from what Discord sends fails closed:
// without them nobody can say who sees it, so the privacy guard must never read the gap as
// "nobody else can see it". The world here is a server whose @everyone cannot see channels
// by default, so a channel read without its overwrites would look visible to no outsider.
import { afterEach, describe, expect, test } from 'vitest';
import { privacyVerdict } from '../../src/core/privacy.js';
import type { DiscordPlatform } from '../../src/platforms/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-rest.js';
import { P, overwrite } from '../fakes/discord-state.js';
import { RecordingInbound, channelConfig, platformFor } from './helpers.js';

let discord: FakeDiscord | undefined;
let platform: DiscordPlatform | undefined;
afterEach(async () => {
  await platform?.stop();
  await discord?.stop();
  platform = undefined;
  discord = undefined;
});

/** A staff channel that the (non-staff) Volunteers role can also see, through an overwrite. */
async function leakyStaffChannel(withheld: boolean) {
  discord = await startFakeDiscord();
  const { state } = discord;
  const guild = state.addGuild({ name: 'Fellowship', everyonePermissions: P.SendMessages | P.ReadMessageHistory });
  const staffRole = state.addRole(guild.id, { name: 'Staff' });
  const volunteerRole = state.addRole(guild.id, { name: 'Volunteers' });
  const channel = state.addChannel(guild.id, {
    name: 'staff-prayer',
    overwrites: [overwrite(staffRole.id, 'role', P.ViewChannel), overwrite(volunteerRole.id, 'role', P.ViewChannel)],
  });
  if (withheld) state.withholdOverwrites(channel.id);
  return { channelId: channel.id, staffRole, volunteerRoleId: volunteerRole.id };
}

describe.each([
  ['logged in (gateway cache)', true],
  ['REST only', false],
])('a channel without permission_overwrites, %s', (_name, login) => {
  async function inspect(withheld: boolean) {
    const world = await leakyStaffChannel(withheld);
    platform = platformFor({ discord: discord!, staffRole: world.staffRole });
    if (login) await platform.start(new RecordingInbound());
    return { world, found: await platform.inspectChannel(world.channelId) };
  }

  test('with its overwrites, the Volunteers role is an outsider (the set-up leaks)', async () => {
    const { world, found } = await inspect(false);
    expect(found.state).toBe('ok');
    expect(found.outsiderViewers).toEqual([`role @Volunteers (${world.volunteerRoleId})`]);
  });

  test('without them, the channel counts as no access and the guard refuses it, never "no outsiders"', async () => {
    const { world, found } = await inspect(true);
    expect(found.state).toBe('no-access');
    expect(found.detail).toContain(`Discord did not say who can see channel ${world.channelId}`);
    const staff = privacyVerdict(channelConfig(world.channelId, 'staff'), found);
    const volunteers = privacyVerdict(channelConfig(world.channelId, 'volunteers'), found);
    expect(staff).toMatchObject({ allowed: false, disable: false });
    expect(volunteers).toMatchObject({ allowed: false, disable: false });
  });
});
