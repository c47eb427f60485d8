// The store for replicas: PostgreSQL through a `pg` Pool. Same semantics as SqliteStore (one
// contract suite runs against both). Claims cannot be won twice: a new ledger entry is an
// `INSERT … ON CONFLICT DO NOTHING`, a takeover reads the row `FOR UPDATE` inside a
// transaction, and named leases are one conditional upsert. Nothing relies on session state
// (no session-level advisory locks, no SET), so a PgBouncer in transaction mode in front is
// fine; migrations take a transaction-scoped advisory lock only.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { StoreError, redactUrl } from './errors.js';
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL, migrationSql, pendingMigrations, type Migration } from './migrations.js';
import { canTakeOver, leaseEnd } from '../core/post-claims.js';
import { DAY_MS, postFromRow, savedWeekFromRow, type PostRow, type RowReaders, type SavedWeekRow } from './rows.js';
import type {
  AuditEntry,
  ClaimOutcome,
  CoordinatorSession,
  PostClaim,
  PostRecord,
  PostState,
  PostTally,
  PressOutcome,
  ReactionChange,
  SavedWeek,
  SignInToken,
  SignInTokenState,
  Store,
} from '../core/store.js';
import { PRESS_VARIANT } from '../core/store.js';
import type { LocalDate, PlatformName } from '../core/types.js';

// Pool settings, chosen deliberately:
// - max 5 connections: the bot's store traffic is a group-committed reaction batch, a claim
//   now and then and housekeeping; 5 leaves room for several replicas under PostgreSQL's
//   default max_connections of 100.
// - connectionTimeoutMillis 5 s: a store that cannot connect fails fast and visibly, well
//   inside the 2-minute post lease, instead of queueing forever.
// - statement_timeout 15 s: no statement of ours runs longer (they touch a handful of rows
//   or one 256-row batch); a stuck one is cancelled so a sender still aborts inside its lease.
// - lock_timeout 10 s: a row lock held by a wedged replica turns into an error, not a hang.
// - idle_in_transaction_session_timeout 30 s: a crashed client cannot hold row locks.
// - idleTimeoutMillis 30 s: idle connections are returned to the server.
const POOL_SETTINGS = {
  max: 5,
  connectionTimeoutMillis: 5_000,
  statement_timeout: 15_000,
  lock_timeout: 10_000,
  idle_in_transaction_session_timeout: 30_000,
  idleTimeoutMillis: 30_000,
  application_name: 'prayerbot',
} satisfies pg.PoolConfig;

/**
 * The columns holding week keys and person hashes. ANALYZE (autovacuum runs it by itself)
 * copies sampled column values into pg_statistic, where they would outlive their rows — and an
 * ANALYZE of an emptied table leaves the old samples in place. The planner needs no statistics
 * on these columns, so they collect none (SET STATISTICS 0), and samples taken before are
 * dropped by restating the column's own type (no rewrite; PostgreSQL clears a column's
 * statistics when its type is set). Done after a forget, and only while still needed, since
 * the type change briefly locks the table.
 */
const HASH_COLUMNS = [
  { table: 'reactions', column: 'person_hash', type: 'text' },
  { table: 'week_keys', column: 'key', type: 'bytea' },
] as const;

/** One key for every prayerbot migration on a server (transaction-scoped: PgBouncer-safe). */
const MIGRATION_LOCK = `hashtext('prayerbot.schema_migrations')`;

const POST_COLUMNS = `key, platform, channel_id, to_char(date, 'YYYY-MM-DD') AS date, part,
  to_char(week, 'YYYY-MM-DD') AS week, state, regions, request_keys, owner, lease_until, claimed_at,
  message_id, sent_at, attempts, last_error, retryable, ended_at, frozen_count`;
