import type { GlobalOptions } from '../cli.js';

// Placeholder until this command is built: says so plainly instead of pretending.
export async function retractCommand(_globals: GlobalOptions, ..._args: unknown[]): Promise<number> {
  console.error('prayerbot retract: not built yet');
  return 2;
}
