import type { GlobalOptions } from '../cli.js';

// Placeholder until this command is built: says so plainly instead of pretending.
export async function previewCommand(_globals: GlobalOptions, ..._args: unknown[]): Promise<number> {
  console.error('prayerbot preview: not built yet');
  return 2;
}
