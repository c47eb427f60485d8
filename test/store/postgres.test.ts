// The Store contract against a real PostgreSQL server (PRAYERBOT_TEST_PG_URL, default the
// local trust-auth server). Each test gets its own fresh schema, dropped afterwards, so
// parallel runs never collide. An unreachable server fails these tests; it never skips them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
