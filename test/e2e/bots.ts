// Shared set-up for the end-to-end tests that run the whole bot (startBot) against a fake
// Slack or a fake Discord: starting the bot on a fake and a project, the fictional Discord
// server, and taking everything down after each test.
import { afterEach } from 'vitest';
import { startBot, type RunningBot } from '../../src/main.js';
import { P, overwrite } from '../fakes/discord-state.js';
import type { FakeDiscord } from '../fakes/discord-rest.js';
import type { FakeClock } from '../fakes/recording-platform.js';
import type { FakeSlack } from '../fakes/slack-api.js';
import { createSlackSigner, type SlackSigner } from '../fakes/slack-signer.js';
import { weekYaml, type Project } from './project.js';

export const SLACK_SECRET = 'e2e-signing-secret-not-real';
/** Texts of the sample week (see weekWithEveryoneRequest): a staff-only request and one for everyone. */
export const STAFF_ONLY = 'Pray for the africa-europe team';
export const FOR_EVERYONE = 'Pray for the latin-america team';

/** The whole bot on a fake Slack, and how to send it signed requests. */
export interface SlackWorld {
  slack: FakeSlack;
  bot: RunningBot;
  signer: SlackSigner;
  clock: FakeClock;
  project: Project;
}

/**
 * Keeps the world a test starts and takes it down after the test: the bot first, then the
 * fake platform (`fake` picks it out of the world), then the project's files. The world is
 * kept by reference, so a test that restarts the bot into the same object is covered too.
 */
export function worldPerTest<W extends { bot: RunningBot; project: Project }>(fake: (world: W) => { stop(): Promise<void> }): (world: W) => W {
  let kept: W | undefined;
  afterEach(async () => {
    const world = kept;
    kept = undefined;
    if (!world) return;
    await world.bot.stop();
    await fake(world).stop();
    world.project.remove();
  });
  return (world) => (kept = world);
}

/** The bot on an existing fake Slack and project (a first start, or a restart). */
export async function startSlackBot(slack: FakeSlack, project: Project, clock: FakeClock): Promise<{ bot: RunningBot; signer: SlackSigner }> {
  const bot = await startBot({
    configPath: project.configPath,
    promptsDir: project.promptsDir,
    env: { slack: { botToken: slack.botToken, signingSecret: SLACK_SECRET, apiUrl: slack.url }, databaseUrl: `sqlite:${project.dbPath}`, port: 0, logLevel: 'silent' },
    secrets: [slack.botToken, SLACK_SECRET],
    clock,
  });
  // Request signatures are checked against the wall clock (as Slack and Bolt do), not the bot's domain clock.
  const signer = createSlackSigner({ url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SLACK_SECRET });
  return { bot, signer };
}

/** The bot on an existing fake Discord and project. */
export function startDiscordBot(discord: FakeDiscord, project: Project, clock: FakeClock): Promise<RunningBot> {
  return startBot({
    configPath: project.configPath,
    promptsDir: project.promptsDir,
    env: { discord: { token: discord.state.token, apiUrl: discord.apiUrl }, databaseUrl: `sqlite:${project.dbPath}`, port: 0, logLevel: 'silent' },
    secrets: [discord.state.token],
    clock,
  });
}

/** The fictional server on a fake Discord: a Staff role and a staff channel private to it (and the bot). */
export function fictionalServer(discord: FakeDiscord) {
  const { state } = discord;
  const guild = state.addGuild({ name: 'Fictional Fellowship' });
  const staffRole = state.addRole(guild.id, { name: 'Staff' });
  const privateTo = (role: string) => [overwrite(guild.id, 'role', 0n, P.ViewChannel), overwrite(role, 'role', P.ViewChannel), overwrite(state.botRole(guild.id).id, 'role', P.ViewChannel)];
  const staffChannel = state.addChannel(guild.id, { name: 'staff-prayer', overwrites: privateTo(staffRole.id) }).id;
  return { state, guild, staffRole, staffChannel };
}

/** The sample week with Latin America's request for everyone; the rest are staff-only. */
export function weekWithEveryoneRequest(monday: string): string {
  return weekYaml(monday).replace(/(region: latin-america\n    text: [^\n]*)/, '$1\n    audience: everyone');
}

export async function waitFor(what: string, probe: () => unknown | Promise<unknown>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
