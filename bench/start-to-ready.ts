// start_to_ready_ms: `node dist/cli.js run` in console mode (no tokens; a fresh SQLite file in
// a temp folder; PORT=0) from spawn until it prints a line containing `ready`; median of 10.
// Baseline: `node -e 0` from spawn to exit, median of 10, same machine, same run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { botEnv, startBotProcess } from './lib/bot.js';
import { writeBenchPlan } from './lib/plan.js';
import { round, runMain, say, type MeasureReport } from './lib/report.js';
import { median } from './lib/stats.js';

const STARTS = 10;

async function nodeNothing(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', '0'], { env: botEnv({}), stdio: 'ignore' });
  await once(child, 'exit');
  return performance.now() - t0;
}

runMain(async (): Promise<MeasureReport[]> => {
  // This week's plan with a post today, so the console shows (and records) today's post.
  const now = new Date();
  const plan = writeBenchPlan({
    postAt: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
    channels: [{ platform: 'slack', id: 'C0STAFF01', audience: 'staff' }],
    staffReport: [{ platform: 'slack', id: 'C0COORD01' }],
  });
  const times: number[] = [];
  const base: number[] = [];
  try {
    // Interleaved, so a busy moment on the machine hits both alike.
    for (let i = 0; i < STARTS; i++) {
      base.push(await nodeNothing());
      const data = mkdtempSync(join(plan.dir, 'data-'));
      const t0 = performance.now();
      const bot = await startBotProcess({
        cwd: plan.dir,
        config: plan.config,
        prompts: plan.prompts,
        env: { DATABASE_URL: `sqlite:${data}/prayerbot.db`, PORT: '0' },
        readyTimeoutMs: 30_000,
      });
      times.push(bot.readyAt - t0);
      if (!bot.lines.some((l) => l.includes('Prayer for'))) say('warning: the console did not show a post before ready');
      await bot.stop();
      rmSync(data, { recursive: true, force: true });
    }
  } finally {
    plan.remove();
  }
  const value = median(times);
  const baseline = median(base);
  say(`ready: ${times.map((t) => Math.round(t)).join(', ')} ms; node -e 0: ${base.map((t) => Math.round(t)).join(', ')} ms`);
  return [
    {
      name: 'start_to_ready_ms',
      measure: { value: round(value), unit: 'ms', goal: '≤ 1000', baseline: round(baseline) },
      pass: value <= 1_000,
      notes: [`median of ${STARTS} starts (min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}); console chat showing today's post from a fresh SQLite file`],
    },
  ];
});
