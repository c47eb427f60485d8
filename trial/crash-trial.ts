// Crash trial: two real `prayerbot run` replicas on one PostgreSQL race the same day's post
// to the local fake Slack; one of them is SIGKILLed at a random point of posting; the dead one
// comes back (after its lease ran out) and the day must end with exactly one post in every
// channel. Each trial has its own schema, fake Slack and project folder.
//
//   npm run trial:crash                      # 100 trials
//   npm run trial:crash -- --trials 20 --seed 7 --lease 2 --verbose
//
// Kill points, spread on purpose:
//   timed       a random moment 0–2.5 s after both start (start-up, claim, send, record)
//   at-claim    the moment a claim appears in the ledger: its holder dies
//   stall       a post's chat.postMessage hangs (nothing stored); the holder (or the other) dies
//   landed      chat.postMessage stores the message but its answer hangs; the holder (or the other) dies
// Half the trials are contested: both replicas are held at their privacy check (conversations.info)
// and released together, so both try to claim every channel at the same moment.
// A duplicate is a channel showing the post more than once; a gap, a channel without it once
// the restarted replica is ready and the ledger has settled (bounded: RECOVERY_MS). Exit 1 if
// either happens, or if the ledger disagrees with what the channel shows.
import { parseArgs } from 'node:util';
import { mondayOf, todayIn, weekday } from '../src/core/time.js';
import { startFakeSlack, type FakeSlack } from '../test/fakes/slack-api.js';
import { configYaml, tempProject, weekYaml, type Project } from '../test/e2e/project.js';
import { freshSchema, ownerPid, postsIn, sleep, startReplica, waitFor, type Replica, type Schema } from '../test/replicas/replicas.js';

const SECRET = 'trial-signing-secret-not-real';
const CHANNELS = ['C0STAFF01', 'C0STAFF02'];
const COORD = 'C0COORD01';
/** After the restart is ready: how long the day may take to complete (one minute sweep fits). */
const RECOVERY_MS = 75_000;

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '100' },
    seed: { type: 'string' },
    lease: { type: 'string', default: '2' },
    verbose: { type: 'boolean', default: false },
  },
});
const TRIALS = Number(args.trials);
const LEASE_SECONDS = Number(args.lease);
const SEED = args.seed !== undefined ? Number(args.seed) : Math.floor(Math.random() * 2 ** 31);

/** mulberry32: a small seeded generator, so a failing run can be replayed with --seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const between = (lo: number, hi: number) => Math.floor(lo + random() * (hi - lo));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

type Scenario = 'timed' | 'at-claim' | 'stall' | 'landed';
type KillPoint =
  | 'before any claim'
  | 'holding a claim, nothing sent'
  | 'holding a claim, message landed'
  | 'after every post was recorded'
  | 'the other replica held the claims';
const KILL_POINTS: KillPoint[] = [
  'before any claim',
  'holding a claim, nothing sent',
  'holding a claim, message landed',
  'after every post was recorded',
  'the other replica held the claims',
];

interface TrialResult {
  n: number;
  scenario: Scenario;
  killPoint: KillPoint;
  killAfterMs: number;
  duplicates: number;
  gaps: number;
  ledgerWrong: number;
  /** Posts recorded by a takeover that found the message on Slack instead of sending. */
  foundOnSlack: number;
  /** The restart alone completed the day (no minute sweep needed). */
  byRestart: boolean;
  ms: number;
  /** Both replicas were released into their claims together. */
  contested: boolean;
  error?: string;
}

interface Row {
  key: string;
  channel_id: string;
  state: string;
  owner: string | null;
  message_id: string | null;
  live: boolean;
}

const rows = (db: Schema) =>
  db.query<Row>(`SELECT key, channel_id, state, owner, message_id, (state = 'claimed' AND lease_until > now()) AS live FROM posts ORDER BY key`);

function trialProject(): { project: Project; date: string } {
  const date = todayIn('UTC', new Date());
  // Posts at 00:00 UTC on today's weekday only, with a day's catch-up: due the moment a
  // replica starts, whatever the hour, and no other day of the week to sweep.
  const project = tempProject(
    configYaml({
      timezone: 'UTC',
      post: `0 0 * * ${weekday(date) % 7}`,
      catchUp: 24,
      channels: CHANNELS.map((id) => `  - { platform: slack, id: "${id}", audience: staff }`).join('\n'),
      staffReport: `  - { platform: slack, id: "${COORD}" }`,
    }),
  );
  const monday = mondayOf(date);
  project.writeWeek(monday, weekYaml(monday));
  return { project, date };
}

