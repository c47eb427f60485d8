import type { GlobalOptions } from '../cli.js';

// Placeholder until this command is built: says so plainly instead of pretending.
export async function doctorCommand(_globals: GlobalOptions, ..._args: unknown[]): Promise<number> {
  console.error('prayerbot doctor: not built yet');
  return 2;
}
