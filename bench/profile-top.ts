// Where a V8 CPU profile (`node --cpu-prof`, e.g. from BENCH_CPU_PROF=dir npm run bench …)
// spent its time: functions by self time, or by total time (the function and what it called),
// as a share of the busy time (every sample but `(idle)`).
//
//   npx tsx bench/profile-top.ts <file.cpuprofile> [--top 25] [--by function|file|package]
//                                [--total] [--after-ms 2000]
//   npx tsx bench/profile-top.ts <file.cpuprofile> --timeline
//
// --by file / --by package add up the functions of one source file / one npm package (node's
// own code is `node:internal`, the bot's is `dist/…`). --total ranks by inclusive time
// (each function counted once per sample, however deep the recursion). --after-ms skips the
// first milliseconds of the profile (the start, before the load begins): --timeline prints the
// busy and idle milliseconds of each half second, to see where the load begins.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

type Grouping = 'function' | 'file' | 'package';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A short source location: `dist/core/answer-pray.js`, `@slack/bolt/dist/App.js`, `node:internal/…`. */
function shortFile(url: string): string {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + '/node_modules/'.length);
  const dist = path.lastIndexOf('/dist/');
  if (dist >= 0) return path.slice(dist + 1);
  const bench = path.lastIndexOf('/bench/');
  if (bench >= 0) return path.slice(bench + 1);
  return path;
}

function packageOf(url: string): string {
  const file = shortFile(url);
  if (!file) return '(native)';
  if (file.startsWith('node:')) return 'node:internal';
  if (file.startsWith('dist/') || file.startsWith('bench/')) return file.split('/').slice(0, 2).join('/');
  const parts = file.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function keyOf(frame: CallFrame, by: Grouping): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name; // (idle), (program), (garbage collector), native builtins
  if (by === 'package') return packageOf(frame.url);
  if (by === 'file') return shortFile(frame.url);
  return `${name} ${shortFile(frame.url)}:${frame.lineNumber + 1}`;
}

const file = process.argv[2];
if (!file || file.startsWith('--')) {
  process.stderr.write('usage: npx tsx bench/profile-top.ts <file.cpuprofile> [--top N] [--by function|file|package] [--total] [--after-ms N]\n');
  process.exit(2);
}
if (process.argv.includes('--timeline')) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const buckets: Array<{ busy: number; idle: number }> = [];
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    const bucket = (buckets[Math.floor(at / 500_000)] ??= { busy: 0, idle: 0 });
    bucket[idleIds.has(id) ? 'idle' : 'busy'] += profile.timeDeltas[i + 1] ?? 0;
  });
  buckets.forEach((b, n) => process.stdout.write(`${String(n * 500).padStart(6)} ms  busy ${String(Math.round((b?.busy ?? 0) / 1000)).padStart(3)} ms, idle ${String(Math.round((b?.idle ?? 0) / 1000)).padStart(3)} ms\n`));
  process.exit(0);
}
const top = Number(option('--top') ?? 25);
const by = (option('--by') ?? 'function') as Grouping;
const total = process.argv.includes('--total');
const afterUs = Number(option('--after-ms') ?? 0) * 1000;

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const time = new Map<string, number>();
let busy = 0;
let idle = 0;
let elapsed = 0;
profile.samples.forEach((id, i) => {
  // A sample's delta is the time until the next one: it belongs to this sample's stack.
  elapsed += profile.timeDeltas[i] ?? 0;
  const delta = profile.timeDeltas[i + 1] ?? 0;
  if (elapsed < afterUs) return;
  const leaf = nodes.get(id)!;
  if (leaf.callFrame.functionName === '(idle)') {
    idle += delta;
    return;
  }
  busy += delta;
  if (!total) {
    const key = keyOf(leaf.callFrame, by);
    time.set(key, (time.get(key) ?? 0) + delta);
    return;
  }
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const key = keyOf(nodes.get(at)!.callFrame, by);
    if (key === '(root)' || seen.has(key)) continue;
    seen.add(key);
    time.set(key, (time.get(key) ?? 0) + delta);
  }
});

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
process.stdout.write(`${file}\nbusy ${ms(busy).trim()} ms, idle ${ms(idle).trim()} ms; ${total ? 'total' : 'self'} time by ${by}, share of busy time\n`);
const rows = [...time].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [key, us] of rows) process.stdout.write(`${pct(us)} ${ms(us)} ms  ${key}\n`);
