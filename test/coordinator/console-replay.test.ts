// The console chat replays a sample week on an in-memory store when today has no post. The
// coordinator page always works on the real store and clock; saving a week that covers today
// there ends the replay, and the console shows today's post from the real store.
import { describe, expect, it } from 'vitest';
import { saveWeekText } from '../../src/core/coordinator/save-week.js';
import { weekYaml } from '../e2e/project.js';
import { throwawayBots } from '../e2e/throwaway-bots.js';
import { FakeClock } from '../fakes/recording-platform.js';

const bots = throwawayBots();

const TODAY = '2026-10-20'; // a Tuesday; the prompts folder only has the week before last

async function replaying() {
  const clock = new FakeClock(new Date(`${TODAY}T14:00:00Z`));
  const { bot, printed } = await bots.console(bots.staffProject('2026-10-05'), { clock });
  expect(bot.shown).toEqual({ kind: 'replay', date: '2026-10-09' });
  const save = (yaml: string) =>
    saveWeekText({ ...bot.coordinator, config: bot.coordinator.plan().config, yaml, actor: 'console', weeks: bot.coordinator.weeks });
  return { bot, printed, clock, save };
}

describe('the console replay and the coordinator page', () => {
  it('keeps replaying after a save of another week, which the plan takes up at once', async () => {
    const { bot, printed, save } = await replaying();
    const replayStore = bot.store;
    expect(replayStore).not.toBe(bot.coordinator.store);
    expect(await save(weekYaml('2026-10-26'))).toMatchObject({ saved: { week: '2026-10-26', version: 1 } });
    expect(bot.coordinator.plan().weeks.map((w) => w.week)).toEqual(['2026-10-05', '2026-10-26']);
    expect(bot.store).toBe(replayStore);
    expect(printed()).not.toContain('The replay has ended');
  });

  it("ends when a week covering today is saved: today's post from the real store, no REPLAY heading", async () => {
    const { bot, printed, save } = await replaying();
    const before = printed().length;
    const week = weekYaml('2026-10-19').replace('Pray for the latin-america team', 'Pray for the latin-america team, saved on the page,');
    expect(await save(week)).toMatchObject({ saved: { week: '2026-10-19', version: 1 } });

    const after = printed().slice(before);
    expect(after).toContain('The replay has ended: a week covering today was saved on the coordinator page.');
    expect(after).toContain('Prayer for Tuesday, October 20, 2026');
    expect(after).toContain('Pray for the latin-america team, saved on the page,');
    expect(after).not.toContain('REPLAY');

    // From now on the console is the bot on the real store and clock.
    expect(bot.store).toBe(bot.coordinator.store);
    expect(bot.bot.ctx.clock.now().toISOString()).toBe(`${TODAY}T14:00:00.000Z`);
    const ledger = await bot.coordinator.store.listPosts({ date: TODAY });
    expect(ledger.map((p) => [p.key, p.state])).toEqual([[`console:console:${TODAY}:0`, 'sent']]);
    const answer = await bot.bot.pray({ platform: 'console', channelId: 'console', userId: 'console-user', roleIds: [], text: '' });
    expect(JSON.stringify(answer)).toContain('saved on the page');
  });
});
