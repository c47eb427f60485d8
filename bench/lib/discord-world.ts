// A fake Discord for the fan-out: servers whose channels only a Staff role (and the bot) can
// see, so the privacy guard lets a staff post through, and one more staff channel for the
// staff report. The REST fake's global limiter is a token bucket of 50 requests/s with a
// burst of 50 (test/fakes/discord-rest.ts `globalRate`).
import { startFakeDiscord, type FakeDiscord } from '../../test/fakes/discord-rest.js';
import { P, overwrite, type FakeChannel } from '../../test/fakes/discord-state.js';

export const GLOBAL_RATE = { perSecond: 50, burst: 50 };

export interface DiscordWorld {
  discord: FakeDiscord;
  staffRoleIds: string[];
  channels: FakeChannel[];
  reportChannel: FakeChannel;
}

/** `channels` staff channels spread over servers of at most `perGuild` channels each. */
export async function startDiscordWorld(channels: number, perGuild = 250): Promise<DiscordWorld> {
  const discord = await startFakeDiscord({ globalRate: GLOBAL_RATE });
  const { state } = discord;
  const staffRoleIds: string[] = [];
  const made: FakeChannel[] = [];
  let reportChannel: FakeChannel | undefined;
  for (let g = 0; made.length < channels; g++) {
    const guild = state.addGuild({ name: `Fellowship ${g + 1}` });
    const staff = state.addRole(guild.id, { name: 'Staff' });
    state.addRole(guild.id, { name: 'Volunteers' });
    staffRoleIds.push(staff.id);
    const staffOnly = () => [
      overwrite(guild.id, 'role', 0n, P.ViewChannel),
      overwrite(staff.id, 'role', P.ViewChannel),
      overwrite(state.botRole(guild.id).id, 'role', P.ViewChannel),
    ];
    for (let i = 0; i < perGuild && made.length < channels; i++) {
      made.push(state.addChannel(guild.id, { name: `prayer-${g + 1}-${i + 1}`, overwrites: staffOnly() }));
    }
    reportChannel ??= state.addChannel(guild.id, { name: 'prayer-coordinators', overwrites: staffOnly() });
  }
  return { discord, staffRoleIds, channels: made, reportChannel: reportChannel! };
}