async function classify(db: Schema, slack: FakeSlack, victim: Replica): Promise<KillPoint> {
  const ledger = await rows(db);
  const held = ledger.filter((r) => r.state === 'claimed' && ownerPid(r.owner) === victim.pid);
  if (held.some((r) => postsIn(slack, r.channel_id).length > 0)) return 'holding a claim, message landed';
  if (held.length > 0) return 'holding a claim, nothing sent';
  if (ledger.length === 0) return 'before any claim';
  if (ledger.length === CHANNELS.length && ledger.every((r) => r.state === 'sent')) return 'after every post was recorded';
  return 'the other replica held the claims';
}

async function trial(n: number, scenario: Scenario): Promise<TrialResult> {
  const started = Date.now();
  const slack = await startFakeSlack({ signingSecret: SECRET, channels: [...CHANNELS, COORD].map((id) => ({ id })) });
  const db = await freshSchema('pb_trial');
  const { project } = trialProject();
  const procs: Replica[] = [];
  const spawnReplica = () => {
    const r = startReplica({ project, slack, secret: SECRET, databaseUrl: db.url, leaseSeconds: LEASE_SECONDS, logLevel: 'info' });
    procs.push(r);
    return r;
  };
  const result: TrialResult = {
    n,
    scenario,
    killPoint: 'before any claim',
    killAfterMs: 0,
    duplicates: 0,
    gaps: 0,
    ledgerWrong: 0,
    foundOnSlack: 0,
    byRestart: true,
    ms: 0,
    contested: false,
  };
  try {
    const stallChannel = pick(CHANNELS);
    if (scenario === 'stall' || scenario === 'landed') {
      slack.failNext('chat.postMessage', { kind: 'stall', apply: scenario === 'landed' }, 1, stallChannel);
    }
    // Half the trials hold both replicas at their privacy check (ledger read, claim next) and
    // release them together, so both try to claim every channel at the same moment.
    const contested = random() < 0.5;
    if (contested) slack.failNext('conversations.info', { kind: 'stall', apply: true }, 2 * CHANNELS.length);
    const spawnedAt = Date.now();
    const pair = [spawnReplica(), spawnReplica()] as const;
    if (contested) {
      await waitFor('both replicas at the privacy check', () => slack.callsTo('conversations.info').filter((c) => c.answer === 'stalled').length === 2 * CHANNELS.length, 15_000);
      slack.releaseStalled();
    }
    result.contested = contested;

    let victim: Replica;
    if (scenario === 'timed') {
      await sleep(contested ? between(0, 600) : between(0, 2500));
      victim = pick(pair);
    } else if (scenario === 'at-claim') {
      let holder: Replica | undefined;
      await waitFor(
        'a claim',
        async () => {
          const ledger = await rows(db);
          holder = pair.find((p) => p.pid === ownerPid(ledger.find((r) => r.state === 'claimed')?.owner ?? null));
          // A claim can come and go between two looks (claim, send, record in a few ms): then
          // the kill lands after the posts were recorded.
          const settled = ledger.length === CHANNELS.length && ledger.every((r) => r.state !== 'claimed');
          return holder !== undefined || settled || pair.every((p) => p.exited());
        },
        15_000,
      );
      victim = holder ?? pick(pair);
    } else {
      await waitFor('the stalled send', () => slack.callsTo('chat.postMessage').some((c) => c.answer === 'stalled'), 15_000);
      await sleep(between(0, 800)); // the holder gives up 1 s into a send: some kills land after that
      const row = (await rows(db)).find((r) => r.channel_id === stallChannel);
      const holder = pair.find((p) => p.pid === ownerPid(row?.owner ?? null));
      victim = holder && random() < 0.75 ? holder : (pair.find((p) => p !== holder) ?? pick(pair));
    }
    await victim.kill();
    result.killAfterMs = Date.now() - spawnedAt;
    result.killPoint = await classify(db, slack, victim);
    if (scenario === 'stall' || scenario === 'landed') {
      await sleep(between(0, 1000)); // the network comes back a little later, or not before the kill's lease runs out
      slack.releaseStalled();
    }

    // The survivor finishes what it holds; the dead replica's claims run out (PRAYERBOT_LEASE_SECONDS).
    await waitFor('no live claim', async () => (await rows(db)).every((r) => !r.live), LEASE_SECONDS * 1000 + 15_000);
    const restarted = spawnReplica();
    await restarted.ready;
    const settled = async () => {
      const ledger = await rows(db);
      return ledger.length === CHANNELS.length && ledger.every((r) => r.state === 'sent') && CHANNELS.every((c) => postsIn(slack, c).length > 0);
    };
    if (!(await settled())) {
      result.byRestart = false;
      await waitFor('the day complete', settled, RECOVERY_MS).catch(() => undefined);
    }
    await sleep(300); // a late send would land now

    const ledger = await rows(db);
    for (const channel of CHANNELS) {
      const posts = postsIn(slack, channel);
      if (posts.length > 1) result.duplicates += 1;
      if (posts.length === 0) result.gaps += 1;
      const row = ledger.find((r) => r.channel_id === channel);
      if (posts.length === 1 && (row?.state !== 'sent' || row.message_id !== posts[0]!.ts)) result.ledgerWrong += 1;
    }
    result.foundOnSlack = procs.reduce((sum, p) => sum + (p.output().match(/recovered a post whose send answer was lost/g)?.length ?? 0), 0);
  } catch (error) {
    result.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  } finally {
    await Promise.all(procs.map((p) => p.kill()));
    await slack.stop();
    await db.drop().catch(() => undefined);
    project.remove();
    result.ms = Date.now() - started;
  }
  if (args.verbose || result.error || result.duplicates || result.gaps || result.ledgerWrong) {
    // What each replica logged (JSON lines; no secrets, no user ids): enough to see the race.
    for (const [i, p] of procs.entries()) console.log(`--- trial ${n}, replica ${i} (pid ${p.pid})\n${p.output()}`);
  }
  return result;
}

