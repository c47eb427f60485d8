// `prayerbot tally [--week DATE] [--format table|csv|json]`: counts only, never who.
import type { GlobalOptions } from '../cli.js';
import { tallyCsv, tallyJson, tallyTable } from '../core/tally.js';
import { mondayOf, todayIn, weekday } from '../core/time.js';
import { checkDate, UsageError, withSession } from './session.js';

export async function tallyCommand(globals: GlobalOptions, opts: { week?: string; format: 'table' | 'csv' | 'json' }): Promise<number> {
  return withSession(globals, { platforms: false }, async ({ bot, plan }) => {
    const given = checkDate(opts.week, '--week');
    if (given && weekday(given) !== 1) throw new UsageError(`--week must be a Monday; ${given} is not (the week's Monday is ${mondayOf(given)})`);
    const week = given ?? mondayOf(todayIn(plan.config.timezone, new Date()));
    const summary = await bot.tally(week);
    if (opts.format === 'json') console.log(tallyJson(summary));
    else if (opts.format === 'csv') console.log(tallyCsv(summary));
    else console.log(`Week of ${week}\n${tallyTable(summary, plan.config.regions)}`);
    return 0;
  });
}
