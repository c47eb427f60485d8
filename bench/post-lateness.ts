// post_lateness_ms: on the real clock, from the post cron's instant to the first send the
// fake Slack records. The bot is the built CLI (`node dist/cli.js run`) in its own process,
// Slack over HTTP against the fake Web API; its config's post cron fires at the next minute
// boundary at least LEAD_MS away (so the bot is up and idle when it fires).
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { startBotProcess } from './lib/bot.js';
import { writeBenchPlan } from './lib/plan.js';
import { runMain, say, type MeasureReport } from './lib/report.js';
import { slackBotEnv } from './lib/slack-bot.js';
import { watchSlackCalls } from './lib/slack-calls.js';

/** The bot starts in about a second; the cron instant is at least this far ahead. */
const LEAD_MS = 12_000;
/** After the instant, how long to wait for the post before giving up. */
const WAIT_MS = 30_000;

function nextMinuteBoundary(after: number): Date {
  return new Date(Math.ceil((after + LEAD_MS) / 60_000) * 60_000);
}

runMain(async (): Promise<MeasureReport[]> => {
  const slack = await startFakeSlack();
  const calls = watchSlackCalls(slack);
  const postAt = nextMinuteBoundary(Date.now());
  const plan = writeBenchPlan({
    postAt,
    channels: [{ platform: 'slack', id: 'C0STAFF01', audience: 'staff' }],
    staffReport: [{ platform: 'slack', id: 'C0COORD01' }],
  });
  say(`cron instant ${postAt.toISOString()} (in ${Math.round((postAt.getTime() - Date.now()) / 1000)} s)`);
  const bot = await startBotProcess({
    cwd: plan.dir,
    config: plan.config,
    prompts: plan.prompts,
    env: slackBotEnv(slack, `${plan.data}/prayerbot.db`),
  });
  try {
    const readyWall = Date.now();
    if (readyWall > postAt.getTime() - 1_000) throw new Error(`the bot was ready only ${readyWall - postAt.getTime()} ms around the cron instant: no idle wait before it`);
    const early = calls.filter((c) => c.method === 'chat.postMessage');
    if (early.length > 0) throw new Error(`the bot sent ${early.length} message(s) before the cron instant`);
    const sent = await calls.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0STAFF01', postAt.getTime() + WAIT_MS - Date.now());
    const lateness = sent.at - postAt.getTime();
    say(`first chat.postMessage arrived ${lateness} ms after the cron instant`);
    return [
      {
        name: 'post_lateness_ms',
        measure: { value: lateness, unit: 'ms', goal: '≤ 1000', baseline: null },
        pass: lateness <= 1_000,
        notes: ['one cron firing at a minute boundary, Slack HTTP mode, fake Web API on 127.0.0.1'],
      },
    ];
  } finally {
    await bot.stop();
    await slack.stop();
    plan.remove();
  }
});
