// Replicas for real: three `prayerbot run` processes on one PostgreSQL schema, behind no load
// balancer but each reachable on its own port, against the local fake Slack. The ledger alone
// decides who posts: every replica runs the cron and the minute sweep, and whoever claims a
// channel's post first sends it. Each channel must show the day's post exactly once.
import { execFile } from 'node:child_process';
import { utimesSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { mondayOf, todayIn, weekday } from '../../src/core/time.js';
import { ledgerKeyOf } from '../../src/core/types.js';
import { createSlackSigner } from '../fakes/slack-signer.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { configYaml, tempProject, weekYaml, type Project } from '../e2e/project.js';
import { CLI, freshSchema, ownerPid, postsIn, sleep, startReplica, waitFor, type Replica, type Schema } from './replicas.js';

const SECRET = 'replicas-signing-secret-not-real';
const POST_CHANNELS = ['C0STAFF01', 'C0STAFF02'];
const COORD = 'C0COORD01';

let slack: FakeSlack | undefined;
let db: Schema | undefined;
const projects: Project[] = [];
const replicas: Replica[] = [];

afterEach(async () => {
  await Promise.all(replicas.splice(0).map((r) => r.kill()));
  await slack?.stop();
  await db?.drop();
  for (const p of projects.splice(0)) p.remove();
  slack = undefined;
  db = undefined;
});

/** A project posting at `minute hour` UTC on `date`'s weekday only, with that week's plan. */
function project(date: string, at: { hour: number; minute: number }, text: string, catchUp = 1): Project {
  const p = tempProject(
    configYaml({
      timezone: 'UTC',
      post: `${at.minute} ${at.hour} * * ${weekday(date) % 7}`,
      catchUp,
      channels: POST_CHANNELS.map((id) => `  - { platform: slack, id: "${id}", audience: staff }`).join('\n'),
      staffReport: `  - { platform: slack, id: "${COORD}" }`,
    }),
  );
  const monday = mondayOf(date);
  p.writeWeek(monday, weekYaml(monday, `  - region: latin-america\n    id: hearing\n    text: ${text}\n    date: ${date}\n`));
  projects.push(p);
  return p;
}

/** Sets the modification time of the project's files and folders `agoMs` into the past. */
function age(p: Project, agoMs: number): void {
  const when = new Date(Date.now() - agoMs);
  for (const path of [p.configPath, join(p.dir, 'config'), p.promptsDir, ...readdirSync(p.promptsDir).map((n) => join(p.promptsDir, n))]) {
    utimesSync(path, when, when);
  }
}

async function world(): Promise<{ slack: FakeSlack; db: Schema }> {
  slack = await startFakeSlack({ signingSecret: SECRET, channels: [...POST_CHANNELS, COORD].map((id) => ({ id })) });
  db = await freshSchema('pb_replicas');
  return { slack, db };
}

function replica(p: Project, leaseSeconds?: number): Replica {
  const r = startReplica({ project: p, slack: slack!, secret: SECRET, databaseUrl: db!.url, ...(leaseSeconds ? { leaseSeconds } : {}) });
  replicas.push(r);
  return r;
}

const postCalls = (s: FakeSlack, channel: string) => s.callsTo('chat.postMessage').filter((c) => c.args['channel'] === channel);

describe('three replicas on one PostgreSQL', () => {
  it('race the start-up catch-up: one post per channel; 🙏 sent to different replicas counts once', async () => {
    const { slack, db } = await world();
    const today = todayIn('UTC', new Date());
    // Due since 00:00, inside a day's catch-up window: every replica sends it at start.
    const p = project(today, { hour: 0, minute: 0 }, 'Pray for the families at the hearing today.', 24);

    // Hold every replica at its privacy check (after it read the ledger, before it claims),
    // then let all three go at once: each of them tries to claim each channel.
    slack.failNext('conversations.info', { kind: 'stall', apply: true }, 3 * POST_CHANNELS.length);
    const three = [replica(p), replica(p), replica(p)];
    await waitFor('every replica at its privacy check', () => slack.callsTo('conversations.info').filter((c) => c.answer === 'stalled').length === 3 * POST_CHANNELS.length);
    slack.releaseStalled();
    await Promise.all(three.map((r) => r.ready));
    for (const channel of POST_CHANNELS) {
      expect(postsIn(slack, channel)).toHaveLength(1);
      expect(postCalls(slack, channel)).toHaveLength(1);
      expect(JSON.stringify(postsIn(slack, channel)[0]!.blocks)).toContain('hearing today');
    }

    // Slack delivers each event to whichever replica the load balancer picks.
    const [s1, s2, s3] = three.map((r) => createSlackSigner({ url: `http://127.0.0.1:${r.port()}/slack/events`, signingSecret: SECRET }));
    const ts1 = postsIn(slack, 'C0STAFF01')[0]!.ts;
    const ts2 = postsIn(slack, 'C0STAFF02')[0]!.ts;
    const statuses: number[] = [];
    const send = async (signer: typeof s1, body: object, retryNum?: number) =>
      statuses.push((await signer!.event(body, retryNum === undefined ? {} : { retryNum })).status);

    const first = slack.react('C0STAFF01', ts1, 'U0VOL1', 'pray');
    await send(s1, first);
    await send(s2, first, 1); // the same event_id retried on another replica
    await send(s3, slack.react('C0STAFF01', ts1, 'U0VOL2', 'pray::skin-tone-4'));
    const added = slack.react('C0STAFF01', ts1, 'U0VOL3', 'pray');
    await send(s1, added);
    await send(s2, slack.unreact('C0STAFF01', ts1, 'U0VOL3', 'pray'));
    await send(s3, added, 1); // a late retry of the add must not undo the later remove
    await send(s3, slack.react('C0STAFF02', ts2, 'U0VOL1', 'pray'));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);

    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'tally', '--format', 'json', '--config', p.configPath, '--prompts', p.promptsDir], {
      cwd: p.dir,
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: db.url },
    });
    const tally = JSON.parse(stdout) as { total: number; byChannel: Record<string, number> };
    expect(tally.byChannel).toEqual({ 'slack:C0STAFF01': 2, 'slack:C0STAFF02': 1 });
    expect(tally.total).toBe(3);
  });

  it("fire the post cron's same minute: one post per channel; a replica with an older plan refuses and tells staff once; a dead sender's claim is recovered by one survivor after asking Slack", async () => {
    const { slack, db } = await world();
    // The next minute boundary 12–48 s away: time to start every replica before it, and the
    // survivors' minute sweep (60 s after they start) comes after the dead claim's lease.
    let tick = Math.ceil((Date.now() + 12_000) / 60_000) * 60_000;
    if (tick - Date.now() > 48_000) {
      await sleep(tick - Date.now() - 48_000);
    }
    tick = Math.ceil((Date.now() + 12_000) / 60_000) * 60_000;
    const at = new Date(tick);
    const date = todayIn('UTC', at);
    const current = project(date, { hour: at.getUTCHours(), minute: at.getUTCMinutes() }, 'Pray for the families at the hearing on Thursday.');
    const older = project(date, { hour: at.getUTCHours(), minute: at.getUTCMinutes() }, 'Pray for the families at the hearing on Wednesday.');
    age(older, 3_600_000); // edited an hour before `current`

    // The sender of C0STAFF02 will stall after Slack stored the message (its answer is lost).
    slack.failNext('chat.postMessage', { kind: 'stall', apply: true }, 1, 'C0STAFF02');
    const lease = 5;
    const three = [replica(current, lease), replica(current, lease), replica(current, lease)];
    await Promise.all(three.map((r) => r.ready));
    // The older plan's replica starts after them, dies, and starts again: never the newest.
    const firstStale = replica(older, lease);
    await firstStale.ready;
    await firstStale.kill();
    const stale = replica(older, lease);
    await stale.ready;
    expect(Date.now()).toBeLessThan(tick); // everyone was up before the post time
    expect(POST_CHANNELS.flatMap((c) => postCalls(slack, c))).toEqual([]);

    // At the tick every replica's cron fires. Kill whoever holds C0STAFF02 mid-send.
    const key = ledgerKeyOf('slack', 'C0STAFF02', date, 0);
    await waitFor('the stalled send', () => postCalls(slack, 'C0STAFF02').some((c) => c.answer === 'stalled'), tick - Date.now() + 20_000);
    const [row] = await db.query<{ owner: string | null }>('SELECT owner FROM posts WHERE key = $1', [key]);
    const sender = three.find((r) => r.pid === ownerPid(row?.owner ?? null));
    expect(sender).toBeDefined();
    await sender!.kill();
    slack.releaseStalled();

    // Someone prays at once, before any replica has recorded the post; the event reaches a survivor.
    const survivor = three.find((r) => r !== sender)!;
    const landed = postsIn(slack, 'C0STAFF02')[0]!;
    const early = createSlackSigner({ url: `http://127.0.0.1:${survivor.port()}/slack/events`, signingSecret: SECRET });
    expect((await early.event(slack.react('C0STAFF02', landed.ts, 'U0VOL1', 'pray'))).status).toBe(200);

    await waitFor('C0STAFF01 posted', () => postsIn(slack, 'C0STAFF01').length > 0, 10_000);
    // A survivor's minute sweep takes the expired claim over, asks Slack, finds the message.
    await waitFor(
      'the dead claim recovered',
      async () => (await db.query<{ state: string }>('SELECT state FROM posts WHERE key = $1', [key]))[0]?.state === 'sent',
      100_000,
    );
    await sleep(500); // anything still in flight would land now
    for (const channel of POST_CHANNELS) {
      expect(postsIn(slack, channel)).toHaveLength(1);
      expect(postCalls(slack, channel)).toHaveLength(1);
      expect(JSON.stringify(postsIn(slack, channel)[0]!.blocks)).toContain('hearing on Thursday');
    }
    expect(slack.callsTo('conversations.history').some((c) => c.args['channel'] === 'C0STAFF02')).toBe(true);
    const [recovered] = await db.query<{ message_id: string; attempts: number }>('SELECT message_id, attempts FROM posts WHERE key = $1', [key]);
    expect(recovered).toEqual({ message_id: postsIn(slack, 'C0STAFF02')[0]!.ts, attempts: 2 });
    // The early 🙏 counts: the recovery read the message's reactions.
    const [counted] = await db.query<{ n: string }>('SELECT count(*) AS n FROM reactions WHERE post_key = $1 AND present', [key]);
    expect(Number(counted!.n)).toBe(1);

    // Told at the older replica's first sweep, and not again by its restart.
    const staleAlerts = slack.messages(COORD).filter((m) => m.text.includes('runs an older plan'));
    expect(staleAlerts).toHaveLength(1);
    expect(staleAlerts[0]!.text).toContain(`:${firstStale.pid}:`);
  }, 150_000);
});
