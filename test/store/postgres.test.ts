// The Store contract against a real PostgreSQL server (PRAYERBOT_TEST_PG_URL, default the
// local trust-auth server). Each test gets its own fresh schema, dropped afterwards, so
// parallel runs never collide. An unreachable server fails these tests; it never skips them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { personHash } from '../../src/core/reactions.js';
import { ledgerKeyOf } from '../../src/core/types.js';
import { StoreError, redactUrl } from '../../src/store/errors.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { PostgresStore } from '../../src/store/postgres-store.js';
import { openStore } from '../../src/store/open-store.js';
import { storeContract } from './contract.js';

const url = process.env.PRAYERBOT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const run = randomBytes(4).toString('hex');
let admin: pg.Pool;
let n = 0;
let schema = '';

beforeAll(async () => {
  admin = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
  admin.on('error', () => {});
  try {
    await admin.query('SELECT 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL is unreachable at ${redactUrl(url)} (${(err as Error).message}). ` +
        'These tests need a real server: start one, or point PRAYERBOT_TEST_PG_URL at it.',
    );
  }
});

afterAll(async () => {
  await admin?.end();
});

beforeEach(() => {
  schema = `pb_test_${run}_${++n}`;
});

afterEach(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

storeContract(
  'postgres',
  () => PostgresStore.open(url, { schema }),
  () => ({
    async storedHashes() {
      return (await admin.query<{ person_hash: string }>(`SELECT person_hash FROM ${schema}.reactions`)).rows.map((r) => r.person_hash);
    },
  }),
);

describe('postgres: migrations', () => {
  it('migrates a fresh schema once when several processes open it at the same time', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(url, { schema })));
    try {
      const versions = await admin.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
      expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await stores[0]!.addRetraction('2026-10-12', new Date('2026-10-12T13:00:00Z'));
      expect(await stores[3]!.retractions()).toEqual(['2026-10-12']);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses a database migrated by a newer prayerbot', async () => {
    await (await PostgresStore.open(url, { schema })).close();
    await admin.query(`INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES (999, 'from the future', now())`);
    await expect(PostgresStore.open(url, { schema })).rejects.toMatchObject({ code: 'schema_too_new' });
  });

  it('applies a later migration step to an existing schema, keeping its data', async () => {
    const store = await PostgresStore.open(url, { schema });
    await store.addRetraction('2026-10-12', new Date('2026-10-12T13:00:00Z'));
    await store.close();
    const next = [...MIGRATIONS, { version: 1000, name: 'test step', sql: 'CREATE TABLE test_step (id integer PRIMARY KEY)' }];
    const upgraded = await PostgresStore.open(url, { schema, migrations: next });
    expect(await upgraded.retractions()).toEqual(['2026-10-12']);
    await upgraded.close();
    await (await PostgresStore.open(url, { schema, migrations: next })).close();
    const applied = await admin.query(`SELECT 1 FROM ${schema}.schema_migrations WHERE version = 1000`);
    expect(applied.rowCount).toBe(1);
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(PostgresStore.open(url, { schema: 'bad"; DROP TABLE x; --' })).rejects.toBeInstanceOf(StoreError);
  });

  it('says the server is unavailable without printing the password', async () => {
    const error = await PostgresStore.open('postgres://prayerbot:s3cret-pw@127.0.0.1:1/prayerbot', { schema }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toContain('postgres://prayerbot:***@127.0.0.1:1/prayerbot');
    expect((error as Error).message).not.toContain('s3cret-pw');
  });
});

describe('postgres: openStore', () => {
  it('opens PostgreSQL for a postgres:// or postgresql:// URL, in the schema asked for', async () => {
    const store = await openStore(url.replace(/^postgres:/, 'postgresql:'), { schema });
    try {
      expect(store.kind).toBe('postgres');
      await store.addRetraction('2026-10-12', new Date('2026-10-12T13:00:00Z'));
      expect((await admin.query(`SELECT subject FROM ${schema}.retractions`)).rows).toEqual([{ subject: '2026-10-12' }]);
    } finally {
      await store.close();
    }
  });
});

