// The one migration history of both stores. Steps are append-only: never edit a step that
// has shipped; add a new one. Each step carries its SQL per dialect where they differ
// (SQLite stores instants as integer milliseconds since the epoch, PostgreSQL as
// timestamptz; keys are BLOB / bytea). `schema_migrations` records what was applied; each
// store applies the missing steps in one transaction when it opens (SQLite under
// `BEGIN IMMEDIATE`, PostgreSQL under `pg_advisory_xact_lock`), so re-opening is a no-op and
// two processes opening one database at once apply each step exactly once.
import { StoreError } from './errors.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  /** SQL for both dialects, when they agree. */
  sql?: string;
  sqlite?: string;
  postgres?: string;
}

const PLATFORMS = `('slack', 'discord', 'console')`;
const STATES = `('claimed', 'sent', 'failed', 'skipped', 'retired', 'retracted')`;
/**
 * Where a post stands (platform, channel, day, part, week): the same columns in `posts` and in
 * `retracted_counts`. Indented as the tables around it are, so each step's SQL text is unchanged.
 */
const POST_PLACE: Record<Dialect, string> = {
  sqlite: `platform     TEXT    NOT NULL CHECK (platform IN ${PLATFORMS}),
        channel_id   TEXT    NOT NULL,
        date         TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        part         INTEGER NOT NULL CHECK (part >= 0),
        week         TEXT    NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),`,
  postgres: `platform     text        NOT NULL CHECK (platform IN ${PLATFORMS}),
        channel_id   text        NOT NULL,
        date         date        NOT NULL,
        part         integer     NOT NULL CHECK (part >= 0),
        week         date        NOT NULL,`,
};

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger, reactions, week keys, housekeeping, coordination',
    sqlite: `
      -- The post ledger: one row per part of a day's post per channel.
      CREATE TABLE posts (
        key          TEXT    PRIMARY KEY,
        ${POST_PLACE.sqlite}
        state        TEXT    NOT NULL CHECK (state IN ${STATES}),
        regions      TEXT    NOT NULL CHECK (json_type(regions) = 'array'),
        request_keys TEXT    NOT NULL CHECK (json_type(request_keys) = 'array'),
        owner        TEXT,
        lease_until  INTEGER,
        claimed_at   INTEGER,
        message_id   TEXT,
        sent_at      INTEGER,
        attempts     INTEGER NOT NULL DEFAULT 0,
        last_error   TEXT,
        retryable    INTEGER NOT NULL DEFAULT 0 CHECK (retryable IN (0, 1)),
        ended_at     INTEGER,
        frozen_count INTEGER
      ) STRICT;
      CREATE INDEX posts_by_week ON posts (week);
      CREATE INDEX posts_by_date ON posts (date);
      CREATE INDEX posts_by_message ON posts (platform, channel_id, message_id);

      -- Reactions as HMACs only: newest order_micros wins per (post, person, variant).
      CREATE TABLE reactions (
        post_key     TEXT    NOT NULL REFERENCES posts (key) ON DELETE CASCADE,
        person_hash  TEXT    NOT NULL,
        variant      TEXT    NOT NULL,
        present      INTEGER NOT NULL CHECK (present IN (0, 1)),
        order_micros INTEGER NOT NULL,
        PRIMARY KEY (post_key, person_hash, variant)
      ) STRICT, WITHOUT ROWID;

      -- One random HMAC key per plan week; key NULL once forgotten (a tombstone, so the
      -- week never gets a new key).
      CREATE TABLE week_keys (
        week         TEXT    PRIMARY KEY,
        key          BLOB    CHECK (key IS NULL OR length(key) = 32),
        created_at   INTEGER NOT NULL,
        forgotten_at INTEGER
      ) STRICT;

      CREATE TABLE processed_events (
        event_id TEXT    PRIMARY KEY,
        seen_at  INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX processed_events_by_seen ON processed_events (seen_at);

      CREATE TABLE alerts (
        key       TEXT    PRIMARY KEY,
        raised_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      INTEGER NOT NULL,
        action  TEXT    NOT NULL,
        subject TEXT    NOT NULL,
        detail  TEXT    NOT NULL
      ) STRICT;

      CREATE TABLE retractions (
        subject  TEXT    PRIMARY KEY,
        added_at INTEGER NOT NULL
      ) STRICT;

      -- Named leases between replicas (Discord shards, digest slots).
      CREATE TABLE leases (
        name        TEXT    PRIMARY KEY,
        owner       TEXT    NOT NULL,
        lease_until INTEGER NOT NULL
      ) STRICT;

      -- The plan hash each replica loaded; the newest row is the plan in force.
      CREATE TABLE plan_hashes (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        owner       TEXT    NOT NULL UNIQUE,
        hash        TEXT    NOT NULL,
        recorded_at INTEGER NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE posts (
        key          text        PRIMARY KEY,
        ${POST_PLACE.postgres}
        state        text        NOT NULL CHECK (state IN ${STATES}),
        regions      text[]      NOT NULL,
        request_keys text[]      NOT NULL,
        owner        text,
        lease_until  timestamptz,
        claimed_at   timestamptz,
        message_id   text,
        sent_at      timestamptz,
        attempts     integer     NOT NULL DEFAULT 0,
        last_error   text,
        retryable    boolean     NOT NULL DEFAULT false,
        ended_at     timestamptz,
        frozen_count integer
      );
      CREATE INDEX posts_by_week ON posts (week);
      CREATE INDEX posts_by_date ON posts (date);
      CREATE INDEX posts_by_message ON posts (platform, channel_id, message_id);

      CREATE TABLE reactions (
        post_key     text    NOT NULL REFERENCES posts (key) ON DELETE CASCADE,
        person_hash  text    NOT NULL,
        variant      text    NOT NULL,
        present      boolean NOT NULL,
        order_micros bigint  NOT NULL,
        PRIMARY KEY (post_key, person_hash, variant)
      );

      CREATE TABLE week_keys (
        week         date        PRIMARY KEY,
        key          bytea       CHECK (key IS NULL OR length(key) = 32),
        created_at   timestamptz NOT NULL,
        forgotten_at timestamptz
      );

      CREATE TABLE processed_events (
        event_id text        PRIMARY KEY,
        seen_at  timestamptz NOT NULL
      );
      CREATE INDEX processed_events_by_seen ON processed_events (seen_at);

      CREATE TABLE alerts (
        key       text        PRIMARY KEY,
        raised_at timestamptz NOT NULL
      );

      CREATE TABLE audit (
        id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at      timestamptz NOT NULL,
        action  text        NOT NULL,
        subject text        NOT NULL,
        detail  text        NOT NULL
      );

      CREATE TABLE retractions (
        subject  text        PRIMARY KEY,
        added_at timestamptz NOT NULL
      );

      CREATE TABLE leases (
        name        text        PRIMARY KEY,
        owner       text        NOT NULL,
        lease_until timestamptz NOT NULL
      );

      CREATE TABLE plan_hashes (
        id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        owner       text        NOT NULL UNIQUE,
        hash        text        NOT NULL,
        recorded_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 2,
    // Every 🙏 event writes its id; a second B-tree per write (the seen_at index) cost about a
    // fifth of the ingest rate. Pruning runs every 15 minutes over a table holding about an
    // hour of ids: a scan is cheap there.
    name: 'processed events without the seen_at index',
    sql: 'DROP INDEX IF EXISTS processed_events_by_seen;',
  },
  {
    version: 3,
    // SQLite de-duplicates an event by the id of the last event applied to its reaction row
    // (with newest-wins, a retry of any older event cannot change the row either): one B-tree
    // write per 🙏 instead of two, which is what group commit on one disk needs.
    name: 'reactions remember the id of the last event applied to them',
    sql: 'ALTER TABLE reactions ADD COLUMN last_event_id TEXT;',
  },
  {
    version: 4,
    // The coordinator page. Tokens and session ids are stored only as SHA-256 hashes, so a
    // copy of the database signs nobody in; any replica can redeem a link or read a session.
    // Saved weeks keep every version (restoring one saves it again as the newest).
    name: 'coordinator page: sign-in tokens, sessions, saved weeks, audit actor',
    sqlite: `
      CREATE TABLE sign_in_tokens (
        token_hash TEXT    PRIMARY KEY,
        actor      TEXT    NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER
      ) STRICT;
      CREATE INDEX sign_in_tokens_by_actor ON sign_in_tokens (actor, created_at);

      CREATE TABLE coordinator_sessions (
        session_hash     TEXT    PRIMARY KEY,
        actor            TEXT    NOT NULL,
        created_at       INTEGER NOT NULL,
        expires_at       INTEGER NOT NULL,
        staff_checked_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX coordinator_sessions_by_actor ON coordinator_sessions (actor);

      CREATE TABLE saved_weeks (
        week     TEXT    NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        version  INTEGER NOT NULL CHECK (version >= 1),
        yaml     TEXT    NOT NULL,
        actor    TEXT    NOT NULL,
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (week, version)
      ) STRICT;

      ALTER TABLE audit ADD COLUMN actor TEXT;
    `,
    postgres: `
      CREATE TABLE sign_in_tokens (
        token_hash text        PRIMARY KEY,
        actor      text        NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz
      );
      CREATE INDEX sign_in_tokens_by_actor ON sign_in_tokens (actor, created_at);

      CREATE TABLE coordinator_sessions (
        session_hash     text        PRIMARY KEY,
        actor            text        NOT NULL,
        created_at       timestamptz NOT NULL,
        expires_at       timestamptz NOT NULL,
        staff_checked_at timestamptz NOT NULL
      );
      CREATE INDEX coordinator_sessions_by_actor ON coordinator_sessions (actor);

      CREATE TABLE saved_weeks (
        week     date        NOT NULL,
        version  integer     NOT NULL CHECK (version >= 1),
        yaml     text        NOT NULL,
        actor    text        NOT NULL,
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (week, version)
      );

      ALTER TABLE audit ADD COLUMN actor text;
    `,
  },
  {
    version: 5,
    // Undo of a retraction clears the taken-down ledger entries so their days can be sent
    // again, but the people who prayed on them before still count: each entry's count moves
    // here (a count and where it was posted; never a hash or a message id), and the tally
    // adds these rows to the ledger's.
    name: 'counts of posts taken down by a retraction that was undone',
    sqlite: `
      CREATE TABLE retracted_counts (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        post_key     TEXT    NOT NULL,
        ${POST_PLACE.sqlite}
        regions      TEXT    NOT NULL CHECK (json_type(regions) = 'array'),
        request_keys TEXT    NOT NULL CHECK (json_type(request_keys) = 'array'),
        sent_at      INTEGER,
        ended_at     INTEGER,
        kept_at      INTEGER NOT NULL,
        count        INTEGER NOT NULL CHECK (count >= 0)
      ) STRICT;
      CREATE INDEX retracted_counts_by_week ON retracted_counts (week);
      CREATE INDEX retracted_counts_by_date ON retracted_counts (date);
    `,
    postgres: `
      CREATE TABLE retracted_counts (
        id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        post_key     text        NOT NULL,
        ${POST_PLACE.postgres}
        regions      text[]      NOT NULL,
        request_keys text[]      NOT NULL,
        sent_at      timestamptz,
        ended_at     timestamptz,
        kept_at      timestamptz NOT NULL,
        count        integer     NOT NULL CHECK (count >= 0)
      );
      CREATE INDEX retracted_counts_by_week ON retracted_counts (week);
      CREATE INDEX retracted_counts_by_date ON retracted_counts (date);
    `,
  },
];

/** The statement that creates the bookkeeping table, in either dialect. */
export const SCHEMA_MIGRATIONS_DDL: Record<Dialect, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL
  )`,
};

export function migrationSql(migration: Migration, dialect: Dialect): string {
  const sql = migration[dialect] ?? migration.sql;
  if (sql === undefined) throw new Error(`migration ${migration.version} has no SQL for ${dialect}`);
  return sql;
}

/**
 * The steps still to apply, in order, given the versions already recorded. Refuses a
 * database that a newer prayerbot migrated: this one would misread it.
 */
export function pendingMigrations(applied: readonly number[], where: string, all: readonly Migration[] = MIGRATIONS): Migration[] {
  const known = new Set(all.map((m) => m.version));
  const unknown = applied.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new StoreError(
      'schema_too_new',
      `${where}: the database has migration ${Math.max(...unknown)}, which this prayerbot does not know; ` +
        'it was upgraded by a newer version. Run that version (or restore a backup).',
    );
  }
  const done = new Set(applied);
  return [...all].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
}
