// Edits to prompts/ and config/ apply without a restart; a broken edit keeps the last good
// plan running and staff get the file:line:col error.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/config/plan-source.js';
import type { RunningBot, StartOptions } from '../../src/main.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { weekYaml } from './project.js';
import { throwawayBots } from './throwaway-bots.js';

const bots = throwawayBots();
/** The bot the running test started (stopped by `bots` after it). */
let bot: RunningBot | undefined;

function until(check: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - started > ms ? reject(new Error('timed out')) : setTimeout(tick, 50));
    tick();
  });
}

/** The console chat on a fresh project; `printed()` is what it showed (alerts print `[to staff]`). */
async function start(options: { reloadPlan?: StartOptions['reloadPlan']; databaseUrl?: string } = {}) {
  const project = bots.staffProject('2026-10-12');
  const run = await bots.console(project, {
    databaseUrl: options.databaseUrl ?? 'sqlite::memory:',
    clock: new FakeClock(new Date('2026-10-13T14:00:00Z')),
    ...(options.reloadPlan ? { reloadPlan: options.reloadPlan } : {}),
  });
  bot = run.bot;
  const ask = async (text: string) => {
    const answer = await bot!.bot.pray({ platform: 'console', channelId: 'console', userId: 'me', roleIds: [], text });
    return answer.kind === 'text' ? answer.text : JSON.stringify(answer.doc);
  };
  return { project, ask, printed: run.printed };
}

describe('hot reload', () => {
  it('applies a good edit, and keeps the last good plan on a broken one while telling staff where', async () => {
    const { project, ask, printed } = await start();
    expect(await ask('latam')).toContain('Pray for the latin-america team');

    // A good edit is picked up.
    project.writeWeek('2026-10-12', weekYaml('2026-10-12').replace('Pray for the latin-america team', 'Pray for the edited latin-america team'));
    await until(() => bot!.bot.ctx.plan().weeks[0]!.requests.some((r) => r.text.includes('edited')));
    expect(await ask('latam')).toContain('Pray for the edited latin-america team');

    // A broken edit: an unknown region on line 8. The edited plan keeps running.
    project.writeWeek('2026-10-12', weekYaml('2026-10-12').replace('region: latin-america', 'region: latin-amerika'));
    await until(() => printed().includes('An edit to the plan has errors'));
    expect(printed()).toMatch(/2026-10-12\.yaml:8:13: unknown region "latin-amerika"/);
    expect(await ask('latam')).toContain('Pray for the edited latin-america team');
  });
});

describe('hot reload that fails for another reason than the files', () => {
  const edited = (text: string) => weekYaml('2026-10-12').replace('Pray for the latin-america team', text);

  it('a loader that throws keeps the bot running on the last good plan and tells staff; the next edit applies', async () => {
    let throwing = true;
    const { project, ask, printed } = await start({
      reloadPlan: async (config, prompts, strict) => {
        if (throwing) throw Object.assign(new Error('a fictional loader failure'), { code: 'E_FICTIONAL' });
        return loadPlan(config, prompts, strict);
      },
    });
    project.writeWeek('2026-10-12', edited('Pray for the edited latin-america team'));
    await until(() => printed().includes('Reloading the plan failed'));
    expect(printed()).toMatch(/\[to staff\].*Reloading the plan failed on .* \(Error E_FICTIONAL\), so the last good plan keeps running/);
    expect(printed()).not.toContain('a fictional loader failure');
    expect(await ask('latam')).toContain('Pray for the latin-america team');

    throwing = false;
    project.writeWeek('2026-10-12', edited('Pray for the twice edited latin-america team'));
    await until(() => bot!.bot.ctx.plan().weeks[0]!.requests.some((r) => r.text.includes('twice edited')));
    expect(await ask('latam')).toContain('Pray for the twice edited latin-america team');
  });

  it('a store error while applying an edit keeps the last good plan and tells staff; once the store is back, the next edit applies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prayerbot-store-'));
    const dbPath = join(dir, 'prayerbot.db');
    try {
      const { project, ask, printed } = await start({ databaseUrl: `sqlite:${dbPath}` });
      // Another connection takes the table the plan's hash is recorded in away: a real store error.
      const other = new Database(dbPath);
      other.exec('ALTER TABLE plan_hashes RENAME TO plan_hashes_away');
      project.writeWeek('2026-10-12', edited('Pray for the edited latin-america team'));
      await until(() => printed().includes('Reloading the plan failed'));
      expect(printed()).toMatch(/Reloading the plan failed on .* \(SqliteError SQLITE_ERROR\)/);
      expect(await ask('latam')).toContain('Pray for the latin-america team');
      expect(bot!.bot.ctx.plan().weeks[0]!.requests.some((r) => r.text.includes('edited'))).toBe(false);

      other.exec('ALTER TABLE plan_hashes_away RENAME TO plan_hashes');
      other.close();
      project.writeWeek('2026-10-12', edited('Pray for the twice edited latin-america team'));
      await until(() => bot!.bot.ctx.plan().weeks[0]!.requests.some((r) => r.text.includes('twice edited')));
      expect(await ask('latam')).toContain('Pray for the twice edited latin-america team');
    } finally {
      await bot?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a prompts/ folder deleted and created again is watched again: a new week file there is picked up', async () => {
    const { project, printed } = await start();
    rmSync(project.promptsDir, { recursive: true });
    await until(() => printed().includes('folder not found'));
    expect(bot!.bot.ctx.plan().weeks.map((w) => w.week)).toEqual(['2026-10-12']);
    mkdirSync(project.promptsDir);
    project.writeWeek('2026-10-12', weekYaml('2026-10-12'));
    project.writeWeek('2026-10-19', weekYaml('2026-10-19'));
    await until(() => bot!.bot.ctx.plan().weeks.some((w) => w.week === '2026-10-19'));
    // Edits in the new folder apply too.
    project.writeWeek('2026-10-19', weekYaml('2026-10-19').replace('Pray for the latin-america team', 'Pray for the renewed latin-america team'));
    await until(() => bot!.bot.ctx.plan().weeks.some((w) => w.requests.some((r) => r.text.includes('renewed'))));
  });
});
