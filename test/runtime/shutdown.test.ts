// Stopping the bot (SIGTERM, a deploy): nothing new is taken in once stopping begins, what
// was already taken in is written, the platforms close while the store is still open, and
// the store closes last. The whole bot (startBot) with a recording platform in place of Slack.
import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS } from '../../src/core/plan/limits.js';
import type { ReactionEvent } from '../../src/core/ports.js';
import type { Store } from '../../src/core/store.js';
import { mondayOf, todayIn } from '../../src/core/time.js';
import type { RunningBot } from '../../src/main.js';
import { openStore } from '../../src/store/open-store.js';
import { configYaml, weekYaml, type Project } from '../e2e/project.js';
import { STAFF_CHANNELS, throwawayBots } from '../e2e/throwaway-bots.js';
import { RecordingPlatform } from '../fakes/recording-platform.js';

/** Slack as far as the core can tell; it notes whether the ledger still answered when it was stopped. */
class StoppablePlatform extends RecordingPlatform {
  stops = 0;
  storeOpenAtStop: boolean | undefined;
  store: Store | undefined;

  override async stop(): Promise<void> {
    this.stops += 1;
    try {
      await this.store!.listPosts({});
      this.storeOpenAtStop = true;
    } catch {
      this.storeOpenAtStop = false;
    }
  }
}

const bots = throwawayBots();

/** The bot running with today's post already sent to C0STAFF01 (start-up catch-up). */
async function runningBot(): Promise<{ bot: RunningBot; slack: StoppablePlatform; project: Project }> {
  const today = todayIn('UTC', new Date());
  const monday = mondayOf(today);
  const project = bots.project(configYaml({ timezone: 'UTC', post: '0 0 * * *', catchUp: 24, ...STAFF_CHANNELS }));
  project.writeWeek(monday, weekYaml(monday, `  - region: latin-america\n    id: today\n    text: Pray for the volunteers setting up the fictional food bank.\n    date: ${today}\n`));
  const slack = new StoppablePlatform('slack', MESSAGE_LIMITS.slack);
  const running = await bots.start({
    configPath: project.configPath,
    promptsDir: project.promptsDir,
    env: { databaseUrl: `sqlite:${project.dbPath}`, port: 0, logLevel: 'silent' },
    secrets: [],
    platforms: [slack],
  });
  slack.store = running.store;
  return { bot: running, slack, project };
}

function pray(userId: string, messageId: string): ReactionEvent {
  return { platform: 'slack', channelId: 'C0STAFF01', messageId, userId, variant: 'pray', present: true, orderMicros: Date.now() * 1000 };
}

async function reactorsAfterStop(p: Project): Promise<number> {
  const store = await openStore(`sqlite:${p.dbPath}`);
  try {
    const tallies = await store.tally({});
    return tallies.reduce((n, t) => n + t.count, 0);
  } finally {
    await store.close();
  }
}

describe('stopping the bot', () => {
  it('counts a 🙏 received just before the stop, refuses one that arrives once stopping has begun, and answers /pray politely meanwhile', async () => {
    const { bot, slack, project: p } = await runningBot();
    const [post] = slack.visible('C0STAFF01');
    expect(post).toBeDefined();

    const received = slack.inbound!.reaction(pray('U0VOLUNTEER1', post!.id));
    const stopped = bot.stop();
    const late = slack.inbound!.reaction(pray('U0VOLUNTEER2', post!.id));
    await expect(late).rejects.toMatchObject({ code: 'unavailable', retryable: true });
    const answer = await slack.inbound!.pray({ platform: 'slack', channelId: 'C0STAFF01', userId: 'U0VOLUNTEER3', roleIds: [], text: 'latin america' });
    expect(answer).toEqual({ kind: 'text', text: expect.stringContaining('restarting') });
    await expect(received).resolves.toBeUndefined();
    await stopped;

    // Durable: a fresh process reading the same database sees the first 🙏 and only it.
    expect(await reactorsAfterStop(p)).toBe(1);
  });

  it('stops the platforms while the store still answers, then closes the store', async () => {
    const { bot, slack } = await runningBot();
    await bot.stop();
    expect(slack.stops).toBe(1);
    expect(slack.storeOpenAtStop).toBe(true);
    await expect(bot.store.listPosts({})).rejects.toThrow();
  });

  it('a second stop is harmless: the same promise, and nothing is stopped twice', async () => {
    const { bot, slack } = await runningBot();
    const first = bot.stop();
    const second = bot.stop();
    expect(second).toBe(first);
    await first;
    await expect(bot.stop()).resolves.toBeUndefined();
    expect(slack.stops).toBe(1);
  });
});
