// fanout_1000_ratio: one day's post (message + the bot's own 🙏) to 1,000 Discord staff
// channels, the fake REST enforcing a global token bucket of 50 requests/s with a burst of
// 50. Time runs from the post cron's instant (the start of the day's post) to the last 🙏 the
// fake acknowledged; the value is that time ÷ 40 s (2,000 calls at 50/s). The bot is the
// built CLI in its own process (Discord only). Also checked: every channel's ledger entry is
// `sent` with the bot's 🙏 on its message, and no rate limit reached the user (no failure,
// no warning, no staff alert); 429s the library absorbed are counted in the notes.
// Baseline: the same ratio for a bare @discordjs/rest loop making the same 2,000 calls, in
// its own process, against a fresh fake with the same limiter.
import Database from 'better-sqlite3';
import { startBotProcess } from './lib/bot.js';
import { firstJsonLine, spawnScript } from './lib/children.js';
import { startDiscordWorld, type DiscordWorld } from './lib/discord-world.js';
import { writeBenchPlan } from './lib/plan.js';
import { round, runMain, say, type MeasureReport } from './lib/report.js';

const CHANNELS = 1_000;
const FLOOR_MS = 40_000;
/** Seconds between the bot being started and the cron instant (login with 1,000 channels). */
const LEAD_MS = 10_000;
/** After the instant, how long the post may take before the measure gives up. */
const LIMIT_MS = 120_000;

function isOwnReaction(path: string): boolean {
  return /^\/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(path);
}

/** Waits until `count` 🙏 PUTs were acknowledged (2xx); returns the last one's arrival time. */
async function lastReactionAck(world: DiscordWorld, count: number, deadline: number): Promise<number> {
  for (;;) {
    const acked = world.discord.calls.filter((c) => c.method === 'PUT' && isOwnReaction(c.path) && c.status >= 200 && c.status < 300);
    if (acked.length >= count) return Math.max(...acked.map((c) => c.at));
    if (Date.now() > deadline) throw new Error(`only ${acked.length} of ${count} reactions acknowledged in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function reactedChannels(world: DiscordWorld): number {
  const botId = world.discord.state.bot.id;
  return world.channels.filter((c) => world.discord.state.messages(c.id).some((m) => m.author.id === botId && m.reactions.some((r) => r.normal.includes(botId)))).length;
}

async function botRun(): Promise<{ ms: number; rateLimited: number; notes: string[] }> {
  const world = await startDiscordWorld(CHANNELS);
  const postAt = new Date(Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000);
  const plan = writeBenchPlan({
    postAt,
    channels: world.channels.map((c) => ({ platform: 'discord' as const, id: c.id, audience: 'staff' as const })),
    staffReport: [{ platform: 'discord', id: world.reportChannel.id }],
    slackStaff: [],
    discordStaffRoles: world.staffRoleIds,
  });
  const database = `${plan.data}/prayerbot.db`;
  const bot = await startBotProcess({
    cwd: plan.dir,
    config: plan.config,
    prompts: plan.prompts,
    env: { DISCORD_TOKEN: world.discord.state.token, DISCORD_API_URL: world.discord.apiUrl, DATABASE_URL: `sqlite:${database}`, PORT: '0' },
  });
  try {
    const early = postAt.getTime() - Date.now();
    if (early < 1_000) throw new Error(`the bot was ready only ${-early} ms after the cron instant`);
    say(`bot ready; the post is due in ${round(early / 1000)} s`);
    const last = await lastReactionAck(world, CHANNELS, postAt.getTime() + LIMIT_MS);
    const ms = last - postAt.getTime();
    // Let the bot record its last sends before reading the ledger.
    await new Promise((r) => setTimeout(r, 1_000));
    const rateLimited = world.discord.rateLimited.global + world.discord.rateLimited.user + world.discord.rateLimited.shared;
    const complaints = bot.lines.filter((l) => /"level":(40|50|60)/.test(l));
    await bot.stop();
    const db = new Database(database, { readonly: true });
    const states = db.prepare("SELECT state, count(*) AS n FROM posts WHERE platform = 'discord' GROUP BY state").all() as Array<{ state: string; n: number }>;
    db.close();
    const sent = states.find((s) => s.state === 'sent')?.n ?? 0;
    const reacted = reactedChannels(world);
    const alerts = world.discord.state.messages(world.reportChannel.id).length;
    say(`bot: last 🙏 ${ms} ms after the cron instant; ledger ${JSON.stringify(states)}; ${reacted} channels with the bot's 🙏; ${rateLimited} 429s absorbed`);
    if (sent !== CHANNELS) throw new Error(`failed channels: the ledger has ${sent} of ${CHANNELS} sent (${JSON.stringify(states)})`);
    if (reacted !== CHANNELS) throw new Error(`only ${reacted} of ${CHANNELS} messages carry the bot's 🙏`);
    if (complaints.length > 0 || alerts > 0) {
      throw new Error(`a rate limit or failure reached the user: ${alerts} staff alerts, log: ${complaints.slice(0, 3).join(' | ')}`);
    }
    return { ms, rateLimited, notes: [`bot: ${CHANNELS} channels over ${world.staffRoleIds.length} servers, all sent with 🙏, ${rateLimited} 429s absorbed by the library, none reached the user`] };
  } finally {
    await bot.stop();
    await world.discord.stop();
    plan.remove();
  }
}

async function baselineRun(): Promise<{ ms: number; rateLimited: number }> {
  const world = await startDiscordWorld(CHANNELS);
  try {
    // The bucket starts full, as it is for the bot (which logged in seconds before its post).
    const child = spawnScript('fanout-baseline.ts', [JSON.stringify({ apiUrl: world.discord.apiUrl, token: world.discord.state.token, channelIds: world.channels.map((c) => c.id) })]);
    const { startedAt, failed } = await firstJsonLine<{ startedAt: number; failed: number }>(child, 'the fan-out baseline', LIMIT_MS + 30_000);
    if (failed > 0) throw new Error(`the baseline loop failed ${failed} channels`);
    const last = await lastReactionAck(world, CHANNELS, Date.now() + 5_000);
    const rateLimited = world.discord.rateLimited.global + world.discord.rateLimited.user + world.discord.rateLimited.shared;
    say(`bare @discordjs/rest: last 🙏 ${last - startedAt} ms after the loop started; ${rateLimited} 429s absorbed`);
    return { ms: last - startedAt, rateLimited };
  } finally {
    await world.discord.stop();
  }
}

runMain(async (): Promise<MeasureReport[]> => {
  say(`baseline: ${CHANNELS * 2} calls through a bare @discordjs/rest loop (about ${FLOOR_MS / 1000} s)`);
  const base = await baselineRun();
  say(`bot: one day's post to ${CHANNELS} channels (about ${(LEAD_MS + FLOOR_MS) / 1000} s)`);
  const bot = await botRun();
  const ratio = bot.ms / FLOOR_MS;
  const baseRatio = base.ms / FLOOR_MS;
  return [
    {
      name: 'fanout_1000_ratio',
      measure: { value: round(ratio, 3), unit: 'ratio', goal: '≤ 1.1', baseline: round(baseRatio, 3) },
      pass: ratio <= 1.1,
      notes: [
        `bot ${round(bot.ms / 1000, 2)} s, bare @discordjs/rest ${round(base.ms / 1000, 2)} s (${base.rateLimited} 429s absorbed), fake bucket 50/s burst 50, floor ${FLOOR_MS / 1000} s`,
        ...bot.notes,
      ],
    },
  ];
});
