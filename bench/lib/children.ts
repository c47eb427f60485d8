// Child processes of the bench: TypeScript scripts under bench/ run with tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from './bot.js';
import type { LoadResult, LoadSpec } from '../load-client.js';

/** `nodeArgs`: extra node flags (e.g. --cpu-prof). */
export function spawnScript(script: string, args: string[], nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(REPO, 'bench', script), ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The first stdout line of a child, parsed as JSON (within `timeoutMs`). */
export async function firstJsonLine<T>(child: ChildProcess, what: string, timeoutMs = 60_000): Promise<T> {
  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  try {
    const line = await Promise.race([
      once(lines, 'line').then(([l]) => l as string),
      once(child, 'exit').then(([code]) => {
        throw new Error(`${what} exited with code ${code} without an answer`);
      }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return JSON.parse(line) as T;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

/** Runs the load client in its own process. */
export async function runLoadClient(spec: LoadSpec): Promise<LoadResult> {
  const child = spawnScript('load-client.ts', [JSON.stringify(spec)]);
  const result = await firstJsonLine<LoadResult>(child, 'the load client', spec.timeLimitMs + 30_000);
  if (child.exitCode === null) await once(child, 'exit');
  return result;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(kill);
}
