// What every measure script hands back to bench/run.ts: one line on stdout,
// `BENCH_RESULT {json}`, holding its measures (results.json's shape) plus a verdict and notes
// for the table. Everything else a measure prints goes to stderr.
export interface Measure {
  value: number;
  unit: string;
  goal: string;
  /** Measured in the same run; null when the measure has none. */
  baseline: number | null;
}

export interface MeasureReport {
  name: string;
  measure: Measure;
  /** null: a figure to report, no goal to pass. */
  pass: boolean | null;
  /** Details for the table and the README (counts, side checks). */
  notes: string[];
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

export function emit(reports: MeasureReport[]): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(reports)}\n`);
}

/** Progress for whoever watches the bench (stderr, so it never mixes with the result). */
export function say(text: string): void {
  process.stderr.write(`  ${text}\n`);
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Runs a measure script's body; a failure is reported on stderr with exit code 1. */
export function runMain(body: () => Promise<MeasureReport[]>): void {
  body().then(
    (reports) => {
      emit(reports);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`  measure failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
