// The default store: one SQLite file through better-sqlite3 (synchronous; every method runs
// to completion before it yields, so one process never interleaves two transactions).
// Durable: WAL with `synchronous = FULL`, so a transaction is on disk when its method
// resolves. Between processes sharing the file, every read-then-write runs under
// `BEGIN IMMEDIATE` (the write lock is taken first, so no other writer can slip between the
// read and the write), and single-statement claims are conditional upserts checked by their
// change count.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';
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

type SqlitePostRow = PostRow<number, string, number>;

// SQLite keeps times as epoch ms, lists as JSON text and flags as 0/1.
const SQLITE_READERS: RowReaders<number, string, number> = {
  time: (ms) => new Date(ms),
  list: (json) => JSON.parse(json) as string[],
  flag: (bit) => bit === 1,
};
const toPost = (row: SqlitePostRow): PostRecord => postFromRow(row, SQLITE_READERS);

const POST_COLUMNS = `key, platform, channel_id, date, part, week, state, regions, request_keys, owner,
  lease_until, claimed_at, message_id, sent_at, attempts, last_error, retryable, ended_at, frozen_count`;
const POST_ORDER = 'ORDER BY date, platform, channel_id, part, key';
/** An earlier copy's count as the columns of a post (retracted_counts keeps no lease or message id). */
const EARLIER_COPY_COLUMNS = `post_key AS key, platform, channel_id, date, part, week, 'retracted' AS state, regions, request_keys,
  NULL AS owner, NULL AS lease_until, NULL AS claimed_at, NULL AS message_id, sent_at, 0 AS attempts, NULL AS last_error,
  0 AS retryable, ended_at, count AS frozen_count`;

interface SessionRow {
  session_hash: string;
  actor: string;
  created_at: number;
  expires_at: number;
  staff_checked_at: number;
}

const SAVED_WEEK_COLUMNS = 'week, version, yaml, actor, saved_at';

const toSavedWeek = (row: SavedWeekRow<number>): SavedWeek => savedWeekFromRow(row, (ms) => new Date(ms));

/** How long a statement waits for another process's write lock before failing (ms). */
const BUSY_TIMEOUT_MS = 5_000;
/** How long forgetWeek keeps trying to empty the WAL while other connections read (ms). */
const WIPE_DEADLINE_MS = 30_000;
/** Busy wait of one checkpoint attempt: short, since better-sqlite3 holds the event loop meanwhile. */
const WIPE_ATTEMPT_BUSY_MS = 100;

export interface SqliteStoreOptions {
  /** Migration history to apply (tests only); defaults to the real one. */
  migrations?: readonly Migration[];
  /** How long forgetWeek retries the WAL checkpoint (tests only); defaults to 30 s. */
  wipeDeadlineMs?: number;
}