// Byte order ("C") for text, as SQLite sorts, whatever the database's collation.
const POST_ORDER = 'ORDER BY date, platform COLLATE "C", channel_id COLLATE "C", part, key COLLATE "C"';
/** An earlier copy's count as the columns of a post (retracted_counts keeps no lease or message id). */
const EARLIER_COPY_COLUMNS = `post_key AS key, platform, channel_id, to_char(date, 'YYYY-MM-DD') AS date, part,
  to_char(week, 'YYYY-MM-DD') AS week, 'retracted'::text AS state, regions, request_keys, NULL::text AS owner,
  NULL::timestamptz AS lease_until, NULL::timestamptz AS claimed_at, NULL::text AS message_id, sent_at, 0 AS attempts,
  NULL::text AS last_error, false AS retryable, ended_at, count AS frozen_count`;

type PgPostRow = PostRow<Date, string[], boolean>;

// pg already returns timestamptz as Date, text[] as string[] and boolean as boolean.
const PG_READERS: RowReaders<Date, string[], boolean> = { time: (value) => value, list: (value) => value, flag: (value) => value };
const toPost = (row: PgPostRow): PostRecord => postFromRow(row, PG_READERS);

const SAVED_WEEK_COLUMNS = `to_char(week, 'YYYY-MM-DD') AS week, version, yaml, actor, saved_at`;

const toSavedWeek = (row: SavedWeekRow<Date>): SavedWeek => savedWeekFromRow(row, (value) => value);

export interface PostgresStoreOptions {
  /** Keep the tables in this schema (created when absent) instead of the default search_path. */
  schema?: string;
  /** Overrides of the pool settings above (tests). */
  pool?: Partial<pg.PoolConfig>;
  /** Migration history to apply (tests only); defaults to the real one. */
  migrations?: readonly Migration[];
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private closed = false;

