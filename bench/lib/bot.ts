// The bot under test as users run it: `prayerbot run` (dist/cli.js with the node flags of its
// `#!` line, as the shell would run it) in a child process, in a temp folder (so no stray .env
// is read), with only the environment a measure gives it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI; BENCH_CLI points the bench at another build (to compare two). */
export const CLI = process.env.BENCH_CLI ?? join(REPO, 'dist', 'cli.js');

/** The node flags on the CLI's `#!/usr/bin/env -S node …` line (the bot's memory settings). */
export function cliNodeFlags(cli = CLI): string[] {
  const first = readFileSync(cli, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\/usr\/bin\/env -S node (.*)$/.exec(first);
  return m ? m[1]!.trim().split(/\s+/) : [];
}

/** Variables the bot reads; none leaks in from the bench's own environment. */
const BOT_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_API_URL',
  'DATABASE_URL',
  'PORT',
  'METRICS_PORT',
  'LOG_LEVEL',
];

export function botEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of BOT_VARIABLES) delete env[name];
  delete env.NODE_OPTIONS;
  return { ...env, ...vars };
}

export interface BotProcess {
  child: ChildProcess;
  pid: number;
  /** Milliseconds (performance.now()) when the ready line arrived. */
  readyAt: number;
  /** The ready log line, parsed when it is JSON. */
  ready: Record<string, unknown>;
  /** The HTTP port the bot bound (PORT=0), when it logged one. */
  port?: number;
  /** Every line the bot wrote (stdout and stderr), for checks and failure reports. */
  lines: string[];
  stop(): Promise<number | null>;
}

export interface StartBotOptions {
  cwd: string;
  config: string;
  prompts: string;
  env: Record<string, string>;
  readyTimeoutMs?: number;
  /** Called with each line as it arrives. */
  onLine?: (line: string) => void;
  /** Extra node flags (e.g. --cpu-prof when looking into a figure). */
  nodeArgs?: string[];
}

export async function startBotProcess(options: StartBotOptions): Promise<BotProcess> {
  const child = spawn(process.execPath, [...cliNodeFlags(), ...(options.nodeArgs ?? []), CLI, '--config', options.config, '--prompts', options.prompts, 'run'], {
    cwd: options.cwd,
    env: botEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let resolveReady: (line: string) => void = () => undefined;
  const readyLine = new Promise<string>((resolve) => (resolveReady = resolve));
  let readyAt = 0;
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      options.onLine?.(line);
      if (readyAt === 0 && line.includes('prayerbot ready')) {
        readyAt = performance.now();
        resolveReady(line);
      }
    });
  }
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    readyLine,
    exited.then((code) => new Error(`the bot exited with code ${code} before it was ready:\n${lines.slice(-20).join('\n')}`)),
    new Promise<Error>((resolve) => (timer = setTimeout(() => resolve(new Error(`the bot was not ready within ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`)), timeoutMs))),
  ]);
  clearTimeout(timer);
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(kill);
    return code;
  };
  if (outcome instanceof Error) {
    await stop();
    throw outcome;
  }
  let ready: Record<string, unknown> = {};
  try {
    ready = JSON.parse(outcome) as Record<string, unknown>;
  } catch {
    // the console chat prints its ready line as text
  }
  const port = typeof ready.port === 'number' ? ready.port : undefined;
  return { child, pid: child.pid!, readyAt, ready, ...(port !== undefined ? { port } : {}), lines, stop };
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux; clock ticks
 * of 10 ms, the kernel's USER_HZ of 100).
 */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}
