// reaction_ingest_per_s: 🙏 events through the full path into SQLite — PrayerBot.reaction()
// (post lookup, week key, HMAC, group commit) on a real file store (WAL, synchronous=FULL),
// each event durable before its promise resolves, 256 in flight.
// Baseline: raw better-sqlite3 prepared inserts in 256-row transactions, same pragmas, same
// disk, same run.
//
//   node --import tsx bench/reaction-ingest.ts [--events N]
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { buildPlanState } from '../src/core/plan-state.js';
import { MESSAGE_LIMITS } from '../src/core/plan/limits.js';
import { testConfig, testWeek } from '../src/core/plan/testing.js';
import type { Clock, ReactionEvent } from '../src/core/ports.js';
import { PrayerBot } from '../src/core/prayer-bot.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { RecordingPlatform } from '../test/fakes/recording-platform.js';
import { round, runMain, say, type MeasureReport } from './lib/report.js';

const EVENTS = Number(argValue('--events') ?? 200_000);
const IN_FLIGHT = 256;
/** Each run stops here even if not all events went through (then the rate covers those that did). */
const TIME_LIMIT_MS = 90_000;
const WEEK = '2026-10-12';
const CHANNELS = ['C0STAFF01', 'C0STAFF02', 'C0STAFF03', 'C0STAFF04'];

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Run {
  done: number;
  ms: number;
}

