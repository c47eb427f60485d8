// `npm run bench`: builds, then runs each measure in its own child process, one after the
// other (so they do not disturb each other), prints a table and writes bench/results.json —
// an object keyed by measure name, each { value, unit, goal, baseline }, the baseline
// measured in the same run. A measure that cannot run is left out (with the reason shown),
// never faked.
//
//   npm run bench                       every measure (about 5 minutes)
//   npm run bench -- --only pray_p99_ms,idle_rss_mb
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from './lib/bot.js';
import { RESULT_PREFIX, type Measure, type MeasureReport } from './lib/report.js';

interface Script {
  file: string;
  /** The measures it reports. */
  names: string[];
  /** Upper bound on its run time; it is stopped after this. */
  limitMs: number;
}

const SCRIPTS: Script[] = [
  { file: 'reaction-ingest.ts', names: ['reaction_ingest_per_s'], limitMs: 240_000 },
  { file: 'start-to-ready.ts', names: ['start_to_ready_ms'], limitMs: 120_000 },
  { file: 'pray-latency.ts', names: ['pray_p99_ms'], limitMs: 300_000 },
  { file: 'slack-reaction-http.ts', names: ['slack_reaction_http_per_s'], limitMs: 120_000 },
  { file: 'idle-rss.ts', names: ['idle_rss_mb'], limitMs: 90_000 },
  { file: 'post-lateness.ts', names: ['post_lateness_ms'], limitMs: 150_000 },
  { file: 'fanout.ts', names: ['fanout_1000_ratio'], limitMs: 400_000 },
];

function only(): Set<string> | undefined {
  const i = process.argv.indexOf('--only');
  if (i < 0) return undefined;
  return new Set((process.argv[i + 1] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

async function runScript(script: Script): Promise<{ reports: MeasureReport[]; error?: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'bench', script.file)], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let reports: MeasureReport[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith(RESULT_PREFIX)) reports = JSON.parse(line.slice(RESULT_PREFIX.length)) as MeasureReport[];
    else process.stderr.write(`${line}\n`);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, script.limitMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (timedOut) return { reports, error: `stopped after ${script.limitMs / 1000} s` };
  if (code !== 0) return { reports, error: `exited with code ${code} (see its output above)` };
  return { reports };
}

function verdict(pass: boolean | null): string {
  return pass === null ? 'report' : pass ? 'pass' : 'FAIL';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const wanted = only();
const chosen = SCRIPTS.filter((s) => !wanted || s.names.some((n) => wanted.has(n)));
const started = Date.now();
const reports: MeasureReport[] = [];
const missing: Array<{ name: string; why: string }> = [];
for (const script of chosen) {
  process.stderr.write(`\n▶ ${script.names.join(', ')} (bench/${script.file})\n`);
  const t0 = Date.now();
  const { reports: got, error } = await runScript(script);
  reports.push(...got);
  for (const name of script.names) {
    if (!got.some((r) => r.name === name)) missing.push({ name, why: error ?? 'no result' });
  }
  process.stderr.write(`  (${Math.round((Date.now() - t0) / 1000)} s)\n`);
}

const results: Record<string, Measure> = {};
for (const r of reports) results[r.name] = r.measure;
writeFileSync(join(REPO, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const rows = [['name', 'value', 'unit', 'goal', 'baseline', 'result']];
for (const r of reports) {
  const m = r.measure;
  rows.push([r.name, String(m.value), m.unit, m.goal, m.baseline === null ? '—' : String(m.baseline), verdict(r.pass)]);
}
for (const m of missing) rows.push([m.name, '—', '', '', '', `missing: ${m.why}`]);
process.stdout.write(`\n${table(rows)}\n\n`);
for (const r of reports) for (const note of r.notes) process.stdout.write(`${r.name}: ${note}\n`);
process.stdout.write(`\nbench/results.json written (${reports.length} measures) in ${Math.round((Date.now() - started) / 1000)} s\n`);
process.exit(missing.length > 0 ? 1 : 0);
