// `prayerbot post [--date DATE] [--dry-run]`: send (or catch up) a day's post now. Days
// already sent are not sent again (the ledger says so); a day skipped as too late is sent.
import type { GlobalOptions } from '../cli.js';
import { checkDate, withSession } from './session.js';

export async function postCommand(globals: GlobalOptions, opts: { date?: string; dryRun?: boolean }): Promise<number> {
  // A dry run still asks each platform about its channels: it shows what the privacy guard would refuse.
  // The date is channel-local (a channel in Sydney posts its own day of that date); without
  // one, each channel posts its own today.
  return withSession(globals, { platforms: true }, async ({ bot }) => {
    const date = checkDate(opts.date, '--date');
    const results = await bot.postDay(date, { manual: true, dryRun: opts.dryRun ?? false });
    if (results.length === 0) {
      console.log(`Nothing to post ${date !== undefined ? `on ${date}` : 'today'} (no plan for that day, or nothing for these channels).`);
      return 0;
    }
    for (const r of results) console.log(`${r.ledgerKey}: ${r.outcome}${r.detail ? ` (${r.detail})` : ''}`);
    return results.some((r) => r.outcome === 'failed' || r.outcome === 'refused') ? 1 : 0;
  });
}