describe('postgres: forgetting a week', () => {
  const OLD = '2026-10-12';
  const NEW = '2026-10-19';
  const T0 = new Date('2026-10-12T13:00:00Z');

  /** Two weeks' posts with many 🙏 each; returns the old week's key and stored hashes. */
  async function twoWeeks(store: PostgresStore): Promise<{ key: Buffer; hashes: string[]; kept: string[] }> {
    const posts: Record<string, string[]> = { [OLD]: [], [NEW]: [] };
    for (const [week, date] of [[OLD, '2026-10-12'], [OLD, '2026-10-13'], [NEW, '2026-10-19']] as const) {
      const key = ledgerKeyOf('slack', 'C0STAFF01', date, 0);
      await store.claimPost({ key, platform: 'slack', channelId: 'C0STAFF01', date, part: 0, week, regions: ['latin-america'], requestKeys: [`${week}/latin-america-1`] }, 'sender', T0, 120_000);
      await store.markSent(key, 'sender', `m-${date}`, T0);
      posts[week]!.push(key);
    }
    const hashesOf = async (week: string, people: number) => {
      const key = (await store.weekKey(week, T0))!;
      const changes = posts[week]!.flatMap((postKey) =>
        Array.from({ length: people }, (_, i) => ({ postKey, personHash: personHash(key, 'slack', `U0VOL${i}`), variant: 'pray', present: i % 7 !== 0, orderMicros: T0.getTime() * 1000 + i })),
      );
      await store.applyReactions(changes);
      return { key, hashes: [...new Set(changes.map((c) => c.personHash))] };
    };
    const old = await hashesOf(OLD, 300);
    const kept = await hashesOf(NEW, 40);
    return { key: old.key, hashes: old.hashes, kept: kept.hashes };
  }

  /** Each value as PostgreSQL could print it: text, and bytes as hex and base64. */
  function spellings(key: Buffer, hashes: string[]): string[] {
    const forms = (raw: Buffer) => [raw.toString('hex'), raw.toString('base64').replace(/=+$/, ''), raw.toString('base64url')];
    return [...forms(key), ...hashes.flatMap((h) => [h, ...forms(Buffer.from(h, 'base64url'))])];
  }

  /** Every value of every column of every table in the schema, as text, plus the planner's samples. */
  async function everything(): Promise<string[]> {
    const columns = await admin.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [schema],
    );
    const values: string[] = [];
    for (const { table_name, column_name } of columns.rows) {
      const rows = await admin.query<{ v: string | null }>(`SELECT "${column_name}"::text AS v FROM ${schema}."${table_name}"`);
      for (const { v } of rows.rows) if (v !== null) values.push(v);
    }
    const stats = await admin.query<{ v: string }>(
      `SELECT concat_ws(' ', most_common_vals::text, histogram_bounds::text) AS v FROM pg_stats WHERE schemaname = $1`,
      [schema],
    );
    return [...values, ...stats.rows.map((r) => r.v)];
  }

  it('leaves no row in any table, nor planner sample, holding the key or a hash, and vacuums the tables', async () => {
    const store = await PostgresStore.open(url, { schema });
    try {
      const { key, hashes, kept } = await twoWeeks(store);
      // Autovacuum's ANALYZE would sample the hash column; do it now.
      await admin.query(`ANALYZE ${schema}.reactions`);
      await admin.query(`ANALYZE ${schema}.week_keys`);
      const needles = spellings(key, hashes);
      const before = await everything();
      const held = (values: string[], of: string[]) => of.filter((n) => values.some((v) => v.includes(n))).length;
      expect(held(before, hashes)).toBe(hashes.length);
      expect(held(before, [key.toString('hex')])).toBe(1);
      const sampled = await admin.query<{ v: string }>(`SELECT histogram_bounds::text AS v FROM pg_stats WHERE schemaname = $1 AND attname = 'person_hash'`, [schema]);
      expect(held(sampled.rows.map((r) => r.v), hashes)).toBeGreaterThan(0);

      await store.forgetWeek(OLD, new Date('2026-10-30T04:00:01Z'));

      const after = await everything();
      expect(held(after, needles)).toBe(0);
      // The search sees what is there: the other week's hashes are still stored.
      expect(held(after, kept)).toBe(kept.length);
      const vacuumed = await admin.query<{ relname: string; vacuumed: boolean; n_dead_tup: string }>(
        `SELECT relname, last_vacuum IS NOT NULL AS vacuumed, n_dead_tup FROM pg_stat_user_tables
         WHERE schemaname = $1 AND relname IN ('reactions', 'week_keys') ORDER BY relname`,
        [schema],
      );
      expect(vacuumed.rows).toEqual([
        { relname: 'reactions', vacuumed: true, n_dead_tup: '0' },
        { relname: 'week_keys', vacuumed: true, n_dead_tup: '0' },
      ]);
      // Later ANALYZEs sample neither column again.
      await admin.query(`ANALYZE ${schema}.reactions`);
      await admin.query(`ANALYZE ${schema}.week_keys`);
      const columns = await admin.query(`SELECT attname FROM pg_stats WHERE schemaname = $1 AND attname IN ('person_hash', 'key')`, [schema]);
      expect(columns.rows).toEqual([]);
      expect((await store.tally({ week: OLD })).map((r) => r.count)).toEqual([257, 257]);
    } finally {
      await store.close();
    }
  });

  it('says the old row versions may remain (wipe_incomplete) when the vacuum cannot run, and forgets the week anyway', async () => {
    const store = await PostgresStore.open(url, { schema, pool: { lock_timeout: 200 } });
    const holder = await admin.connect();
    try {
      await twoWeeks(store);
      // Someone else's maintenance holds the lock VACUUM needs.
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${schema}.reactions IN SHARE UPDATE EXCLUSIVE MODE`);
      const error = await store.forgetWeek(OLD, new Date('2026-10-30T04:00:01Z')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'wipe_incomplete' });
      expect((error as Error).message).toContain(`week ${OLD}'s key and reactor hashes may remain`);
      expect(await store.weeksWithKeys()).toEqual([NEW]);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
      await store.close();
    }
  });
});
