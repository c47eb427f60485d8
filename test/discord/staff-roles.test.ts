// A coordinator page session of `discord:<user>` lasts only while that member holds a staff
// role: the core asks the real Discord adapter (REST, against the fake Discord) for the
// member's roles in the servers of the configured channels, every time — a role taken away
// or a member who left ends the session at the next check.
import { afterEach, describe, expect, test } from 'vitest';
import { isStillStaff, staffVerdict, type StaffCheck } from '../../src/core/coordinator/staff-status.js';
import { testConfig } from '../../src/core/plan/testing.js';
import type { ChatPlatform } from '../../src/core/ports.js';
import type { Config, PlatformName } from '../../src/core/types.js';
import type { DiscordPlatform } from '../../src/platforms/discord/index.js';
import { RecordingInbound, channelConfig, platformFor, startWorld, type World } from './helpers.js';

let world: World | undefined;
let platform: DiscordPlatform | undefined;
afterEach(async () => {
  await platform?.stop();
  await world?.discord.stop();
  platform = undefined;
  world = undefined;
});

function checkFor(config: Config, discord: ChatPlatform | undefined): StaffCheck {
  const platforms = new Map<PlatformName, ChatPlatform>(discord ? [['discord', discord]] : []);
  return { plan: () => ({ config }), platforms };
}

describe.each([
  ['REST only', false],
  ['logged in', true],
])('a Discord coordinator is still staff, %s', (_name, login) => {
  async function setUp() {
    world = await startWorld();
    platform = platformFor(world);
    if (login) await platform.start(new RecordingInbound());
    const config = testConfig({
      channels: [channelConfig(world.volunteerChannel.id, 'volunteers')],
      staffReport: [{ platform: 'discord', id: world.staffChannel.id }],
      staff: { slackUsers: [], discordRoles: [world.staffRole.id], discordViewerRoles: [world.staffRole.id] },
    });
    return { world, platform, config, state: world.discord.state };
  }

  test('while the member holds a staff role, and no longer once it is taken away or they leave', async () => {
    const { world, platform, config, state } = await setUp();
    const coordinator = state.addMember(world.guild.id, { username: 'coordinator', roles: [world.staffRole.id, world.volunteerRole.id] });
    const volunteer = state.addMember(world.guild.id, { username: 'volunteer', roles: [world.volunteerRole.id] });
    const check = checkFor(config, platform);

    expect(await platform.memberRoles(coordinator.user.id, [world.volunteerChannel.id, world.staffChannel.id])).toEqual([world.staffRole.id, world.volunteerRole.id]);
    expect(await isStillStaff(check, `discord:${coordinator.user.id}`)).toBe(true);
    expect(await isStillStaff(check, `discord:${volunteer.user.id}`)).toBe(false);
    // Both channels are in one server: it is asked once per check.
    const asked = world.discord.callsTo('GET', new RegExp(`^/guilds/${world.guild.id}/members/${coordinator.user.id}$`));
    expect(asked).toHaveLength(2);

    coordinator.roles = [world.volunteerRole.id];
    expect(await staffVerdict(check, `discord:${coordinator.user.id}`)).toBe('not-staff');
    coordinator.roles = [world.staffRole.id];
    expect(await staffVerdict(check, `discord:${coordinator.user.id}`)).toBe('staff');
    world.guild.members.delete(coordinator.user.id);
    expect(await platform.memberRoles(coordinator.user.id, [world.staffChannel.id])).toBeUndefined();
    expect(await staffVerdict(check, `discord:${coordinator.user.id}`)).toBe('not-staff');
  });

  test('looks in every server of the configured channels, and leaves out a channel that is gone', async () => {
    const { world, platform, config, state } = await setUp();
    const other = state.addGuild({ name: 'Partners' });
    const partnerStaff = state.addRole(other.id, { name: 'Partner staff' });
    const partnerChannel = state.addChannel(other.id, { name: 'partner-prayer' });
    const coordinator = state.addMember(other.id, { username: 'partner-coordinator', roles: [partnerStaff.id] });
    const withPartner = { ...config, channels: [...config.channels, channelConfig(partnerChannel.id, 'volunteers'), channelConfig('999999999999999999', 'volunteers')] };

    expect(await platform.memberRoles(coordinator.user.id, [world.staffChannel.id, partnerChannel.id, '999999999999999999'])).toEqual([partnerStaff.id]);
    expect(await isStillStaff(checkFor(withPartner, platform), `discord:${coordinator.user.id}`)).toBe(false); // not a staff role
    const partnerRoleIsStaff = { ...withPartner, staff: { ...withPartner.staff, discordRoles: [world.staffRole.id, partnerStaff.id] } };
    expect(await isStillStaff(checkFor(partnerRoleIsStaff, platform), `discord:${coordinator.user.id}`)).toBe(true);
    // A server none of the configured channels is in is not asked.
    const askedOther = () => world.discord.callsTo('GET', new RegExp(`^/guilds/${other.id}/members/`)).length;
    const before = askedOther();
    expect(await isStillStaff(checkFor(config, platform), `discord:${coordinator.user.id}`)).toBe(false);
    expect(askedOther()).toBe(before);
  });

  test('cannot tell while Discord fails, and then fails closed', async () => {
    const { world, platform, config, state } = await setUp();
    const coordinator = state.addMember(world.guild.id, { username: 'coordinator', roles: [world.staffRole.id] });
    const check = checkFor(config, platform);
    world.discord.failNext({ method: 'GET', path: /^\/guilds\/\d+\/members\/\d+$/, status: 403, body: { message: 'Missing Access', code: 50001 } });
    expect(await staffVerdict(check, `discord:${coordinator.user.id}`)).toBe('unknown');
    world.discord.failNext({ method: 'GET', path: /^\/guilds\/\d+\/members\/\d+$/, status: 403, body: { message: 'Missing Access', code: 50001 } });
    expect(await isStillStaff(check, `discord:${coordinator.user.id}`)).toBe(false);
    expect(await isStillStaff(check, `discord:${coordinator.user.id}`)).toBe(true); // Discord answers again
  });
});

describe('staff status from the config alone', () => {
  const config = testConfig({ staff: { slackUsers: ['U0COORD1'], discordRoles: ['200000000000000001'], discordViewerRoles: [] } });

  test('Slack staff are the listed users; cli and console are whoever runs the bot', async () => {
    const check = checkFor(config, undefined);
    expect(await staffVerdict(check, 'slack:U0COORD1')).toBe('staff');
    expect(await staffVerdict(check, 'slack:U0VOL0001')).toBe('not-staff');
    expect(await staffVerdict(check, 'cli')).toBe('staff');
    expect(await staffVerdict(check, 'console')).toBe('staff');
    for (const odd of ['', 'slack:', ':U0COORD1', 'teams:U0COORD1', 'U0COORD1']) expect(await staffVerdict(check, odd)).toBe('not-staff');
  });

  test('a Discord actor is unknown where Discord is not running, and never staff when no staff role is configured', async () => {
    expect(await staffVerdict(checkFor(config, undefined), 'discord:300000000000000001')).toBe('unknown');
    expect(await isStillStaff(checkFor(config, undefined), 'discord:300000000000000001')).toBe(false);
    const noRoles = { ...config, staff: { ...config.staff, discordRoles: [] } };
    expect(await staffVerdict(checkFor(noRoles, undefined), 'discord:300000000000000001')).toBe('not-staff');
  });
});
