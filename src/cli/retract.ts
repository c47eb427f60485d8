// `prayerbot retract (--week DATE | --request WEEK/ID) [--undo] [--dry-run]`: take every
// posted copy down on every platform now; never posted again until --undo.
import type { GlobalOptions } from '../cli.js';
import { weekday } from '../core/time.js';
import { checkDate, UsageError, withSession } from './session.js';

export async function retractCommand(globals: GlobalOptions, opts: { week?: string; request?: string; undo?: boolean; dryRun?: boolean }): Promise<number> {
  return withSession(globals, { platforms: !opts.dryRun && !opts.undo }, async ({ bot }) => {
    if ((opts.week === undefined) === (opts.request === undefined)) throw new UsageError('give exactly one of --week DATE or --request WEEK/ID');
    let subject: string;
    if (opts.week !== undefined) {
      subject = checkDate(opts.week, '--week')!;
      if (weekday(subject) !== 1) throw new UsageError(`--week must be a Monday; ${subject} is not`);
    } else {
      const [week, id, ...rest] = opts.request!.split('/');
      if (!id || rest.length > 0 || !/^[A-Za-z0-9._-]+$/.test(id)) throw new UsageError(`--request must be WEEK/ID like 2026-10-12/latin-america-1, not "${opts.request}"`);
      checkDate(week, '--request');
      subject = `${week}/${id}`;
    }
    const actions = await bot.retract(subject, { undo: opts.undo ?? false, dryRun: opts.dryRun ?? false });
    const verb = opts.undo ? 'may be posted again' : 'retracted';
    console.log(`${subject} ${opts.dryRun ? `would be ${verb}` : verb}.`);
    if (!opts.undo && !actions.some((a) => a.action !== 'forget-week')) console.log('  No posted copy was live.');
    for (const a of actions) console.log(`  ${a.action} ${a.post}: ${a.detail}${!opts.dryRun && !a.done ? ' — NOT DONE' : ''}`);
    return actions.some((a) => !opts.dryRun && !a.done) ? 1 : 0;
  });
}
