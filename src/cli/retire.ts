import type { GlobalOptions } from '../cli.js';

// Placeholder until this command is built: says so plainly instead of pretending.
export async function retireCommand(_globals: GlobalOptions, ..._args: unknown[]): Promise<number> {
  console.error('prayerbot retire: not built yet');
  return 2;
}
