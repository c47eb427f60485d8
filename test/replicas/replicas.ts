// Real `prayerbot run` replicas on one PostgreSQL, for the replica tests and the crash trial.
//
//   const db = await freshSchema('pb_rep');            // a migrated schema of its own
//   const r = startReplica({ project, slack, secret, databaseUrl: db.url });
//   await r.ready;                                      // r.port: its Slack HTTP port
//   await r.kill();                                     // SIGKILL, like a machine going away
//   await db.drop();
//
// Each child selects its schema through the connection string itself: libpq's `options`
// parameter (`?options=-c search_path=<schema>`), which `pg` sends at connect, so nothing in
// prayerbot needs to know about schemas.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres-store.js';
import type { FakeSlack } from '../fakes/slack-api.js';
import type { Project } from '../e2e/project.js';

export const PG_URL = process.env['PRAYERBOT_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const CLI = join(process.cwd(), 'dist', 'cli.js');

/** The same database, with every connection's search_path set to `schema`. */
export function schemaUrl(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export interface Schema {
  name: string;
  /** DATABASE_URL for the replicas. */
  url: string;
  /** A pool on the schema, for reading the ledger from the test. */
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** A fresh schema, created and migrated before any replica opens it. */
export async function freshSchema(prefix: string): Promise<Schema> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await (await PostgresStore.open(PG_URL, { schema: name })).close();
  const url = schemaUrl(PG_URL, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  return {
    name,
    url,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    drop: async () => {
      await pool.end();
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

export interface ReplicaOptions {
  project: Project;
  slack: FakeSlack;
  secret: string;
  databaseUrl: string;
  /** PRAYERBOT_LEASE_SECONDS (short leases make crash recovery quick). */
  leaseSeconds?: number;
  /** Another project folder (a replica with other plan files). */
  configPath?: string;
  promptsDir?: string;
  logLevel?: string;
  /** More environment (e.g. PRAYERBOT_SWEEP_SECONDS). */
  env?: Record<string, string>;
}

export interface Replica {
  child: ChildProcess;
  pid: number;
  /** Everything it printed so far (JSON log lines). */
  output(): string;
  /** Resolves once it printed its ready line; rejects if it exits first. */
  ready: Promise<void>;
  /** The Slack HTTP port from its ready line. */
  port(): number;
  /** Has it exited (or been killed)? */
  exited(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const READY = /prayerbot ready — .* on port (\d+)/;

export function startReplica(options: ReplicaOptions): Replica {
  const { project, slack } = options;
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--config', options.configPath ?? project.configPath, '--prompts', options.promptsDir ?? project.promptsDir],
    {
      cwd: project.dir,
      env: {
        PATH: process.env['PATH'] ?? '',
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: options.secret,
        SLACK_API_URL: slack.url,
        DATABASE_URL: options.databaseUrl,
        PORT: '0',
        LOG_LEVEL: options.logLevel ?? 'info',
        ...(options.leaseSeconds !== undefined ? { PRAYERBOT_LEASE_SECONDS: String(options.leaseSeconds) } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let exited = false;
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (READY.test(out)) return resolve();
      if (exited) return reject(new Error(`prayerbot exited before it was ready:\n${out}`));
      setTimeout(check, 20);
    };
    check();
  });
  ready.catch(() => {}); // a caller that never waits for it must not crash the runner
  return {
    child,
    pid: child.pid!,
    output: () => out,
    ready,
    port: () => Number(READY.exec(out)?.[1] ?? NaN),
    exited: () => exited,
    kill: async (signal = 'SIGKILL') => {
      if (!exited) child.kill(signal);
      await gone;
    },
  };
}

/** Polls `check` every 25 ms until it holds, or fails after `ms`. */
export function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = async () => {
      try {
        if (await check()) return resolve();
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (Date.now() - started > ms) return reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      setTimeout(() => void tick(), 25);
    };
    void tick();
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The day's posts the fake channel shows (staff alerts and other messages left out). */
export function postsIn(slack: FakeSlack, channel: string) {
  return slack.messages(channel).filter((m) => m.metadata?.event_type === 'prayerbot_post');
}

/** The `pid` inside a ledger owner id (`host:pid:random`). */
export function ownerPid(owner: string | null): number | undefined {
  const parts = owner?.split(':') ?? [];
  const pid = Number(parts[parts.length - 2]);
  return Number.isInteger(pid) ? pid : undefined;
}
