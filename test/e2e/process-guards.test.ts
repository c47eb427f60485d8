// The real `prayerbot run` (the built CLI, in the console chat) meeting an error nobody
// caught: a stray rejection is logged without its message and the bot keeps answering; an
// uncaught exception stops it in order with exit code 1. The error is raised from a module
// preloaded with `--import`, on SIGUSR2, so nothing in the bot is changed for the test.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mondayOf, todayIn } from '../../src/core/time.js';
import { configYaml, tempProject, weekYaml, type Project } from './project.js';

const CLI = join(process.cwd(), 'dist', 'cli.js');
let project: Project | undefined;
afterEach(() => project?.remove());

/** Raises the error on SIGUSR2: a promise nobody awaits, or a throw from a timer. */
const PRELOAD = `
process.on('SIGUSR2', () => {
  const error = Object.assign(new Error('stray failure carrying xoxb-1111-2222-secret and a fictional request'), { code: 'E_STRAY' });
  if (process.env.STRAY === 'throw') setTimeout(() => { throw error; });
  else Promise.reject(error);
});
`;

interface Run {
  out: string;
  code: number | null;
}

/** Starts the console chat, raises the stray error once ready, then `after` decides what to type. */
function run(p: Project, stray: 'reject' | 'throw', steps: { typed?: string; until: RegExp }): Promise<Run> {
  const preload = join(p.dir, 'stray.mjs');
  writeFileSync(preload, PRELOAD);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', preload, CLI, 'run', '--config', p.configPath, '--prompts', p.promptsDir], {
      cwd: p.dir,
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: `sqlite:${p.dbPath}`, PORT: '0', STRAY: stray },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let raised = false;
    let typed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${steps.until} in:\n${out}`));
    }, 20_000);
    const look = () => {
      if (!raised && out.includes('prayerbot ready')) {
        raised = true;
        child.kill('SIGUSR2');
      }
      if (raised && !typed && steps.typed && out.includes('unhandled promise rejection')) {
        typed = true;
        child.stdin.write(`${steps.typed}\n`);
      }
      if (raised && steps.until.test(out) && stray === 'reject') child.kill('SIGTERM');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      look();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      look();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
}

function consoleProject(): Project {
  const today = todayIn('UTC', new Date());
  const monday = mondayOf(today);
  const p = tempProject(configYaml({ timezone: 'UTC', post: '0 0 * * *', catchUp: 24, channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }));
  p.writeWeek(monday, weekYaml(monday));
  return p;
}

describe('prayerbot run and errors nobody caught', () => {
  it('logs a stray rejection by name and code only, and keeps answering', async () => {
    project = consoleProject();
    const { out, code } = await run(project, 'reject', { typed: '/pray stats', until: /total 0/ });
    const line = out.split('\n').find((l) => l.includes('unhandled promise rejection'));
    expect(JSON.parse(line!)).toMatchObject({ level: 50, error: 'Error', code: 'E_STRAY', msg: 'unhandled promise rejection; the bot keeps running' });
    expect(out).toMatch(/total 0/); // the bot answered after the rejection
    expect(out).not.toContain('secret');
    expect(out).not.toContain('fictional request');
    expect(code).toBe(0); // and stopped normally on SIGTERM
  });

  it('stops in order and exits 1 after an uncaught exception, without its message', async () => {
    project = consoleProject();
    const { out, code } = await run(project, 'throw', { until: /uncaught exception/ });
    expect(code).toBe(1);
    const line = out.split('\n').find((l) => l.includes('uncaught exception'));
    expect(JSON.parse(line!)).toMatchObject({ level: 50, error: 'Error', code: 'E_STRAY' });
    expect(out).not.toContain('secret');
  });
});