function pad(s: string | number, n: number, right = false): string {
  const text = String(s);
  return right ? text.padStart(n) : text.padEnd(n);
}

async function main(): Promise<number> {
  if (!Number.isInteger(TRIALS) || TRIALS < 1) throw new Error('--trials must be a positive whole number');
  if (!(LEASE_SECONDS >= 1)) throw new Error('--lease must be at least 1 (second)');
  console.log(`crash trial: ${TRIALS} trials, 2 replicas on PostgreSQL, lease ${LEASE_SECONDS} s, seed ${SEED}`);
  const scenarios: Scenario[] = ['timed', 'timed', 'at-claim', 'stall', 'landed'];
  const results: TrialResult[] = [];
  const t0 = Date.now();
  for (let n = 1; n <= TRIALS; n += 1) {
    const r = await trial(n, pick(scenarios));
    results.push(r);
    const mark = r.error ? 'ERROR' : r.duplicates || r.gaps || r.ledgerWrong ? 'FAIL' : 'ok';
    console.log(
      `${pad(n, 4, true)} ${pad(r.scenario, 8)} ${r.contested ? 'contested' : 'staggered'} kill@${pad(r.killAfterMs, 5, true)}ms  ${pad(r.killPoint, 34)} ` +
        `dup ${r.duplicates} gap ${r.gaps}${r.ledgerWrong ? ` ledger-wrong ${r.ledgerWrong}` : ''}${r.foundOnSlack ? ` found-on-slack ${r.foundOnSlack}` : ''}` +
        `${r.byRestart ? '' : ' (minute sweep)'}  ${(r.ms / 1000).toFixed(1)} s  ${mark}${r.error ? `: ${r.error}` : ''}`,
    );
  }
  const elapsed = (Date.now() - t0) / 1000;

  console.log('\nkill point                           trials  duplicates  gaps');
  for (const point of KILL_POINTS) {
    const of = results.filter((r) => r.killPoint === point && !r.error);
    console.log(`${pad(point, 36)} ${pad(of.length, 6, true)}  ${pad(sum(of, 'duplicates'), 10, true)}  ${pad(sum(of, 'gaps'), 4, true)}`);
  }
  const ok = results.filter((r) => !r.error);
  const errors = results.length - ok.length;
  const duplicates = sum(ok, 'duplicates');
  const gaps = sum(ok, 'gaps');
  const ledgerWrong = sum(ok, 'ledgerWrong');
  console.log(`${pad('total', 36)} ${pad(ok.length, 6, true)}  ${pad(duplicates, 10, true)}  ${pad(gaps, 4, true)}`);
  console.log(
    `\n${results.length} trials in ${elapsed.toFixed(0)} s (${(elapsed / results.length).toFixed(1)} s each); ` +
      `channel-days checked ${ok.length * CHANNELS.length}; found on Slack instead of re-sent ${sum(ok, 'foundOnSlack')}; ` +
      `contested ${ok.filter((r) => r.contested).length}; completed by the restart's start-up sweep ${ok.filter((r) => r.byRestart).length}, by a minute sweep ${ok.filter((r) => !r.byRestart).length}; ` +
      `ledger disagreeing with Slack ${ledgerWrong}; harness errors ${errors}; seed ${SEED}`,
  );
  return duplicates === 0 && gaps === 0 && ledgerWrong === 0 && errors === 0 ? 0 : 1;
}

function sum(results: TrialResult[], field: 'duplicates' | 'gaps' | 'ledgerWrong' | 'foundOnSlack'): number {
  return results.reduce((s, r) => s + r[field], 0);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
