// `prayerbot retire [--dry-run]`: retire what has expired, now.
import type { GlobalOptions } from '../cli.js';
import { withSession } from './session.js';

export async function retireCommand(globals: GlobalOptions, opts: { dryRun?: boolean }): Promise<number> {
  return withSession(globals, { platforms: !opts.dryRun }, async ({ bot }) => {
    const actions = await bot.retire({ dryRun: opts.dryRun ?? false });
    if (actions.length === 0) console.log('Nothing has expired.');
    for (const a of actions) console.log(`${opts.dryRun ? 'would ' : ''}${a.action} ${a.post}: ${a.detail}${!opts.dryRun && !a.done ? ' — NOT DONE' : ''}`);
    return actions.some((a) => !opts.dryRun && !a.done) ? 1 : 0;
  });
}
