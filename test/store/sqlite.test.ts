// The Store contract against SQLite files in a temporary folder (a fresh file per test),
// plus what only SQLite has: several processes on one file, and its pragmas.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { RaceRound } from './claim-race-worker.js';
import { storeContract } from './contract.js';

const folder = mkdtempSync(join(tmpdir(), 'prayerbot-sqlite-'));
let n = 0;
let file = '';

beforeEach(() => {
  file = join(folder, `store-${++n}.db`);
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

storeContract(
  'sqlite',
  async () => SqliteStore.open(file),
  () => ({
    async storedHashes() {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT person_hash FROM reactions').all() as Array<{ person_hash: string }>).map((r) => r.person_hash);
      } finally {
        db.close();
      }
    },
  }),
);

describe('sqlite: one file, several processes', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  });

  function startWorker(owner: string) {
    const worker = fileURLToPath(new URL('./claim-race-worker.ts', import.meta.url));
    const child = fork(worker, [file, owner], { execArgv: ['--import', 'tsx'] });
    children.push(child);
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`claim worker ${owner} exited with ${code}`)));
    });
    const claim = (round: RaceRound) =>
      new Promise<{ won: boolean; took: boolean }>((resolve) => {
        child.once('message', (m) => resolve(m as { won: boolean; took: boolean }));
        child.send(round);
      });
    return { child, ready, claim };
  }

  it('lets two processes create a fresh file together, then exactly one win each contested claim', async () => {
    const a = startWorker('process-a');
    const b = startWorker('process-b');
    await Promise.all([a.ready, b.ready]);
    const rounds = 120;
    for (const atMs of [0, 120_001]) {
      for (let round = 0; round < rounds; round++) {
        const results = await Promise.all([a.claim({ round, atMs }), b.claim({ round, atMs })]);
        expect(results.filter((r) => r.won)).toHaveLength(1);
        // The second pass comes after every lease ran out: each win is a takeover.
        if (atMs > 0) expect(results.filter((r) => r.took)).toHaveLength(1);
      }
    }
    a.child.send('stop');
    b.child.send('stop');
    const store = SqliteStore.open(file);
    const posts = await store.listPosts({});
    await store.close();
    expect(posts).toHaveLength(rounds);
    expect(posts.every((p) => p.attempts === 2)).toBe(true);
  });
});

describe('sqlite: a sign-in token redeemed from two processes at once', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
  });

  function startWorker() {
    const worker = fileURLToPath(new URL('./redeem-race-worker.ts', import.meta.url));
    const child = fork(worker, [file], { execArgv: ['--import', 'tsx'] });
    children.push(child);
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`redeem worker exited with ${code}`)));
    });
    const redeem = (hash: string) =>
      new Promise<string | null>((resolve) => {
        child.once('message', (m) => resolve((m as { actor: string | null }).actor));
        child.send(hash);
      });
    return { child, ready, redeem };
  }

  it('is redeemed by exactly one of them', async () => {
    const store = SqliteStore.open(file);
    const rounds = 60;
    for (let i = 0; i < rounds; i++) {
      await store.addSignInToken({ tokenHash: `token-${i}`, actor: `slack:U${i}`, createdAt: new Date('2026-10-13T13:00:00Z'), expiresAt: new Date('2026-10-13T13:15:00Z') });
    }
    await store.close();
    const a = startWorker();
    const b = startWorker();
    await Promise.all([a.ready, b.ready]);
    for (let i = 0; i < rounds; i++) {
      const actors = await Promise.all([a.redeem(`token-${i}`), b.redeem(`token-${i}`)]);
      expect(actors.filter((x) => x !== null)).toEqual([`slack:U${i}`]);
    }
    a.child.send('stop');
    b.child.send('stop');
  });
});

describe('sqlite: file settings and migrations', () => {
  it('keeps the database in WAL mode and records each migration once', async () => {
    (await SqliteStore.open(file)).close();
    (await SqliteStore.open(file)).close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      db.close();
    }
  });

  it('refuses a database migrated by a newer prayerbot', async () => {
    (await SqliteStore.open(file)).close();
    const db = new Database(file);
    db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)`).run();
    db.close();
    let error: unknown;
    try {
      SqliteStore.open(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'schema_too_new' });
    expect((error as Error).message).toContain('migration 999');
  });

  it('applies a later migration step to an existing database, keeping its data', async () => {
    const store = SqliteStore.open(file);
    await store.addRetraction('2026-10-12', new Date('2026-10-12T13:00:00Z'));
    await store.close();
    const next = [...MIGRATIONS, { version: 1000, name: 'test step', sql: 'CREATE TABLE test_step (id INTEGER PRIMARY KEY) STRICT' }];
    const upgraded = SqliteStore.open(file, { migrations: next });
    expect(await upgraded.retractions()).toEqual(['2026-10-12']);
    await upgraded.close();
    SqliteStore.open(file, { migrations: next }).close(); // again: nothing to do
    const db = new Database(file, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations WHERE version = 1000').get() as { n: number }).n).toBe(1);
    db.close();
  });
});
