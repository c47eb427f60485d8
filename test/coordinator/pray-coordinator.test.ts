// `/pray coordinator` (Slack, console) and `/pray-staff coordinator` (Discord) through the
// whole bot: staff get a single-use sign-in link under PUBLIC_URL, sent without a link
// preview; everyone else gets the polite refusal and no link is made. Issuing is audited
// with the actor.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/core/coordinator/secrets.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord-rest.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { createSlackSigner } from '../fakes/slack-signer.js';
import { configYaml, tempProject, weekYaml, type Project } from '../e2e/project.js';

const WEEK = '2026-10-12';
const PUBLIC_URL = 'https://prayer.example.org';
const LINK = /https:\/\/prayer\.example\.org\/coordinator\/sign-in\?token=([A-Za-z0-9_-]{43})/;
const SECRET = 'coordinator-signing-secret-not-real';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function project(config: Parameters<typeof configYaml>[0]): Project {
  const p = tempProject(configYaml(config));
  p.writeWeek(WEEK, weekYaml(WEEK));
  cleanup.push(() => p.remove());
  return p;
}

async function started(bot: RunningBot): Promise<RunningBot> {
  cleanup.push(() => bot.stop());
  return bot;
}

/** The token's state in the real store, and who the audit says asked. */
async function issued(bot: RunningBot, token: string) {
  const { store, clock } = bot.coordinator;
  return {
    state: await store.signInTokenState(hashSecret(token), clock.now()),
    audit: (await store.listAudit(10)).filter((e) => e.action === 'sign-in-link').map((e) => e.actor),
  };
}

function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - started > ms ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 25));
    tick();
  });
}

