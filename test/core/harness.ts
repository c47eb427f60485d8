// A core under test: a real SQLite store (in memory), recording platforms, a fake clock.
import pino from 'pino';
import { buildPlanState, type PlanState } from '../../src/core/plan-state.js';
import { MESSAGE_LIMITS } from '../../src/core/plan/limits.js';
import type { Log } from '../../src/core/ports.js';
import { PrayerBot } from '../../src/core/prayer-bot.js';
import type { Config, WeekPlan } from '../../src/core/types.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/core/store.js';
import { FakeClock, RecordingPlatform } from '../fakes/recording-platform.js';

export interface Harness {
  clock: FakeClock;
  store: Store;
  slack: RecordingPlatform;
  discord: RecordingPlatform;
  bot: PrayerBot;
  state: () => PlanState;
  setPlan(config: Config, weeks: WeekPlan[]): void;
  close(): Promise<void>;
}

export async function harness(config: Config, weeks: WeekPlan[], start: string, opts: { store?: Store; owner?: string; log?: Log } = {}): Promise<Harness> {
  const clock = new FakeClock(new Date(start));
  const store = opts.store ?? (await openStore('sqlite::memory:'));
  const slack = new RecordingPlatform('slack', MESSAGE_LIMITS.slack, clock.now);
  const discord = new RecordingPlatform('discord', MESSAGE_LIMITS.discord, clock.now);
  let state = buildPlanState(config, weeks);
  const bot = new PrayerBot({ store, clock, log: opts.log ?? pino({ level: 'silent' }), platforms: [slack, discord], plan: () => state, owner: opts.owner ?? 'test-owner' });
  await slack.start(bot);
  await discord.start(bot);
  return {
    clock,
    store,
    slack,
    discord,
    bot,
    state: () => state,
    setPlan(c, w) {
      state = buildPlanState(c, w);
    },
    close: async () => {
      await bot.drain();
      await store.close();
    },
  };
}