  /** Connects, creates the schema if asked, and migrates. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new StoreError('bad_schema', `PostgreSQL schema name "${schema}" must be lower-case letters, digits and _ (at most 63)`);
    }
    const pool = new pg.Pool({
      connectionString: url,
      ...POOL_SETTINGS,
      ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
      ...options.pool,
    });
    // An idle connection that breaks (server restart) must not crash the process; the next
    // query gets a fresh connection or a visible error.
    pool.on('error', () => {});
    const store = new PostgresStore(pool);
    try {
      await store.transaction((c) => migrate(c, redactUrl(url), schema, options.migrations ?? MIGRATIONS));
    } catch (err) {
      await pool.end();
      if (err instanceof StoreError) throw err;
      throw new StoreError('unavailable', `cannot open PostgreSQL database ${redactUrl(url)}: ${(err as Error).message}`);
    }
    return store;
  }

  private constructor(private readonly pool: pg.Pool) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  // --- post ledger -------------------------------------------------------------------

  async claimPost(claim: PostClaim, owner: string, now: Date, leaseMs: number): Promise<ClaimOutcome> {
    const until = leaseEnd(now, leaseMs);
    return this.transaction(async (c) => {
      // A concurrent deletePost can remove the row between the insert and the read: loop.
      for (;;) {
        const inserted = await c.query(
          `INSERT INTO posts (key, platform, channel_id, date, part, week, state, regions, request_keys,
             owner, lease_until, claimed_at, attempts)
           VALUES ($1, $2, $3, $4, $5, $6, 'claimed', $7, $8, $9, $10, $11, 1)
           ON CONFLICT (key) DO NOTHING RETURNING key`,
          [claim.key, claim.platform, claim.channelId, claim.date, claim.part, claim.week, claim.regions, claim.requestKeys, owner, until, now],
        );
        if (inserted.rowCount === 1) return { won: true };

        const current = await c.query<PgPostRow>(`SELECT ${POST_COLUMNS} FROM posts WHERE key = $1 FOR UPDATE`, [claim.key]);
        const row = current.rows[0];
        if (row === undefined) continue;
        const previous = toPost(row);
        if (!canTakeOver(previous, now)) return { won: false, record: previous };
        await c.query(
          `UPDATE posts SET state = 'claimed', owner = $2, lease_until = $3, claimed_at = $4,
             attempts = attempts + 1, retryable = false, regions = $5, request_keys = $6
           WHERE key = $1`,
          [claim.key, owner, until, now, claim.regions, claim.requestKeys],
        );
        return { won: true, previous };
      }
    });
  }

  async renewLease(key: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.pool.query(`UPDATE posts SET lease_until = $3 WHERE key = $1 AND state = 'claimed' AND owner = $2`, [
      key,
      owner,
      leaseEnd(now, leaseMs),
    ]);
    return result.rowCount === 1;
  }

  async markSent(key: string, owner: string, messageId: string, now: Date): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE posts SET state = 'sent', message_id = $3, sent_at = $4, owner = NULL, lease_until = NULL, retryable = false
       WHERE key = $1 AND state = 'claimed' AND owner = $2`,
      [key, owner, messageId, now],
    );
    return result.rowCount === 1;
  }

  async markFailed(key: string, owner: string, error: string, retryable: boolean, _now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE posts SET state = 'failed', last_error = $3, retryable = $4, owner = NULL, lease_until = NULL
       WHERE key = $1 AND state = 'claimed' AND owner = $2`,
      [key, owner, error, retryable],
    );
  }

  async markSkipped(claim: PostClaim, reason: string, _now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO posts (key, platform, channel_id, date, part, week, state, regions, request_keys, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, 'skipped', $7, $8, $9)
       ON CONFLICT (key) DO NOTHING`,
      [claim.key, claim.platform, claim.channelId, claim.date, claim.part, claim.week, claim.regions, claim.requestKeys, reason],
    );
  }

  async getPost(key: string): Promise<PostRecord | undefined> {
    const result = await this.pool.query<PgPostRow>(`SELECT ${POST_COLUMNS} FROM posts WHERE key = $1`, [key]);
    const row = result.rows[0];
    return row && toPost(row);
  }

  async findPostByMessage(platform: PlatformName, channelId: string, messageId: string): Promise<PostRecord | undefined> {
    const result = await this.pool.query<PgPostRow>(
      `SELECT ${POST_COLUMNS} FROM posts WHERE platform = $1 AND channel_id = $2 AND message_id = $3 ${POST_ORDER} LIMIT 1`,
      [platform, channelId, messageId],
    );
    const row = result.rows[0];
    return row && toPost(row);
  }

  async listPosts(filter: { states?: PostState[]; week?: LocalDate; date?: LocalDate; platform?: PlatformName }): Promise<PostRecord[]> {
    const result = await this.pool.query<PgPostRow>(
      `SELECT ${POST_COLUMNS} FROM posts
       WHERE ($1::text[] IS NULL OR state = ANY ($1::text[]))
         AND ($2::date IS NULL OR week = $2::date)
         AND ($3::date IS NULL OR date = $3::date)
         AND ($4::text IS NULL OR platform = $4::text)
       ${POST_ORDER}`,
      [filter.states ?? null, filter.week ?? null, filter.date ?? null, filter.platform ?? null],
    );
    return result.rows.map(toPost);
  }

  async updatePostContent(key: string, requestKeys: string[], regions: string[]): Promise<void> {
    await this.pool.query('UPDATE posts SET request_keys = $2, regions = $3 WHERE key = $1', [key, requestKeys, regions]);
  }

  async endPost(key: string, state: 'retired' | 'retracted', now: Date): Promise<void> {
    await this.pool.query('UPDATE posts SET state = $2, ended_at = $3, owner = NULL, lease_until = NULL WHERE key = $1', [key, state, now]);
  }

  async deletePost(key: string): Promise<void> {
    // Its reactions go with it (ON DELETE CASCADE).
    await this.pool.query('DELETE FROM posts WHERE key = $1', [key]);
  }

  async keepRetractedCount(key: string, now: Date): Promise<boolean> {
    return this.transaction(async (c) => {
      // The row lock keeps a concurrent forgetWeek or keep from counting it twice.
      const locked = await c.query(`SELECT 1 FROM posts WHERE key = $1 AND state = 'retracted' FOR UPDATE`, [key]);
      if (locked.rowCount !== 1) return false;
      await c.query(
        `INSERT INTO retracted_counts (post_key, platform, channel_id, date, part, week, regions, request_keys, sent_at, ended_at, kept_at, count)
         SELECT key, platform, channel_id, date, part, week, regions, request_keys, sent_at, ended_at, $2,
           coalesce(frozen_count,
             (SELECT count(DISTINCT r.person_hash) FROM reactions r WHERE r.post_key = posts.key AND r.present))
         FROM posts WHERE key = $1`,
        [key, now],
      );
      // Its hashes go with it (ON DELETE CASCADE).
      await c.query('DELETE FROM posts WHERE key = $1', [key]);
      return true;
    });
  }

  // --- reactions -----------------------------------------------------------------------

  async weekKey(week: LocalDate, now: Date): Promise<Buffer | undefined> {
    const read = async () => (await this.pool.query<{ key: Buffer | null }>('SELECT key FROM week_keys WHERE week = $1', [week])).rows[0];
    let row = await read();
    if (row === undefined) {
      // Whoever inserts first wins (a concurrent inserter waits for the winner's commit);
      // the read after it is a new snapshot, so everyone gets the winner's key.
      await this.pool.query('INSERT INTO week_keys (week, key, created_at) VALUES ($1, $2, $3) ON CONFLICT (week) DO NOTHING', [
        week,
        randomBytes(32),
        now,
      ]);
      row = await read();
    }
    return row?.key ?? undefined;
  }

  async applyReactions(changes: ReactionChange[]): Promise<void> {
    if (changes.length === 0) return;
    // One statement, hence one transaction and one round trip for the whole batch. It does
    // what applying the changes one by one would: the first occurrence of a new event id
    // counts, later ones and known ones do not; per (post, person, variant) only the newest
    // change can win (the first of equal ones), and only over an older stored one. Posts are
    // read FOR SHARE so a concurrent forgetWeek cannot be passed by hashes it did not see.
    await this.pool.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::bigint[], $6::text[])
           WITH ORDINALITY AS t (post_key, person_hash, variant, present, order_micros, event_id, ord)
       ),
       firsts AS (
         SELECT DISTINCT ON (event_id) event_id, ord, order_micros FROM input
         WHERE event_id IS NOT NULL ORDER BY event_id, ord
       ),
       fresh AS (
         INSERT INTO processed_events (event_id, seen_at)
         SELECT event_id, to_timestamp(order_micros::float8 / 1000000) FROM firsts ORDER BY event_id
         ON CONFLICT (event_id) DO NOTHING
         RETURNING event_id
       ),
       live AS (
         SELECT key FROM posts
         WHERE key IN (SELECT post_key FROM input) AND frozen_count IS NULL
         ORDER BY key FOR SHARE
       ),
       accepted AS (
         SELECT DISTINCT ON (i.post_key, i.person_hash, i.variant) i.post_key, i.person_hash, i.variant, i.present, i.order_micros
         FROM input i JOIN live ON live.key = i.post_key
         WHERE i.event_id IS NULL OR i.ord IN (SELECT f.ord FROM firsts f JOIN fresh USING (event_id))
         ORDER BY i.post_key, i.person_hash, i.variant, i.order_micros DESC, i.ord
       )
       INSERT INTO reactions (post_key, person_hash, variant, present, order_micros)
       SELECT post_key, person_hash, variant, present, order_micros FROM accepted
       ON CONFLICT (post_key, person_hash, variant) DO UPDATE
         SET present = EXCLUDED.present, order_micros = EXCLUDED.order_micros
         WHERE reactions.order_micros < EXCLUDED.order_micros`,
      [
        changes.map((c) => c.postKey),
        changes.map((c) => c.personHash),
        changes.map((c) => c.variant),
        changes.map((c) => c.present),
        changes.map((c) => String(Math.round(c.orderMicros))),
        changes.map((c) => c.eventId ?? null),
      ],
    );
  }

  async replaceReactions(postKey: string, holders: Array<{ personHash: string; variant: string }>, orderMicros: number): Promise<void> {
    const order = String(Math.round(orderMicros));
    // Presses are not reactions: the platform cannot list them, so the snapshot leaves them be.
    const reactions = holders.filter((h) => h.variant !== PRESS_VARIANT);
    const hashes = reactions.map((h) => h.personHash);
    const variants = reactions.map((h) => h.variant);
    await this.transaction(async (c) => {
      const live = await c.query('SELECT 1 FROM posts WHERE key = $1 AND frozen_count IS NULL FOR SHARE', [postKey]);
      if (live.rowCount !== 1) return;
      // Everyone stored but not in the snapshot: absent as of the snapshot, unless newer.
      await c.query(
        `UPDATE reactions SET present = false, order_micros = $2
         WHERE post_key = $1 AND order_micros < $2 AND variant <> $5
           AND (person_hash, variant) NOT IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
        [postKey, order, hashes, variants, PRESS_VARIANT],
      );
      await c.query(
        `INSERT INTO reactions (post_key, person_hash, variant, present, order_micros)
         SELECT DISTINCT $1::text, h, v, true, $2::bigint FROM unnest($3::text[], $4::text[]) AS t (h, v)
         ON CONFLICT (post_key, person_hash, variant) DO UPDATE
           SET present = true, order_micros = EXCLUDED.order_micros
           WHERE reactions.order_micros < EXCLUDED.order_micros`,
        [postKey, order, hashes, variants],
      );
    });
  }

  async togglePress(postKey: string, personHash: string, orderMicros: number): Promise<PressOutcome | undefined> {
    return this.transaction(async (c) => {
      // FOR SHARE: neither a retirement nor a forgetWeek can pass this press unseen.
      const live = await c.query(`SELECT 1 FROM posts WHERE key = $1 AND state = 'sent' AND frozen_count IS NULL FOR SHARE`, [postKey]);
      if (live.rowCount !== 1) return undefined;
      // One statement flips the row (locking it), so two presses can never both read "absent".
      const flipped = await c.query<{ present: boolean }>(
        `INSERT INTO reactions (post_key, person_hash, variant, present, order_micros) VALUES ($1, $2, $3, true, $4)
         ON CONFLICT (post_key, person_hash, variant) DO UPDATE
           SET present = NOT reactions.present, order_micros = greatest(EXCLUDED.order_micros, reactions.order_micros + 1)
         RETURNING present`,
        [postKey, personHash, PRESS_VARIANT, String(Math.round(orderMicros))],
      );
      const other = await c.query(
        'SELECT 1 FROM reactions WHERE post_key = $1 AND person_hash = $2 AND variant <> $3 AND present LIMIT 1',
        [postKey, personHash, PRESS_VARIANT],
      );
      return { pressed: flipped.rows[0]!.present, holdsReaction: other.rowCount === 1 };
    });
  }

  async tally(filter: { week?: LocalDate; from?: LocalDate; to?: LocalDate }): Promise<PostTally[]> {
    const where = `($1::date IS NULL OR week = $1::date) AND ($2::date IS NULL OR date >= $2::date) AND ($3::date IS NULL OR date <= $3::date)`;
    // A day's earlier copies (current_entry = 0, in the order they were kept) come before its
    // current ledger entry.
    const result = await this.pool.query<PgPostRow & { count: string; current_entry: number }>(
      `SELECT * FROM (
         SELECT ${POST_COLUMNS},
           coalesce(frozen_count,
             (SELECT count(DISTINCT r.person_hash) FROM reactions r WHERE r.post_key = posts.key AND r.present)) AS count,
           1 AS current_entry, 0::bigint AS copy_id
         FROM posts WHERE ${where}
         UNION ALL
         SELECT ${EARLIER_COPY_COLUMNS}, count, 0 AS current_entry, id AS copy_id
         FROM retracted_counts WHERE ${where}
       ) AS tallied
       ${POST_ORDER}, current_entry, copy_id`,
      [filter.week ?? null, filter.from ?? null, filter.to ?? null],
    );
    return result.rows.map((row) => ({ post: toPost(row), count: Number(row.count), ...(row.current_entry === 0 ? { earlierCopy: true as const } : {}) }));
  }

  async forgetWeek(week: LocalDate, now: Date): Promise<void> {
    await this.transaction(async (c) => {
      // Lock the week's posts first (in key order, as applyReactions does) so no batch can
      // add a hash between the count and the delete.
      await c.query('SELECT key FROM posts WHERE week = $1 ORDER BY key FOR UPDATE', [week]);
      await c.query(
        `UPDATE posts SET frozen_count =
           (SELECT count(DISTINCT r.person_hash) FROM reactions r WHERE r.post_key = posts.key AND r.present)
         WHERE week = $1 AND frozen_count IS NULL`,
        [week],
      );
      await c.query('DELETE FROM reactions WHERE post_key IN (SELECT key FROM posts WHERE week = $1)', [week]);
      await c.query(
        `INSERT INTO week_keys (week, key, created_at, forgotten_at) VALUES ($1, NULL, $2, $2)
         ON CONFLICT (week) DO UPDATE SET key = NULL, forgotten_at = coalesce(week_keys.forgotten_at, EXCLUDED.forgotten_at)`,
        [week, now],
      );
    });
    await this.wipeForgotten(week);
  }

  async reopenWeek(week: LocalDate, now: Date): Promise<boolean> {
    // Only a tombstone (key NULL) is re-opened: a week with a key keeps it.
    const result = await this.pool.query('UPDATE week_keys SET key = $2, created_at = $3, forgotten_at = NULL WHERE week = $1 AND key IS NULL', [
      week,
      randomBytes(32),
      now,
    ]);
    return result.rowCount === 1;
  }

  async weeksWithKeys(): Promise<LocalDate[]> {
    const result = await this.pool.query<{ week: string }>(
      `SELECT to_char(week, 'YYYY-MM-DD') AS week FROM week_keys WHERE key IS NOT NULL ORDER BY week_keys.week`,
    );
    return result.rows.map((r) => r.week);
  }

  // --- housekeeping ----------------------------------------------------------------------

  async pruneEvents(before: Date): Promise<void> {
    await this.pool.query('DELETE FROM processed_events WHERE seen_at < $1', [before]);
  }

  async alertOnce(key: string, now: Date): Promise<boolean> {
    const result = await this.pool.query('INSERT INTO alerts (key, raised_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, now]);
    return result.rowCount === 1;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.pool.query('INSERT INTO audit (at, action, subject, detail, actor) VALUES ($1, $2, $3, $4, $5)', [
      entry.at,
      entry.action,
      entry.subject,
      entry.detail,
      entry.actor ?? null,
    ]);
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const result = await this.pool.query<Omit<AuditEntry, 'actor'> & { actor: string | null }>(
      'SELECT at, action, subject, detail, actor FROM audit ORDER BY at DESC, id DESC LIMIT $1',
      [Math.max(0, Math.floor(limit))],
    );
    return result.rows.map((r) => ({ at: r.at, action: r.action, subject: r.subject, detail: r.detail, ...(r.actor !== null ? { actor: r.actor } : {}) }));
  }

  // --- retractions -----------------------------------------------------------------------

  async addRetraction(subject: string, now: Date): Promise<void> {
    await this.pool.query('INSERT INTO retractions (subject, added_at) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING', [subject, now]);
  }

  async removeRetraction(subject: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM retractions WHERE subject = $1', [subject]);
    return result.rowCount === 1;
  }

  async retractions(): Promise<string[]> {
    const result = await this.pool.query<{ subject: string }>('SELECT subject FROM retractions ORDER BY subject COLLATE "C"');
    return result.rows.map((r) => r.subject);
  }

  // --- coordination between replicas -------------------------------------------------------

  async acquireLease(name: string, owner: string, now: Date, ms: number): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO leases (name, owner, lease_until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
         WHERE leases.owner = EXCLUDED.owner OR leases.lease_until <= $4
       RETURNING name`,
      [name, owner, leaseEnd(now, ms), now],
    );
    return result.rowCount === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.pool.query('DELETE FROM leases WHERE name = $1 AND owner = $2', [name, owner]);
  }

  async recordPlanHash(owner: string, hash: string, now: Date): Promise<void> {
    // Delete and insert so the row's id says which recording came last.
    await this.transaction(async (c) => {
      await c.query('DELETE FROM plan_hashes WHERE owner = $1', [owner]);
      await c.query('INSERT INTO plan_hashes (owner, hash, recorded_at) VALUES ($1, $2, $3)', [owner, hash, now]);
    });
  }

  async newestPlanHash(): Promise<string | undefined> {
    const result = await this.pool.query<{ hash: string }>('SELECT hash FROM plan_hashes ORDER BY recorded_at DESC, id DESC LIMIT 1');
    return result.rows[0]?.hash;
  }

  // --- coordinator page ------------------------------------------------------------------

  async addSignInToken(token: SignInToken): Promise<void> {
    await this.transaction(async (c) => {
      // Long-expired tokens say nothing any more (a day keeps "expired" answerable).
      await c.query('DELETE FROM sign_in_tokens WHERE expires_at < $1', [new Date(token.createdAt.getTime() - DAY_MS)]);
      await c.query('INSERT INTO sign_in_tokens (token_hash, actor, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        token.tokenHash,
        token.actor,
        token.createdAt,
        token.expiresAt,
      ]);
    });
  }

  async signInTokenState(tokenHash: string, now: Date): Promise<SignInTokenState> {
    const result = await this.pool.query<{ expires_at: Date; used_at: Date | null }>(
      'SELECT expires_at, used_at FROM sign_in_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    const row = result.rows[0];
    if (row === undefined) return 'unknown';
    if (row.used_at !== null) return 'used';
    return row.expires_at.getTime() > now.getTime() ? 'valid' : 'expired';
  }

  async redeemSignInToken(tokenHash: string, now: Date): Promise<string | undefined> {
    // A concurrent redeemer waits on the row lock, then re-checks used_at on the committed
    // row and finds it set: exactly one UPDATE returns the actor.
    const result = await this.pool.query<{ actor: string }>(
      'UPDATE sign_in_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING actor',
      [tokenHash, now],
    );
    return result.rows[0]?.actor;
  }

  async countSignInTokens(actor: string, since: Date): Promise<number> {
    const result = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM sign_in_tokens WHERE actor = $1 AND created_at >= $2', [actor, since]);
    return Number(result.rows[0]?.n ?? 0);
  }

  async addSession(session: CoordinatorSession): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('DELETE FROM coordinator_sessions WHERE expires_at <= $1', [session.createdAt]);
      await c.query(
        'INSERT INTO coordinator_sessions (session_hash, actor, created_at, expires_at, staff_checked_at) VALUES ($1, $2, $3, $4, $5)',
        [session.sessionHash, session.actor, session.createdAt, session.expiresAt, session.staffCheckedAt],
      );
    });
  }

  async getSession(sessionHash: string, now: Date): Promise<CoordinatorSession | undefined> {
    const result = await this.pool.query<{ session_hash: string; actor: string; created_at: Date; expires_at: Date; staff_checked_at: Date }>(
      'SELECT session_hash, actor, created_at, expires_at, staff_checked_at FROM coordinator_sessions WHERE session_hash = $1 AND expires_at > $2',
      [sessionHash, now],
    );
    const row = result.rows[0];
    if (row === undefined) return undefined;
    return { sessionHash: row.session_hash, actor: row.actor, createdAt: row.created_at, expiresAt: row.expires_at, staffCheckedAt: row.staff_checked_at };
  }

  async markSessionStaffChecked(sessionHash: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE coordinator_sessions SET staff_checked_at = $2 WHERE session_hash = $1', [sessionHash, at]);
  }

  async endSession(sessionHash: string): Promise<void> {
    await this.pool.query('DELETE FROM coordinator_sessions WHERE session_hash = $1', [sessionHash]);
  }

  async endSessionsOf(actor: string): Promise<void> {
    await this.pool.query('DELETE FROM coordinator_sessions WHERE actor = $1', [actor]);
  }

  async saveWeek(week: LocalDate, yaml: string, actor: string, now: Date): Promise<SavedWeek> {
    return this.transaction(async (c) => {
      // Saves of one week queue on a transaction-scoped lock, so each takes the next version.
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('prayerbot.saved_weeks:' || $1::text))`, [week]);
      const result = await c.query<SavedWeekRow<Date>>(
        `INSERT INTO saved_weeks (week, version, yaml, actor, saved_at)
         SELECT $1::date, coalesce(max(version), 0) + 1, $2, $3, $4 FROM saved_weeks WHERE week = $1::date
         RETURNING ${SAVED_WEEK_COLUMNS}`,
        [week, yaml, actor, now],
      );
      return toSavedWeek(result.rows[0]!);
    });
  }

  async savedWeeks(): Promise<SavedWeek[]> {
    const result = await this.pool.query<SavedWeekRow<Date>>(
      `SELECT DISTINCT ON (saved_weeks.week) ${SAVED_WEEK_COLUMNS} FROM saved_weeks ORDER BY saved_weeks.week, version DESC`,
    );
    return result.rows.map(toSavedWeek);
  }

  async weekVersions(week: LocalDate): Promise<SavedWeek[]> {
    const result = await this.pool.query<SavedWeekRow<Date>>(`SELECT ${SAVED_WEEK_COLUMNS} FROM saved_weeks WHERE week = $1::date ORDER BY version DESC`, [week]);
    return result.rows.map(toSavedWeek);
  }

  async savedWeeksStamp(): Promise<string> {
    const result = await this.pool.query<{ n: string; newest: Date | null }>('SELECT count(*) AS n, max(saved_at) AS newest FROM saved_weeks');
    const row = result.rows[0];
    return !row || row.newest === null ? '' : `${row.n}:${row.newest.getTime()}`;
  }

  // --- helpers ---------------------------------------------------------------------------

  /**
   * After a forget, outside its transaction (VACUUM cannot run in a transaction block): each
   * statement on its own. The planner's samples of the key and hash columns go (see
   * HASH_COLUMNS), then VACUUM removes the deleted row versions from the tables and their
   * index entries (INDEX_CLEANUP ON: by default PostgreSQL may skip the indexes when few pages
   * changed). What PostgreSQL copied elsewhere — WAL, archives, standbys, backups, free disk
   * blocks — is out of reach (docs/replicas.md says so). Any failure: `wipe_incomplete`.
   */
  private async wipeForgotten(week: LocalDate): Promise<void> {
    try {
      for (const column of HASH_COLUMNS) {
        const { rows } = await this.pool.query<{ target: number; sampled: boolean }>(
          `SELECT a.attstattarget AS target,
             EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname) AS sampled
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE a.attrelid = $1::regclass AND a.attname = $2`,
          [column.table, column.column],
        );
        const changes = [
          ...(rows[0]?.target !== 0 ? [`ALTER COLUMN ${column.column} SET STATISTICS 0`] : []),
          ...(rows[0]?.sampled ? [`ALTER COLUMN ${column.column} TYPE ${column.type}`] : []),
        ];
        if (changes.length > 0) await this.pool.query(`ALTER TABLE ${column.table} ${changes.join(', ')}`);
      }
      for (const table of new Set(HASH_COLUMNS.map((c) => c.table))) await this.vacuum(table);
    } catch (err) {
      throw new StoreError(
        'wipe_incomplete',
        `old copies of week ${week}'s key and reactor hashes may remain in the PostgreSQL database (deleted row versions or ` +
          `planner samples) until autovacuum or the next forget clears them: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  /** VACUUM reports a table it skipped (not its owner, say) as a warning, not an error: those count too. */
  private async vacuum(table: string): Promise<void> {
    const client = await this.pool.connect();
    const warnings: string[] = [];
    const onNotice = (notice: { code?: string | undefined; message?: string | undefined }) => {
      if (notice.code !== undefined && !notice.code.startsWith('00')) warnings.push(`${notice.code} ${notice.message ?? ''}`);
    };
    client.on('notice', onNotice);
    try {
      await client.query(`VACUUM (INDEX_CLEANUP ON) ${table}`);
    } finally {
      client.off('notice', onNotice);
      client.release();
    }
    if (warnings.length > 0) throw new Error(`VACUUM ${table}: ${warnings.join('; ')}`);
  }

  /** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
  private async transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError as Error; // the connection is unusable: do not pool it
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }
}

async function migrate(c: Queryable, where: string, schema: string | undefined, all: readonly Migration[]): Promise<void> {
  await c.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  if (schema !== undefined) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await c.query(SCHEMA_MIGRATIONS_DDL.postgres);
  const applied = (await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
  for (const step of pendingMigrations(applied, where, all)) {
    await c.query(migrationSql(step, 'postgres'));
    await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [step.version, step.name]);
  }
}