function byRowKey(a: ReactionChange, b: ReactionChange): number {
  if (a.postKey !== b.postKey) return a.postKey < b.postKey ? -1 : 1;
  if (a.personHash !== b.personHash) return a.personHash < b.personHash ? -1 : 1;
  return a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private closed = false;
  private readonly statements = new Map<string, Database.Statement>();

  // Statements of the hot paths, prepared once.
  private readonly upsertReaction: Database.Statement;
  private readonly applyBatch: Database.Transaction<(changes: ReactionChange[]) => void>;
  private readonly selectPost: Database.Statement;
  private readonly selectLivePost: Database.Statement;

  /** Opens (creating when absent) the file at `path`, or `:memory:`, and migrates it. */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    let db: Database.Database;
    try {
      db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    } catch (err) {
      throw new StoreError('unavailable', `cannot open SQLite database ${path}: ${(err as Error).message}`);
    }
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Checkpoint every ~40 MB of WAL instead of SQLite's 4 MB: reaction batches touch
      // scattered pages (person hashes are random), and at 4 MB the checkpoint — copying those
      // pages back and syncing the file — cost more than the commits themselves (npm run bench,
      // reaction_ingest_per_s). Each commit is still synced before it resolves.
      db.pragma('wal_autocheckpoint = 10000');
      db.pragma('foreign_keys = ON');
      // Deleted means deleted: every connection the store opens (bot, CLI, page) overwrites
      // deleted content and freed pages with zeros, so a forgotten week's key and hashes leave
      // the pages themselves; forgetWeek then checkpoints the WAL and truncates it, which takes
      // the old page images out of the -wal file (see wipeWal). ON, not FAST: FAST leaves old
      // content on freelist pages.
      // Nothing here runs ANALYZE or `PRAGMA optimize`: this SQLite is built with STAT4, whose
      // sqlite_stat4 table keeps sampled index keys — person hashes included — beyond the rows
      // they came from. Keep it that way (forgetWeek also drops any such samples).
      db.pragma('secure_delete = ON');
      migrate(db, path, options.migrations ?? MIGRATIONS);
      return new SqliteStore(db, path, options.wipeDeadlineMs ?? WIPE_DEADLINE_MS);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private constructor(
    db: Database.Database,
    private readonly path: string,
    private readonly wipeDeadlineMs: number,
  ) {
    this.db = db;
    // Newest wins, and a change carrying the id of the event last applied to the row is a
    // redelivery of it: ignored. (A redelivery of an older event loses on order anyway.)
    // Callers check first that the post exists and its week is not forgotten.
    this.upsertReaction = db.prepare(`
      INSERT INTO reactions (post_key, person_hash, variant, present, order_micros, last_event_id) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (post_key, person_hash, variant) DO UPDATE
        SET present = excluded.present, order_micros = excluded.order_micros, last_event_id = excluded.last_event_id
        WHERE excluded.order_micros > reactions.order_micros
          AND (excluded.last_event_id IS NULL OR reactions.last_event_id IS NULL OR excluded.last_event_id <> reactions.last_event_id)`);
    this.selectLivePost = db.prepare('SELECT 1 FROM posts WHERE key = ? AND frozen_count IS NULL');
    this.selectPost = db.prepare(`SELECT ${POST_COLUMNS} FROM posts WHERE key = ?`);
    // One batch of reaction changes, one transaction; built once (it runs for every batch).
    this.applyBatch = db.transaction((changes: ReactionChange[]) => {
      const live = new Map<string, boolean>(); // post key → takes hashes, read once per batch
      const upsert = this.upsertReaction;
      for (const change of changes) {
        let takes = live.get(change.postKey);
        if (takes === undefined) {
          takes = this.selectLivePost.get(change.postKey) !== undefined;
          live.set(change.postKey, takes);
        }
        if (!takes) continue;
        upsert.run(change.postKey, change.personHash, change.variant, change.present ? 1 : 0, Math.round(change.orderMicros), change.eventId ?? null);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // --- post ledger -------------------------------------------------------------------

  async claimPost(claim: PostClaim, owner: string, now: Date, leaseMs: number): Promise<ClaimOutcome> {
    const until = leaseEnd(now, leaseMs).getTime();
    const run = this.db.transaction((): ClaimOutcome => {
      const inserted = this
        .sql(
          `INSERT INTO posts (key, platform, channel_id, date, part, week, state, regions, request_keys,
             owner, lease_until, claimed_at, attempts)
           VALUES (@key, @platform, @channelId, @date, @part, @week, 'claimed', @regions, @requestKeys,
             @owner, @until, @now, 1)
           ON CONFLICT (key) DO NOTHING`,
        )
        .run({ ...this.claimParams(claim), owner, until, now: now.getTime() });
      if (inserted.changes === 1) return { won: true };

      const previous = this.post(claim.key)!;
      if (!canTakeOver(previous, now)) return { won: false, record: previous };
      this
        .sql(
          `UPDATE posts SET state = 'claimed', owner = @owner, lease_until = @until, claimed_at = @now,
             attempts = attempts + 1, retryable = 0, regions = @regions, request_keys = @requestKeys
           WHERE key = @key`,
        )
        .run({ key: claim.key, owner, until, now: now.getTime(), regions: JSON.stringify(claim.regions), requestKeys: JSON.stringify(claim.requestKeys) });
      return { won: true, previous };
    });
    return run.immediate();
  }

  async renewLease(key: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const result = this
      .sql(`UPDATE posts SET lease_until = ? WHERE key = ? AND state = 'claimed' AND owner = ?`)
      .run(leaseEnd(now, leaseMs).getTime(), key, owner);
    return result.changes === 1;
  }

  async markSent(key: string, owner: string, messageId: string, now: Date): Promise<boolean> {
    const result = this
      .sql(
        `UPDATE posts SET state = 'sent', message_id = ?, sent_at = ?, owner = NULL, lease_until = NULL, retryable = 0
         WHERE key = ? AND state = 'claimed' AND owner = ?`,
      )
      .run(messageId, now.getTime(), key, owner);
    return result.changes === 1;
  }

  async markFailed(key: string, owner: string, error: string, retryable: boolean, _now: Date): Promise<void> {
    this
      .sql(
        `UPDATE posts SET state = 'failed', last_error = ?, retryable = ?, owner = NULL, lease_until = NULL
         WHERE key = ? AND state = 'claimed' AND owner = ?`,
      )
      .run(error, retryable ? 1 : 0, key, owner);
  }

  async markSkipped(claim: PostClaim, reason: string, _now: Date): Promise<void> {
    this
      .sql(
        `INSERT INTO posts (key, platform, channel_id, date, part, week, state, regions, request_keys, last_error)
         VALUES (@key, @platform, @channelId, @date, @part, @week, 'skipped', @regions, @requestKeys, @reason)
         ON CONFLICT (key) DO NOTHING`,
      )
      .run({ ...this.claimParams(claim), reason });
  }

  async getPost(key: string): Promise<PostRecord | undefined> {
    return this.post(key);
  }

  async findPostByMessage(platform: PlatformName, channelId: string, messageId: string): Promise<PostRecord | undefined> {
    const row = this
      .sql(`SELECT ${POST_COLUMNS} FROM posts WHERE platform = ? AND channel_id = ? AND message_id = ? ${POST_ORDER} LIMIT 1`)
      .get(platform, channelId, messageId) as SqlitePostRow | undefined;
    return row && toPost(row);
  }

  async listPosts(filter: { states?: PostState[]; week?: LocalDate; date?: LocalDate; platform?: PlatformName }): Promise<PostRecord[]> {
    const rows = this
      .sql(
        `SELECT ${POST_COLUMNS} FROM posts
         WHERE (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
           AND (@week IS NULL OR week = @week)
           AND (@date IS NULL OR date = @date)
           AND (@platform IS NULL OR platform = @platform)
         ${POST_ORDER}`,
      )
      .all({
        states: filter.states ? JSON.stringify(filter.states) : null,
        week: filter.week ?? null,
        date: filter.date ?? null,
        platform: filter.platform ?? null,
      }) as SqlitePostRow[];
    return rows.map(toPost);
  }

  async updatePostContent(key: string, requestKeys: string[], regions: string[]): Promise<void> {
    this.sql('UPDATE posts SET request_keys = ?, regions = ? WHERE key = ?').run(JSON.stringify(requestKeys), JSON.stringify(regions), key);
  }

  async endPost(key: string, state: 'retired' | 'retracted', now: Date): Promise<void> {
    this
      .sql('UPDATE posts SET state = ?, ended_at = ?, owner = NULL, lease_until = NULL WHERE key = ?')
      .run(state, now.getTime(), key);
  }

  async deletePost(key: string): Promise<void> {
    // Its reactions go with it (ON DELETE CASCADE).
    this.sql('DELETE FROM posts WHERE key = ?').run(key);
  }

  async keepRetractedCount(key: string, now: Date): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const kept = this
        .sql(
          `INSERT INTO retracted_counts (post_key, platform, channel_id, date, part, week, regions, request_keys, sent_at, ended_at, kept_at, count)
           SELECT key, platform, channel_id, date, part, week, regions, request_keys, sent_at, ended_at, @now,
             coalesce(frozen_count,
               (SELECT count(DISTINCT r.person_hash) FROM reactions r WHERE r.post_key = posts.key AND r.present = 1))
           FROM posts WHERE key = @key AND state = 'retracted'`,
        )
        .run({ key, now: now.getTime() });
      if (kept.changes === 0) return false;
      // Its hashes go with it (ON DELETE CASCADE; secure_delete zeroes them).
      this.sql('DELETE FROM posts WHERE key = ?').run(key);
      return true;
    });
    return run.immediate();
  }

  // --- reactions -----------------------------------------------------------------------

  async weekKey(week: LocalDate, now: Date): Promise<Buffer | undefined> {
    const read = this.sql('SELECT key FROM week_keys WHERE week = ?');
    let row = read.get(week) as { key: Buffer | null } | undefined;
    if (row === undefined) {
      // Whoever inserts first wins; everyone then reads the winner's key.
      this
        .sql('INSERT INTO week_keys (week, key, created_at) VALUES (?, ?, ?) ON CONFLICT (week) DO NOTHING')
        .run(week, randomBytes(32), now.getTime());
      row = read.get(week) as { key: Buffer | null };
    }
    return row.key ?? undefined;
  }

  async applyReactions(changes: ReactionChange[]): Promise<void> {
    if (changes.length === 0) return;
    // In key order (stable, so changes to one row keep theirs): neighbouring upserts then walk
    // the same B-tree pages.
    this.applyBatch.immediate(changes.length > 1 ? [...changes].sort(byRowKey) : changes);
  }

  async replaceReactions(postKey: string, holders: Array<{ personHash: string; variant: string }>, orderMicros: number): Promise<void> {
    const order = Math.round(orderMicros);
    // Presses are not reactions: the platform cannot list them, so the snapshot leaves them be.
    const reactions = holders.filter((h) => h.variant !== PRESS_VARIANT);
    const holding = new Set(reactions.map((h) => `${h.personHash}\u0000${h.variant}`));
    const run = this.db.transaction(() => {
      if (this.selectLivePost.get(postKey) === undefined) return; // unknown, or its week forgotten
      const stored = this.sql('SELECT person_hash, variant FROM reactions WHERE post_key = ? AND variant <> ?').all(postKey, PRESS_VARIANT) as Array<{
        person_hash: string;
        variant: string;
      }>;
      // Everyone stored but not in the snapshot: absent as of the snapshot, unless newer.
      for (const row of stored) {
        if (holding.has(`${row.person_hash}\u0000${row.variant}`)) continue;
        this.upsertReaction.run(postKey, row.person_hash, row.variant, 0, order, null);
      }
      for (const holder of reactions) this.upsertReaction.run(postKey, holder.personHash, holder.variant, 1, order, null);
    });
    run.immediate();
  }

  async togglePress(postKey: string, personHash: string, orderMicros: number): Promise<PressOutcome | undefined> {
    const run = this.db.transaction((): PressOutcome | undefined => {
      if (this.sql(`SELECT 1 FROM posts WHERE key = ? AND state = 'sent' AND frozen_count IS NULL`).get(postKey) === undefined) return undefined;
      // One statement flips the row, so two presses can never both read "absent".
      const flipped = this
        .sql(
          `INSERT INTO reactions (post_key, person_hash, variant, present, order_micros) VALUES (@post, @person, @press, 1, @order)
           ON CONFLICT (post_key, person_hash, variant) DO UPDATE
             SET present = 1 - reactions.present, order_micros = max(excluded.order_micros, reactions.order_micros + 1), last_event_id = NULL
           RETURNING present`,
        )
        .get({ post: postKey, person: personHash, press: PRESS_VARIANT, order: Math.round(orderMicros) }) as { present: number };
      const other = this
        .sql('SELECT 1 FROM reactions WHERE post_key = ? AND person_hash = ? AND variant <> ? AND present = 1 LIMIT 1')
        .get(postKey, personHash, PRESS_VARIANT);
      return { pressed: flipped.present === 1, holdsReaction: other !== undefined };
    });
    return run.immediate();
  }

  async tally(filter: { week?: LocalDate; from?: LocalDate; to?: LocalDate }): Promise<PostTally[]> {
    const where = `(@week IS NULL OR week = @week) AND (@from IS NULL OR date >= @from) AND (@to IS NULL OR date <= @to)`;
    // A day's earlier copies (current_entry = 0, in the order they were kept) come before its
    // current ledger entry.
    const rows = this
      .sql(
        `SELECT * FROM (
           SELECT ${POST_COLUMNS},
             coalesce(frozen_count,
               (SELECT count(DISTINCT r.person_hash) FROM reactions r WHERE r.post_key = posts.key AND r.present = 1)) AS count,
             1 AS current_entry, 0 AS copy_id
           FROM posts WHERE ${where}
           UNION ALL
           SELECT ${EARLIER_COPY_COLUMNS}, count, 0 AS current_entry, id AS copy_id
           FROM retracted_counts WHERE ${where}
         )
         ${POST_ORDER}, current_entry, copy_id`,
      )
      .all({ week: filter.week ?? null, from: filter.from ?? null, to: filter.to ?? null }) as Array<SqlitePostRow & { count: number; current_entry: number }>;
    return rows.map((row) => ({ post: toPost(row), count: row.count, ...(row.current_entry === 0 ? { earlierCopy: true as const } : {}) }));
  }

  async forgetWeek(week: LocalDate, now: Date): Promise<void> {
    const run = this.db.transaction(() => {
      // Planner samples of the hash columns, should anyone have run ANALYZE by hand.
      if (this.sql(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat4'`).get() !== undefined) {
        this.db.prepare(`DELETE FROM sqlite_stat4 WHERE tbl IN ('reactions', 'week_keys')`).run();
      }
      this
        .sql(
          `UPDATE posts SET frozen_count =
             (SELECT count(DISTINCT r.person_hash) FROM reactions r WHERE r.post_key = posts.key AND r.present = 1)
           WHERE week = ? AND frozen_count IS NULL`,
        )
        .run(week);
      this.sql('DELETE FROM reactions WHERE post_key IN (SELECT key FROM posts WHERE week = ?)').run(week);
      this
        .sql(
          `INSERT INTO week_keys (week, key, created_at, forgotten_at) VALUES (@week, NULL, @now, @now)
           ON CONFLICT (week) DO UPDATE SET key = NULL, forgotten_at = coalesce(week_keys.forgotten_at, excluded.forgotten_at)`,
        )
        .run({ week, now: now.getTime() });
    });
    run.immediate();
    await this.wipeWal(week);
  }

  async reopenWeek(week: LocalDate, now: Date): Promise<boolean> {
    // Only a tombstone (key NULL) is re-opened: a week with a key keeps it.
    const result = this
      .sql('UPDATE week_keys SET key = ?, created_at = ?, forgotten_at = NULL WHERE week = ? AND key IS NULL')
      .run(randomBytes(32), now.getTime(), week);
    return result.changes === 1;
  }

  async weeksWithKeys(): Promise<LocalDate[]> {
    const rows = this.sql('SELECT week FROM week_keys WHERE key IS NOT NULL ORDER BY week').all() as Array<{ week: string }>;
    return rows.map((r) => r.week);
  }

  // --- housekeeping ----------------------------------------------------------------------

  async pruneEvents(before: Date): Promise<void> {
    // An event id counts as seen at its change's time; older ones are forgotten.
    this.sql('UPDATE reactions SET last_event_id = NULL WHERE last_event_id IS NOT NULL AND order_micros < ?').run(before.getTime() * 1000);
  }

  async alertOnce(key: string, now: Date): Promise<boolean> {
    const result = this.sql('INSERT INTO alerts (key, raised_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, now.getTime());
    return result.changes === 1;
  }

  async audit(entry: AuditEntry): Promise<void> {
    this
      .sql('INSERT INTO audit (at, action, subject, detail, actor) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at.getTime(), entry.action, entry.subject, entry.detail, entry.actor ?? null);
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    const rows = this
      .sql('SELECT at, action, subject, detail, actor FROM audit ORDER BY at DESC, id DESC LIMIT ?')
      .all(Math.max(0, Math.floor(limit))) as Array<{ at: number; action: string; subject: string; detail: string; actor: string | null }>;
    return rows.map((r) => ({ at: new Date(r.at), action: r.action, subject: r.subject, detail: r.detail, ...(r.actor !== null ? { actor: r.actor } : {}) }));
  }

  // --- retractions -----------------------------------------------------------------------

  async addRetraction(subject: string, now: Date): Promise<void> {
    this.sql('INSERT INTO retractions (subject, added_at) VALUES (?, ?) ON CONFLICT (subject) DO NOTHING').run(subject, now.getTime());
  }

  async removeRetraction(subject: string): Promise<boolean> {
    return this.sql('DELETE FROM retractions WHERE subject = ?').run(subject).changes === 1;
  }

  async retractions(): Promise<string[]> {
    const rows = this.sql('SELECT subject FROM retractions ORDER BY subject').all() as Array<{ subject: string }>;
    return rows.map((r) => r.subject);
  }

  // --- coordination between replicas -------------------------------------------------------

  async acquireLease(name: string, owner: string, now: Date, ms: number): Promise<boolean> {
    const result = this
      .sql(
        `INSERT INTO leases (name, owner, lease_until) VALUES (@name, @owner, @until)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
           WHERE leases.owner = excluded.owner OR leases.lease_until <= @now`,
      )
      .run({ name, owner, until: leaseEnd(now, ms).getTime(), now: now.getTime() });
    return result.changes === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.sql('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  async recordPlanHash(owner: string, hash: string, now: Date): Promise<void> {
    // Delete and insert so the row's id says which recording came last.
    const run = this.db.transaction(() => {
      this.sql('DELETE FROM plan_hashes WHERE owner = ?').run(owner);
      this.sql('INSERT INTO plan_hashes (owner, hash, recorded_at) VALUES (?, ?, ?)').run(owner, hash, now.getTime());
    });
    run.immediate();
  }

  async newestPlanHash(): Promise<string | undefined> {
    const row = this.sql('SELECT hash FROM plan_hashes ORDER BY recorded_at DESC, id DESC LIMIT 1').get() as { hash: string } | undefined;
    return row?.hash;
  }

  // --- coordinator page ------------------------------------------------------------------

  async addSignInToken(token: SignInToken): Promise<void> {
    const run = this.db.transaction(() => {
      // Long-expired tokens say nothing any more (a day keeps "expired" answerable).
      this.sql('DELETE FROM sign_in_tokens WHERE expires_at < ?').run(token.createdAt.getTime() - DAY_MS);
      this
        .sql('INSERT INTO sign_in_tokens (token_hash, actor, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(token.tokenHash, token.actor, token.createdAt.getTime(), token.expiresAt.getTime());
    });
    run.immediate();
  }

  async signInTokenState(tokenHash: string, now: Date): Promise<SignInTokenState> {
    const row = this.sql('SELECT expires_at, used_at FROM sign_in_tokens WHERE token_hash = ?').get(tokenHash) as
      | { expires_at: number; used_at: number | null }
      | undefined;
    if (row === undefined) return 'unknown';
    if (row.used_at !== null) return 'used';
    return row.expires_at > now.getTime() ? 'valid' : 'expired';
  }

  async redeemSignInToken(tokenHash: string, now: Date): Promise<string | undefined> {
    // One conditional statement: of several redeemers, only the first finds used_at NULL.
    const row = this
      .sql('UPDATE sign_in_tokens SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now RETURNING actor')
      .get({ hash: tokenHash, now: now.getTime() }) as { actor: string } | undefined;
    return row?.actor;
  }

  async countSignInTokens(actor: string, since: Date): Promise<number> {
    const row = this.sql('SELECT count(*) AS n FROM sign_in_tokens WHERE actor = ? AND created_at >= ?').get(actor, since.getTime()) as { n: number };
    return row.n;
  }

  async addSession(session: CoordinatorSession): Promise<void> {
    const run = this.db.transaction(() => {
      this.sql('DELETE FROM coordinator_sessions WHERE expires_at <= ?').run(session.createdAt.getTime());
      this
        .sql('INSERT INTO coordinator_sessions (session_hash, actor, created_at, expires_at, staff_checked_at) VALUES (?, ?, ?, ?, ?)')
        .run(session.sessionHash, session.actor, session.createdAt.getTime(), session.expiresAt.getTime(), session.staffCheckedAt.getTime());
    });
    run.immediate();
  }

  async getSession(sessionHash: string, now: Date): Promise<CoordinatorSession | undefined> {
    const row = this
      .sql('SELECT session_hash, actor, created_at, expires_at, staff_checked_at FROM coordinator_sessions WHERE session_hash = ? AND expires_at > ?')
      .get(sessionHash, now.getTime()) as SessionRow | undefined;
    if (row === undefined) return undefined;
    return {
      sessionHash: row.session_hash,
      actor: row.actor,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      staffCheckedAt: new Date(row.staff_checked_at),
    };
  }

  async markSessionStaffChecked(sessionHash: string, at: Date): Promise<void> {
    this.sql('UPDATE coordinator_sessions SET staff_checked_at = ? WHERE session_hash = ?').run(at.getTime(), sessionHash);
  }

  async endSession(sessionHash: string): Promise<void> {
    this.sql('DELETE FROM coordinator_sessions WHERE session_hash = ?').run(sessionHash);
  }

  async endSessionsOf(actor: string): Promise<void> {
    this.sql('DELETE FROM coordinator_sessions WHERE actor = ?').run(actor);
  }

  async saveWeek(week: LocalDate, yaml: string, actor: string, now: Date): Promise<SavedWeek> {
    // Under BEGIN IMMEDIATE no other writer can take the same version number in between.
    const run = this.db.transaction((): SavedWeek => {
      const row = this
        .sql(
          `INSERT INTO saved_weeks (week, version, yaml, actor, saved_at)
           SELECT @week, coalesce(max(version), 0) + 1, @yaml, @actor, @now FROM saved_weeks WHERE week = @week
           RETURNING ${SAVED_WEEK_COLUMNS}`,
        )
        .get({ week, yaml, actor, now: now.getTime() }) as SavedWeekRow<number>;
      return toSavedWeek(row);
    });
    return run.immediate();
  }

  async savedWeeks(): Promise<SavedWeek[]> {
    const rows = this
      .sql(
        `SELECT ${SAVED_WEEK_COLUMNS} FROM saved_weeks s
         WHERE version = (SELECT max(version) FROM saved_weeks n WHERE n.week = s.week)
         ORDER BY week`,
      )
      .all() as SavedWeekRow<number>[];
    return rows.map(toSavedWeek);
  }

  async weekVersions(week: LocalDate): Promise<SavedWeek[]> {
    const rows = this.sql(`SELECT ${SAVED_WEEK_COLUMNS} FROM saved_weeks WHERE week = ? ORDER BY version DESC`).all(week) as SavedWeekRow<number>[];
    return rows.map(toSavedWeek);
  }

  async savedWeeksStamp(): Promise<string> {
    const row = this.sql('SELECT count(*) AS n, max(saved_at) AS newest FROM saved_weeks').get() as { n: number; newest: number | null };
    return row.n === 0 ? '' : `${row.n}:${row.newest}`;
  }

  // --- helpers ---------------------------------------------------------------------------

  /**
   * After a forget: copies every WAL frame into the main file (whose pages secure_delete has
   * zeroed) and truncates the WAL to nothing, so the old page images that still held the key
   * and hashes are gone from both files. A reader in another process (the bot, a CLI, the
   * page) can hold it up: each attempt waits briefly, and attempts repeat until the deadline;
   * then a `wipe_incomplete` StoreError says what is left where (the week stays forgotten).
   * Runs only after a forget, never on the reaction path.
   */
  private async wipeWal(week: LocalDate): Promise<void> {
    if (this.path === ':memory:' || this.path === '') return;
    const deadline = Date.now() + this.wipeDeadlineMs;
    for (let attempt = 1; !this.closed; attempt += 1) {
      if (this.checkpointTruncate()) return;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 1_000)));
    }
    throw new StoreError(
      'wipe_incomplete',
      `old copies of week ${week}'s key and reactor hashes may remain in ${this.path}-wal: other connections kept reading ` +
        `the database for ${Math.round(this.wipeDeadlineMs / 1000)} s, so its write-ahead log could not be emptied. They leave the file ` +
        'when the log is next emptied, at the latest when every prayerbot process using the database has stopped (restarting the bot does it).',
    );
  }

  /** One `wal_checkpoint(TRUNCATE)`; true when the WAL is empty afterwards. */
  private checkpointTruncate(): boolean {
    this.db.pragma(`busy_timeout = ${WIPE_ATTEMPT_BUSY_MS}`);
    try {
      const [row] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return row !== undefined && row.busy === 0;
    } catch (err) {
      if (err instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(err.code)) return false;
      throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /** Each statement is prepared once and reused. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private post(key: string): PostRecord | undefined {
    const row = this.selectPost.get(key) as SqlitePostRow | undefined;
    return row && toPost(row);
  }

  private claimParams(claim: PostClaim) {
    return {
      key: claim.key,
      platform: claim.platform,
      channelId: claim.channelId,
      date: claim.date,
      part: claim.part,
      week: claim.week,
      regions: JSON.stringify(claim.regions),
      requestKeys: JSON.stringify(claim.requestKeys),
    };
  }
}

function migrate(db: Database.Database, where: string, all: readonly Migration[]): void {
  const run = db.transaction(() => {
    db.exec(SCHEMA_MIGRATIONS_DDL.sqlite);
    const applied = (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version);
    for (const step of pendingMigrations(applied, where, all)) {
      db.exec(migrationSql(step, 'sqlite'));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(step.version, step.name, Date.now());
    }
  });
  run.immediate();
}
