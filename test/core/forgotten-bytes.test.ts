// Deleted means deleted, checked on the disk: a real SQLite file store in WAL mode, reactions
// through the real ingestion path, a week forgotten by the retention run — then the raw bytes
// of the database, its -wal and its -shm hold none of that week's key or hashes, in any
// spelling. And no table, column or byte ever holds a reactor's user id.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import type { PlatformName } from '../../src/core/types.js';
import { openStore } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { harness, type Harness } from './harness.js';

const OLD = '2026-10-12'; // forgotten at 2026-10-30T04:00Z, when its Friday request expires
const NEW = '2026-10-19'; // still live then
const DISCORD_CHANNEL = '112233445566778899';

const folder = mkdtempSync(join(tmpdir(), 'prayerbot-forgotten-'));
let n = 0;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function freshFile(): string {
  return join(folder, `bot-${++n}.db`);
}

/** Fictional reactors: Slack and Discord ids nobody has. */
const slackUser = (i: number) => `U0VOL${String(i).padStart(4, '0')}`;
const discordUser = (i: number) => `30000000000000${String(i).padStart(4, '0')}`;

let order = 1_000_000;
async function react(platform: PlatformName, week: LocalWeekPost, userId: string, variant: string, present: boolean): Promise<void> {
  order += 1;
  const channelId = platform === 'slack' ? 'C0STAFF01' : DISCORD_CHANNEL;
  const messageId = platform === 'slack' ? week.slack : week.discord;
  await h!.bot.reaction({ platform, channelId, messageId, userId, variant, present, orderMicros: order, ...(platform === 'slack' ? { eventId: `Ev${order}` } : {}) });
}

interface LocalWeekPost {
  slack: string;
  discord: string;
}

/** The Monday post of the week now due, on both platforms. */
async function postMonday(at: string): Promise<LocalWeekPost> {
  h!.clock.set(at);
  await h!.bot.sweep();
  const last = (p: Harness['slack']) => p.messages[p.messages.length - 1]!.id;
  return { slack: last(h!.slack), discord: last(h!.discord) };
}

/** A week whose requests reach both the Slack staff channel and the Discord volunteers. */
function everyoneWeek(monday: string) {
  const regions = ['africa-europe', 'latin-america', 'south-asia', 'asia-pacific', 'global-office'];
  return testWeek(monday, regions.map((region) => ({ region, audience: 'everyone' as const })));
}

/** A bot on a SQLite file holding `OLD`'s and `NEW`'s Monday posts with many 🙏 each. */
async function botWithTwoWeeks(file: string, store?: SqliteStore): Promise<void> {
  h = await harness(testConfig(), [everyoneWeek(OLD), everyoneWeek(NEW)], '2026-10-12T13:00:30Z', { store: store ?? (await openStore(`sqlite:${file}`)) });
  const old = await postMonday('2026-10-12T13:00:30Z');
  for (let i = 0; i < 150; i += 1) {
    await react('slack', old, slackUser(i), i % 3 === 0 ? 'pray::skin-tone-3' : 'pray', true);
    await react('discord', old, discordUser(i), '🙏', true);
  }
  for (let i = 0; i < 150; i += 5) await react('slack', old, slackUser(i), 'pray', false);
  // The platform snapshot after a gap: replaceReactions writes the same hashes again.
  h!.slack.reactions.set(old.slack, [{ userId: slackUser(1), variant: 'pray' }, { userId: slackUser(999), variant: 'pray' }]);
  await h!.bot.resync('slack');

  const fresh = await postMonday('2026-10-19T13:00:30Z');
  for (let i = 0; i < 40; i += 1) await react('slack', fresh, slackUser(i), 'pray', true);
  await h!.bot.drain();
}

interface WeekSecrets {
  key: Buffer;
  hashes: Array<{ text: string; hex: string }>;
}

