// idle_rss_mb: resident memory of the bot process (the built CLI) idle with both platforms
// connected to the fakes — Slack over HTTP against the fake Web API, Discord over the fake
// gateway and REST — after today's post went to one channel on each. VmRSS from
// /proc/<pid>/status, IDLE_MS after the ready line.
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { rssMiB, startBotProcess } from './lib/bot.js';
import { startDiscordWorld } from './lib/discord-world.js';
import { writeBenchPlan } from './lib/plan.js';
import { slackBotEnv } from './lib/slack-bot.js';
import { round, runMain, say, type MeasureReport } from './lib/report.js';

const IDLE_MS = 5_000;

runMain(async (): Promise<MeasureReport[]> => {
  const slack = await startFakeSlack();
  const world = await startDiscordWorld(1);
  const plan = writeBenchPlan({
    postAt: new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000),
    channels: [
      { platform: 'slack', id: 'C0STAFF01', audience: 'staff' },
      { platform: 'discord', id: world.channels[0]!.id, audience: 'staff' },
    ],
    staffReport: [{ platform: 'slack', id: 'C0COORD01' }],
    discordStaffRoles: world.staffRoleIds,
  });
  const bot = await startBotProcess({
    cwd: plan.dir,
    config: plan.config,
    prompts: plan.prompts,
    env: {
      ...slackBotEnv(slack, `${plan.data}/prayerbot.db`),
      DISCORD_TOKEN: world.discord.state.token,
      DISCORD_API_URL: world.discord.apiUrl,
    },
  });
  try {
    if (!String(bot.ready.msg ?? '').includes('slack + discord')) throw new Error(`not both platforms: ${JSON.stringify(bot.ready)}`);
    if (world.discord.gateway.connected().length === 0) throw new Error('the bot is not connected to the fake gateway');
    const samples: number[] = [];
    for (let s = 1; s * 1000 <= IDLE_MS; s++) {
      await new Promise((r) => setTimeout(r, 1_000));
      samples.push(rssMiB(bot.pid));
    }
    const value = samples.at(-1)!;
    say(`VmRSS each second after ready: ${samples.map((s) => round(s)).join(', ')} MiB`);
    return [
      {
        name: 'idle_rss_mb',
        measure: { value: round(value), unit: 'MiB', goal: '≤ 120', baseline: null },
        pass: value <= 120,
        notes: [`VmRSS ${IDLE_MS / 1000} s after ready, Slack (HTTP) + Discord connected, today's post sent on both (max over the wait ${round(Math.max(...samples))} MiB)`],
      },
    ];
  } finally {
    await bot.stop();
    await world.discord.stop();
    await slack.stop();
    plan.remove();
  }
});