/** Keeps `inFlight` calls of `one(i)` outstanding until `total` are done or time runs out. */
async function pump(total: number, inFlight: number, one: (i: number) => Promise<void>): Promise<Run> {
  let next = 0;
  let done = 0;
  const start = performance.now();
  const deadline = start + TIME_LIMIT_MS;
  async function lane(): Promise<void> {
    while (next < total && performance.now() < deadline) {
      const i = next++;
      await one(i);
      done += 1;
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
  return { done, ms: performance.now() - start };
}

/** The full path: a week of posts in the ledger, then events on them. */
async function fullPath(dir: string): Promise<{ run: Run; rows: number }> {
  const store = SqliteStore.open(join(dir, 'prayerbot.db'));
  // A real-speed clock starting on the Friday of the week, after its post time, so Monday to
  // Friday can be posted; reactions then see a running clock (the lookup cache's TTL holds).
  const start = new Date(`2026-10-16T14:00:00Z`).getTime();
  const t0 = Date.now();
  const clock: Clock = { now: () => new Date(start + (Date.now() - t0)) };
  const slack = new RecordingPlatform('slack', MESSAGE_LIMITS.slack, clock.now);
  const config = testConfig({ channels: CHANNELS.map((id) => ({ platform: 'slack' as const, id, audience: 'staff' as const, allowPublic: false })) });
  const state = buildPlanState(config, [testWeek(WEEK)]);
  const bot = new PrayerBot({ store, clock, log: pino({ level: 'silent' }), platforms: [slack], plan: () => state, owner: 'bench' });
  await slack.start(bot);
  for (const date of ['2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15', '2026-10-16']) {
    const results = await bot.postDay(date);
    if (!results.every((r) => r.outcome === 'sent')) throw new Error(`posting ${date} gave ${JSON.stringify(results)}`);
  }
  const posts = slack.messages.map((m) => ({ channelId: m.channelId, messageId: m.id }));
  say(`full path: ${posts.length} posts in the ledger; ${EVENTS} events, ${IN_FLIGHT} in flight`);
  const baseMicros = Date.now() * 1000;
  const run = await pump(EVENTS, IN_FLIGHT, (i) => {
    const post = posts[i % posts.length]!;
    const event: ReactionEvent = {
      platform: 'slack',
      channelId: post.channelId,
      messageId: post.messageId,
      userId: `U${(i >> 2).toString(36).toUpperCase().padStart(8, '0')}`,
      variant: i % 7 === 0 ? 'pray::skin-tone-3' : 'pray',
      present: i % 11 !== 0,
      orderMicros: baseMicros + i,
      eventId: `Ev${i.toString(36).toUpperCase().padStart(10, '0')}`,
    };
    return bot.reaction(event);
  });
  await bot.drain();
  await store.close();
  // What actually reached the file: every event is either a reaction row or an update of one.
  const check = new Database(join(dir, 'prayerbot.db'), { readonly: true });
  // Each event is one person's 🙏: its reaction row carries the event's id once durable.
  const rows = (check.prepare('SELECT count(*) AS n FROM reactions WHERE last_event_id IS NOT NULL').get() as { n: number }).n;
  check.close();
  return { run, rows };
}

/** Raw prepared inserts, 256 rows per transaction, into a table shaped like `reactions`. */
function baseline(dir: string): Run {
  const db = new Database(join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE reactions (
    post_key TEXT NOT NULL, person_hash TEXT NOT NULL, variant TEXT NOT NULL,
    present INTEGER NOT NULL, order_micros INTEGER NOT NULL,
    PRIMARY KEY (post_key, person_hash, variant)) STRICT, WITHOUT ROWID`);
  const insert = db.prepare('INSERT INTO reactions (post_key, person_hash, variant, present, order_micros) VALUES (?, ?, ?, ?, ?)');
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      insert.run(`slack:C0STAFF0${i % 4}:2026-10-1${i % 5}:0`, `h${i.toString(36).padStart(42, '0')}`, 'pray', 1, i);
    }
  });
  const start = performance.now();
  const deadline = start + TIME_LIMIT_MS;
  let done = 0;
  while (done < EVENTS && performance.now() < deadline) {
    const to = Math.min(EVENTS, done + IN_FLIGHT);
    batch(done, to);
    done = to;
  }
  const ms = performance.now() - start;
  db.close();
  return { done, ms };
}

/**
 * Context, not the baseline: raw inserts of the rows the bot writes — an event id and a
 * reaction under a random 43-character hash — 256 events per transaction, same pragmas as the
 * store. Random keys dirty many more pages per commit than the baseline's ascending ones.
 */
function rawSameRows(dir: string): Run {
  const db = new Database(join(dir, 'same-rows.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(`CREATE TABLE reactions (
    post_key TEXT NOT NULL, person_hash TEXT NOT NULL, variant TEXT NOT NULL,
    present INTEGER NOT NULL, order_micros INTEGER NOT NULL, last_event_id TEXT,
    PRIMARY KEY (post_key, person_hash, variant)) STRICT, WITHOUT ROWID;`);
  const upsert = db.prepare(`INSERT INTO reactions (post_key, person_hash, variant, present, order_micros, last_event_id) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (post_key, person_hash, variant) DO UPDATE SET present = excluded.present, order_micros = excluded.order_micros, last_event_id = excluded.last_event_id
    WHERE excluded.order_micros > reactions.order_micros`);
  const key = randomBytes(32);
  const hashes = Array.from({ length: EVENTS }, (_, i) => createHmac('sha256', key).update(`slack:U${i}`).digest('base64url'));
  const at = Date.now();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      upsert.run(`slack:C0STAFF0${i % 4}:2026-10-1${i % 5}:0`, hashes[i], 'pray', 1, at * 1000 + i, `Ev${i.toString(36).toUpperCase().padStart(10, '0')}`);
    }
  });
  const start = performance.now();
  const deadline = start + TIME_LIMIT_MS;
  let done = 0;
  while (done < EVENTS && performance.now() < deadline) {
    const to = Math.min(EVENTS, done + IN_FLIGHT);
    batch.immediate(done, to);
    done = to;
  }
  const ms = performance.now() - start;
  db.close();
  return { done, ms };
}

runMain(async (): Promise<MeasureReport[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'prayerbot-bench-ingest-'));
  try {
    say(`baseline: ${EVENTS} raw inserts in ${IN_FLIGHT}-row transactions (WAL, synchronous=FULL) in ${dir}`);
    const base = baseline(dir);
    const baseRate = (base.done / base.ms) * 1000;
    say(`baseline: ${base.done} rows in ${round(base.ms)} ms = ${Math.round(baseRate)}/s`);
    const same = rawSameRows(dir);
    const sameRate = (same.done / same.ms) * 1000;
    say(`raw inserts of the rows the bot writes (a random-hash reaction carrying its event id): ${same.done} in ${round(same.ms)} ms = ${Math.round(sameRate)}/s`);
    const { run, rows } = await fullPath(dir);
    const rate = (run.done / run.ms) * 1000;
    say(`full path: ${run.done} events in ${round(run.ms)} ms = ${Math.round(rate)}/s; ${rows} event ids on disk`);
    if (rows !== run.done) throw new Error(`${run.done} events resolved but ${rows} are on disk`);
    const notes = [
      `${run.done} events (Slack-style, with event_id), ${IN_FLIGHT} in flight, 4 channels × 5 days of posts; baseline = ascending keys into a reactions-shaped table`,
      `for context: raw inserts of the rows the bot writes (a random-hash reaction carrying its event id) ${Math.round(sameRate)}/s; the full path reaches ${Math.round((rate / sameRate) * 100)} % of that`,
    ];
    if (run.done < EVENTS || base.done < EVENTS) notes.push(`stopped by the ${TIME_LIMIT_MS / 1000} s limit (full ${run.done}, baseline ${base.done} of ${EVENTS})`);
    return [
      {
        name: 'reaction_ingest_per_s',
        measure: { value: Math.round(rate), unit: 'events/s', goal: '≥ 20000 and ≥ 0.25 × baseline', baseline: Math.round(baseRate) },
        pass: rate >= 20_000 && rate >= 0.25 * baseRate,
        notes,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