/** The week's key and every stored hash, read through SQL (hex and raw bytes). */
function readSecrets(file: string, week: string): WeekSecrets {
  const db = new Database(file, { readonly: true });
  try {
    const key = db.prepare('SELECT key, hex(key) AS hex FROM week_keys WHERE week = ?').get(week) as { key: Buffer; hex: string };
    expect(key.key.toString('hex').toUpperCase()).toBe(key.hex);
    const hashes = db
      .prepare('SELECT DISTINCT person_hash AS text, hex(person_hash) AS hex FROM reactions WHERE post_key IN (SELECT key FROM posts WHERE week = ?)')
      .all(week) as Array<{ text: string; hex: string }>;
    return { key: key.key, hashes };
  } finally {
    db.close();
  }
}

/**
 * Every spelling a value could be on disk in: the raw bytes, hex (both cases), base64 and
 * base64url — and for a hash stored as text, that text and the bytes it encodes.
 */
function spellings(secrets: WeekSecrets): Buffer[] {
  const forms = (raw: Buffer) => [
    raw,
    Buffer.from(raw.toString('hex')),
    Buffer.from(raw.toString('hex').toUpperCase()),
    Buffer.from(raw.toString('base64').replace(/=+$/, '')),
    Buffer.from(raw.toString('base64url')),
  ];
  const all = [...forms(secrets.key)];
  for (const hash of secrets.hashes) {
    const text = Buffer.from(hash.hex, 'hex');
    all.push(text, ...forms(Buffer.from(text.toString(), 'base64url')));
  }
  return uniqueBuffers(all);
}

function uniqueBuffers(all: Buffer[]): Buffer[] {
  return [...new Map(all.map((b) => [b.toString('hex'), b])).values()];
}

/** The database's files as they are on disk now. */
function rawFiles(file: string): Array<{ name: string; bytes: Buffer }> {
  return ['', '-wal', '-shm'].filter((suffix) => existsSync(file + suffix)).map((suffix) => ({ name: `db${suffix}`, bytes: readFileSync(file + suffix) }));
}

/** How many of `needles` occur in any of the files. */
function found(file: string, needles: Buffer[]): number {
  const files = rawFiles(file);
  return needles.filter((needle) => files.some((f) => f.bytes.includes(needle))).length;
}

describe('forgetting a week on a SQLite file', () => {
  it('leaves none of its key or hashes in the database, its WAL or its shared memory, while the bot keeps running', async () => {
    const file = freshFile();
    await botWithTwoWeeks(file);
    const old = readSecrets(file, OLD);
    const kept = readSecrets(file, NEW);
    expect(old.hashes.length).toBeGreaterThan(250);
    const forgotten = spellings(old);
    const remaining = spellings(kept).filter((b) => b.length > 16);
    // The search sees what is there: the stored spellings of both weeks are on disk now.
    expect(found(file, [old.key, ...old.hashes.map((x) => Buffer.from(x.hex, 'hex'))])).toBe(old.hashes.length + 1);

    h!.clock.set('2026-10-30T04:00:01Z');
    const actions = await h!.bot.retire();
    expect(actions).toContainEqual(expect.objectContaining({ action: 'forget-week', post: OLD, done: true }));
    expect(await h!.store.weeksWithKeys()).toEqual([NEW]);

    expect(found(file, forgotten)).toBe(0);
    // The other week's hashes are still stored, and the same search finds them.
    expect(found(file, kept.hashes.map((x) => Buffer.from(x.hex, 'hex')))).toBe(kept.hashes.length);
    expect(found(file, remaining)).toBeGreaterThan(0);
    // Counts stay.
    expect((await h!.bot.tally(OLD)).total).toBeGreaterThan(0);
  });

  it('also drops planner samples of the hashes, should someone have run ANALYZE on the file by hand', async () => {
    const file = freshFile();
    await botWithTwoWeeks(file);
    const old = readSecrets(file, OLD);
    const operator = new Database(file);
    const samples = () => (operator.prepare(`SELECT sample FROM sqlite_stat4 WHERE tbl = 'reactions'`).all() as Array<{ sample: Buffer }>).map((r) => r.sample);
    try {
      operator.exec('ANALYZE');
      const hashes = old.hashes.map((x) => Buffer.from(x.hex, 'hex'));
      const sampled = () => samples().filter((sample) => hashes.some((hash) => sample.includes(hash))).length;
      expect(sampled()).toBeGreaterThan(0);

      h!.clock.set('2026-10-30T04:00:01Z');
      await h!.bot.retire();
      // The rows are gone. (Bytes that the operator's own connection, without secure_delete,
      // left in free space while writing them are its own: VACUUM the file to drop those.)
      expect(sampled()).toBe(0);
    } finally {
      operator.close();
    }
  });

  it('tells staff when other connections keep the WAL busy past the deadline, and the week is forgotten anyway', async () => {
    const file = freshFile();
    await botWithTwoWeeks(file, SqliteStore.open(file, { wipeDeadlineMs: 300 }));
    // Another process's long read (a backup, a report) holds the WAL's frames in use.
    const reader = new Database(file, { readonly: true });
    const open = reader.prepare('SELECT person_hash FROM reactions').iterate();
    open.next();
    try {
      h!.clock.set('2026-10-30T04:00:01Z');
      const actions = await h!.bot.retire();
      expect(actions).toContainEqual(expect.objectContaining({ action: 'forget-week', post: OLD, done: false }));
      expect(await h!.store.weeksWithKeys()).toEqual([NEW]);
      const alert = h!.slack.staffTexts.find((t) => t.text.includes('not yet wiped from disk'));
      expect(alert?.text).toContain('Monday, October 12');
      expect(alert?.text).toContain(`${file}-wal`);
      expect((await h!.store.listAudit(50)).find((e) => e.action === 'forget-week')?.detail).toContain('old copies remain on disk');
    } finally {
      open.return?.();
      reader.close();
    }
  });
});

