// pray_p99_ms: `/pray latin america` over signed HTTP to the bot's Slack receiver (the built
// CLI, Slack HTTP mode, fake Web API), 50 concurrent, 5,000 timed requests after 500 warm-up,
// the client in its own process; p99 of the time to the HTTP response carrying the answer.
// Baseline: a bare Bolt app (HTTPReceiver, processBeforeResponse, acking a constant text)
// under the same load. Each side runs ROUNDS times, alternating; each reports its best round
// (the machine is shared, and a busy moment should not decide either figure). The notes also
// give each side's CPU time per answer (the process's user + system time over the whole load,
// warm-up included, from /proc): less noisy than a p99 on a shared machine, it says how much
// work an answer costs.
//
// BENCH_CPU_PROF=<dir>: each side's processes also write V8 CPU profiles (`node --cpu-prof`),
// one per round, into <dir>/bot/ and <dir>/bare-bolt/ (the bare app also writes small ones
// for tsx's loader thread; its own is the largest file); `npx tsx bench/profile-top.ts <file>`
// lists where the time went. Profiling slows both sides, so a run with it is for looking into
// the figure, not for the figure.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpuMs } from './lib/bot.js';
import { firstJsonLine, runLoadClient, spawnScript, stopChild } from './lib/children.js';
import { round, runMain, say, type MeasureReport } from './lib/report.js';
import { STAFF_CHANNEL, startSlackBot } from './lib/slack-bot.js';
import type { LoadResult, LoadSpec } from './load-client.js';

const CONCURRENCY = 50;
const WARMUP = 500;
const COUNT = 5_000;
const ROUNDS = 2;
const TIME_LIMIT_MS = 60_000;
const SECRET = 'bench-baseline-signing-secret';
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

/** Node flags that make a process write its CPU profile into PROFILE_DIR/<side> when it exits. */
function profileFlags(side: 'bot' | 'bare-bolt'): string[] {
  if (!PROFILE_DIR) return [];
  const dir = join(PROFILE_DIR, side);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

function load(url: string, signingSecret: string, extra: Partial<LoadSpec>): LoadSpec {
  return { url, signingSecret, kind: 'pray', concurrency: CONCURRENCY, warmup: WARMUP, count: COUNT, timeLimitMs: TIME_LIMIT_MS, channelId: STAFF_CHANNEL, ...extra };
}

interface Round extends LoadResult {
  /** CPU ms the process under load used per request sent. */
  cpuPerAnswer: number;
}

/** The load against `pid`'s server, with the CPU time it took. */
async function measured(pid: number, spec: LoadSpec): Promise<Round> {
  const before = cpuMs(pid);
  const result = await runLoadClient(spec);
  return { ...result, cpuPerAnswer: (cpuMs(pid) - before) / result.sent };
}

function checked(what: string, r: Round): Round {
  say(`${what}: p50 ${round(r.p50)} ms, p90 ${round(r.p90)} ms, p99 ${round(r.p99)} ms, max ${round(r.max)} ms, ${Math.round(r.rate)}/s, ${r.timed} timed, ${r.failures} failed, CPU ${round(r.cpuPerAnswer, 3)} ms/answer`);
  if (r.failures > 0) throw new Error(`${what}: ${r.failures} requests failed, e.g. ${r.failureSamples.join(' | ')}`);
  if (r.timed < COUNT) throw new Error(`${what}: only ${r.timed} of ${COUNT} requests inside ${TIME_LIMIT_MS / 1000} s`);
  return r;
}

async function baselineRound(): Promise<Round> {
  const child = spawnScript('bare-bolt.ts', [SECRET], profileFlags('bare-bolt'));
  try {
    const { port } = await firstJsonLine<{ port: number }>(child, 'the bare Bolt app');
    return checked('bare Bolt', await measured(child.pid!, load(`http://127.0.0.1:${port}/slack/events`, SECRET, { text: 'latin america', expect: 'constant answer' })));
  } finally {
    await stopChild(child);
  }
}

async function botRound(): Promise<Round> {
  const bot = await startSlackBot({ nodeArgs: profileFlags('bot') });
  try {
    return checked('prayerbot', await measured(bot.bot.pid, load(bot.eventsUrl, bot.slack.signingSecret, { text: 'latin america', expect: 'Latin America' })));
  } finally {
    await bot.stop();
  }
}

runMain(async (): Promise<MeasureReport[]> => {
  const base: Round[] = [];
  const bot: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    base.push(await baselineRound());
    bot.push(await botRound());
  }
  const best = (rs: Round[]) => rs.reduce((a, b) => (b.p99 < a.p99 ? b : a));
  const leastCpu = (rs: Round[]) => Math.min(...rs.map((r) => r.cpuPerAnswer));
  const b = best(base);
  const p = best(bot);
  return [
    {
      name: 'pray_p99_ms',
      measure: { value: round(p.p99), unit: 'ms', goal: '≤ 1.25 × baseline', baseline: round(b.p99) },
      pass: p.p99 <= 1.25 * b.p99,
      notes: [
        `${CONCURRENCY} concurrent, ${COUNT} after ${WARMUP} warm-up, best of ${ROUNDS} rounds each (p99 per round: bot ${bot.map((r) => round(r.p99)).join(', ')}; bare Bolt ${base.map((r) => round(r.p99)).join(', ')})`,
        `bot p50 ${round(p.p50)} ms at ${Math.round(p.rate)}/s; bare Bolt p50 ${round(b.p50)} ms at ${Math.round(b.rate)}/s`,
        `CPU per answer, least of the rounds: bot ${round(leastCpu(bot), 3)} ms, bare Bolt ${round(leastCpu(base), 3)} ms (${round(leastCpu(bot) / leastCpu(base), 2)} ×; per round: bot ${bot.map((r) => round(r.cpuPerAnswer, 3)).join(', ')}; bare Bolt ${base.map((r) => round(r.cpuPerAnswer, 3)).join(', ')})`,
      ],
    },
  ];
});