describe('/pray coordinator', () => {
  it('on Slack: a staff member gets the link, ephemeral and unfurled never; others are refused', async () => {
    const clock = new FakeClock(new Date('2026-10-13T13:00:30Z'));
    const slack = await startFakeSlack({ now: () => clock.now().getTime(), signingSecret: SECRET });
    cleanup.push(() => slack.stop());
    const p = project({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' });
    const bot = await started(
      await startBot({
        configPath: p.configPath,
        promptsDir: p.promptsDir,
        env: { slack: { botToken: slack.botToken, signingSecret: SECRET, apiUrl: slack.url }, databaseUrl: `sqlite:${p.dbPath}`, port: 0, publicUrl: PUBLIC_URL, logLevel: 'silent' },
        secrets: [slack.botToken, SECRET],
        clock,
      }),
    );
    const signer = createSlackSigner({ url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SECRET });

    const answer = await signer.command({ command: '/pray', text: 'coordinator', user_id: 'U0COORD1', channel_id: 'C0COORD01' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ response_type: 'ephemeral', unfurl_links: false, unfurl_media: false });
    const token = LINK.exec(String(answer.json?.['text']))?.[1];
    expect(token).toBeDefined();
    expect(await issued(bot, token!)).toEqual({ state: 'valid', audit: ['slack:U0COORD1'] });

    const refused = await signer.command({ command: '/pray', text: 'coordinator', user_id: 'U0VOL1', channel_id: 'C0STAFF01' });
    expect(String(refused.json?.['text'])).toContain('that form of /pray is for the prayer coordinators');
    expect(JSON.stringify(refused.json)).not.toContain('/coordinator/sign-in');
    expect(await bot.coordinator.store.countSignInTokens('slack:U0VOL1', new Date(0))).toBe(0);

    // Other answers keep their link previews as before.
    const region = await signer.command({ command: '/pray', text: 'latam', user_id: 'U0VOL1', channel_id: 'C0STAFF01' });
    expect(region.json).not.toHaveProperty('unfurl_links');
  });

  it('on Discord: /pray-staff coordinator answers staff ephemerally with embeds suppressed; others are refused', async () => {
    const clock = new FakeClock(new Date('2026-10-13T13:00:30Z'));
    const discord: FakeDiscord = await startFakeDiscord();
    cleanup.push(() => discord.stop());
    const { state } = discord;
    const guild = state.addGuild({ name: 'Fictional Fellowship' });
    const staffRole = state.addRole(guild.id, { name: 'Staff' });
    const channel = state.addChannel(guild.id, { name: 'prayer' }).id;
    const p = project({ channels: `  - { platform: discord, id: "${channel}", audience: volunteers }`, staffReport: `  - { platform: discord, id: "${channel}" }`, staff: `  discord_roles: ["${staffRole.id}"]` });
    const bot = await started(
      await startBot({
        configPath: p.configPath,
        promptsDir: p.promptsDir,
        env: { discord: { token: state.token, apiUrl: discord.apiUrl }, databaseUrl: `sqlite:${p.dbPath}`, port: 0, publicUrl: PUBLIC_URL, logLevel: 'silent' },
        secrets: [state.token],
        clock,
      }),
    );
    const coord = state.addMember(guild.id, { username: 'Coord', roles: [staffRole.id] }).user;
    const asked = discord.gateway.command({ name: 'pray-staff', options: [{ type: 1, name: 'coordinator' }], guildId: guild.id, channelId: channel, userId: coord.id, roles: [staffRole.id] });
    await until('the link', () => asked.callbacks.length > 0);
    expect(asked.callbacks).toHaveLength(1);
    expect(asked.callbacks[0]!.data?.['flags']).toBe(64 | 4); // EPHEMERAL | SUPPRESS_EMBEDS
    const token = LINK.exec(String(asked.callbacks[0]!.data?.['content']))?.[1];
    expect(token).toBeDefined();
    expect(await issued(bot, token!)).toEqual({ state: 'valid', audit: [`discord:${coord.id}`] });

    const member = state.addMember(guild.id, { username: 'Vol' }).user;
    const refused = discord.gateway.command({ name: 'pray-staff', options: [{ type: 1, name: 'coordinator' }], guildId: guild.id, channelId: channel, userId: member.id });
    await until('the refusal', () => refused.callbacks.length > 0);
    expect(refused.callbacks[0]!.data?.['flags']).toBe(64);
    expect(String(refused.callbacks[0]!.data?.['content'])).toContain('for the prayer coordinators');
    expect(await bot.coordinator.store.countSignInTokens(`discord:${member.id}`, new Date(0))).toBe(0);
  });

  it('on the console: whoever runs it is staff and gets the link (actor console)', async () => {
    const p = project({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const bot = await started(
      await startBot({
        configPath: p.configPath,
        promptsDir: p.promptsDir,
        env: { databaseUrl: `sqlite:${p.dbPath}`, port: 0, publicUrl: PUBLIC_URL, logLevel: 'silent' },
        secrets: [],
        clock: new FakeClock(new Date('2026-10-13T13:00:30Z')),
        input,
        output,
      }),
    );
    input.write('/pray coordinator\n');
    await until('the link', () => LINK.test(printed));
    expect(printed).toContain('It works once, for the next 15 minutes');
    expect(await issued(bot, LINK.exec(printed)![1]!)).toEqual({ state: 'valid', audit: ['console'] });
  });

  it('on the console without PUBLIC_URL: the link names the port the bot listens on', async () => {
    const p = project({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' });
    const bot = await started(
      await startBot({
        configPath: p.configPath,
        promptsDir: p.promptsDir,
        env: { databaseUrl: `sqlite:${p.dbPath}`, port: 0, logLevel: 'silent' },
        secrets: [],
        clock: new FakeClock(new Date('2026-10-13T13:00:30Z')),
        input: new PassThrough(),
        output: new PassThrough(),
      }),
    );
    const answer = await bot.bot.pray({ platform: 'console', channelId: 'console', userId: 'console-user', roleIds: [], text: 'coordinator' });
    expect(answer).toMatchObject({ kind: 'text', noPreview: true });
    expect(answer.kind === 'text' && answer.text).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${bot.port}/coordinator/sign-in\\?token=[A-Za-z0-9_-]{43}`));
  });
});