describe('who prayed, on disk', () => {
  it('stores nobody by id: no table, column or byte of the database holds a reactor id, and hashes differ between weeks', async () => {
    const file = freshFile();
    await botWithTwoWeeks(file);
    const ids = [...Array.from({ length: 150 }, (_, i) => slackUser(i)), slackUser(999), ...Array.from({ length: 150 }, (_, i) => discordUser(i))];
    const summary = await h!.bot.tally();
    expect(ids.filter((id) => JSON.stringify(summary).includes(id))).toEqual([]);

    const db = new Database(file, { readonly: true });
    let cells = 0;
    const holding: string[] = [];
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as Array<{ name: string }>;
      for (const { name } of tables) {
        const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>;
        for (const column of columns) {
          const values = db.prepare(`SELECT CAST("${column.name}" AS BLOB) AS v FROM "${name}"`).all() as Array<{ v: Buffer | null }>;
          for (const { v } of values) {
            if (v === null) continue;
            cells += 1;
            const text = v.toString('utf8');
            for (const id of ids) if (text.includes(id)) holding.push(`${name}.${column.name}`);
          }
        }
      }
      // The scan reads real data: the ledger names the channel.
      expect(cells).toBeGreaterThan(600);
      const ledger = db.prepare('SELECT count(*) AS c FROM posts WHERE channel_id = ?').get('C0STAFF01') as { c: number };
      expect(ledger.c).toBeGreaterThan(0);
      // The same person hashes differently in two weeks.
      const same = db
        .prepare(
          `SELECT count(*) AS c FROM reactions a JOIN reactions b ON a.person_hash = b.person_hash
           WHERE a.post_key LIKE '%:${OLD}:%' AND b.post_key LIKE '%:${NEW}:%'`,
        )
        .get() as { c: number };
      expect(same.c).toBe(0);
    } finally {
      db.close();
    }
    expect(holding).toEqual([]);
    const files = rawFiles(file);
    expect(files.some((f) => f.bytes.includes(Buffer.from('C0STAFF01')))).toBe(true);
    expect(ids.filter((id) => files.some((f) => f.bytes.includes(Buffer.from(id))))).toEqual([]);
  });
});
