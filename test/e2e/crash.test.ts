// Crash recovery with real processes: `prayerbot run` against the local fake Slack is killed
// with SIGKILL at points of posting, then started again. The channel must end up with
// exactly one copy of the day's post: no duplicate, no gap.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, mondayOf, todayIn } from '../../src/core/time.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { configYaml, tempProject, weekYaml, type Project } from './project.js';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const SECRET = 'crash-signing-secret-not-real';
const LEASE_SECONDS = 2;

let slack: FakeSlack;
let project: Project;
const children: ChildProcess[] = [];

beforeEach(async () => {
  slack = await startFakeSlack({ signingSecret: SECRET });
  // Posts daily at 00:00 UTC with a 24 h catch-up window: whenever the test runs, today's
  // post is due and inside the window. A request dated today makes sure today has one.
  project = tempProject(
    configYaml({
      timezone: 'UTC',
      post: '0 0 * * *',
      catchUp: 24,
      channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }',
      staffReport: '  - { platform: slack, id: "C0COORD01" }',
    }),
  );
  const today = todayIn('UTC', new Date());
  const monday = mondayOf(today);
  project.writeWeek(monday, weekYaml(monday, `  - region: latin-america\n    id: dated-today\n    text: Pray for the families meeting the prosecutors today.\n    date: ${today}\n    expires: ${addDays(today, 3)}\n`));
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await slack.stop();
  project.remove();
});

function run(): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'run', '--config', project.configPath, '--prompts', project.promptsDir], {
    cwd: project.dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.url,
      DATABASE_URL: `sqlite:${project.dbPath}`,
      PORT: '0',
      LOG_LEVEL: 'info',
      PRAYERBOT_LEASE_SECONDS: String(LEASE_SECONDS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

function waitForReady(child: ChildProcess): Promise<void> {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return waitFor('ready', () => out.includes('prayerbot ready') || child.exitCode !== null).then(() => {
    if (child.exitCode !== null) throw new Error(`prayerbot exited ${child.exitCode}:\n${out}`);
  });
}

async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

const posted = () => slack.messages('C0STAFF01').filter((m) => m.metadata?.event_type === 'prayerbot_post');

describe('a crash while posting, then a restart', () => {
  it('killed between claim and send: the restart sends the post once', async () => {
    slack.failNext('chat.postMessage', { kind: 'stall' }, 1, 'C0STAFF01');
    const first = run();
    await waitFor('the stalled send', () => slack.callsTo('chat.postMessage').some((c) => c.args['channel'] === 'C0STAFF01'));
    await kill(first);
    slack.releaseStalled();
    expect(posted()).toHaveLength(0);

    await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1000 + 500)); // the dead claim's lease runs out
    await waitForReady(run());
    expect(posted()).toHaveLength(1);
  });

  it('killed after the message landed but before it was recorded: the restart finds it and sends nothing', async () => {
    slack.failNext('chat.postMessage', { kind: 'stall', apply: true }, 1, 'C0STAFF01');
    const first = run();
    await waitFor('the message to land', () => posted().length === 1);
    await kill(first);
    slack.releaseStalled();

    await new Promise((r) => setTimeout(r, LEASE_SECONDS * 1000 + 500));
    const second = run();
    await waitForReady(second);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(0);
    expect(posted()).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C0STAFF01')).toHaveLength(1);
    // The dead sender never added the bot's own 🙏; the restart did.
    expect(posted()[0]!.reactions.map((r) => r.name)).toEqual(['pray']);
  });

  it('killed after the post was recorded: the restart sends nothing', async () => {
    const first = run();
    await waitForReady(first);
    expect(posted()).toHaveLength(1);
    await kill(first);
    await waitForReady(run());
    expect(posted()).toHaveLength(1);
  });
});
