// The bot with Slack over HTTP against the fake Web API (which lives in the measure's
// process), today's post already sent to the staff channel when it is ready.
import { startFakeSlack, type FakeSlack } from '../../test/fakes/slack-api.js';
import { startBotProcess, type BotProcess } from './bot.js';
import { writeBenchPlan, type BenchPlan } from './plan.js';

export const STAFF_CHANNEL = 'C0STAFF01';

/** The environment of a bot on Slack over HTTP against `slack`, with a SQLite file and a free port. */
export function slackBotEnv(slack: FakeSlack, database: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.url,
    DATABASE_URL: `sqlite:${database}`,
    PORT: '0',
  };
}

export interface SlackBot {
  slack: FakeSlack;
  bot: BotProcess;
  plan: BenchPlan;
  /** POST target for signed requests. */
  eventsUrl: string;
  /** The ts of today's post in the staff channel. */
  postTs: string;
  /** The bot's SQLite file. */
  database: string;
  stop(): Promise<void>;
}

export async function startSlackBot(options: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<SlackBot> {
  const slack = await startFakeSlack();
  // Due a minute ago: the sweep at start sends it (well inside catch_up_hours).
  const postAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const plan = writeBenchPlan({
    postAt,
    channels: [{ platform: 'slack', id: STAFF_CHANNEL, audience: 'staff' }],
    staffReport: [{ platform: 'slack', id: 'C0COORD01' }],
  });
  const database = `${plan.data}/prayerbot.db`;
  let bot: BotProcess | undefined;
  try {
    bot = await startBotProcess({
      cwd: plan.dir,
      config: plan.config,
      prompts: plan.prompts,
      env: { ...slackBotEnv(slack, database), ...options.env },
      ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    });
    if (bot.port === undefined) throw new Error(`the bot did not say its port: ${JSON.stringify(bot.ready)}`);
    const post = slack.messages(STAFF_CHANNEL).find((m) => m.user === slack.botUserId);
    if (!post) throw new Error("the bot was ready but today's post is not in the fake Slack");
    const running = bot;
    return {
      slack,
      bot,
      plan,
      eventsUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      postTs: post.ts,
      database,
      async stop() {
        await running.stop();
        await slack.stop();
        plan.remove();
      },
    };
  } catch (error) {
    await bot?.stop();
    await slack.stop();
    plan.remove();
    throw error;
  }
}
