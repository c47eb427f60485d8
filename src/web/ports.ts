// What the coordinator page needs from the rest of the bot. The page is another adapter: it
// owns no rule of its own and calls the same store and core use cases as the CLI and the chat
// commands. src/main.ts builds these from the running bot.
import type { StaffVerdict } from '../core/coordinator/staff-status.js';
import type { RetentionAction } from '../core/retention.js';
import type { PlanState } from '../core/plan-state.js';
import type { Clock, Log } from '../core/ports.js';
import type { LocalDate, Problem } from '../core/types.js';
import type { SavedWeek, Store } from '../core/store.js';

/** The store methods the page uses (sessions, sign-in links, saved weeks, ledger, tally, audit). */
export type CoordinatorStore = Pick<
  Store,
  | 'signInTokenState'
  | 'redeemSignInToken'
  | 'addSession'
  | 'getSession'
  | 'markSessionStaffChecked'
  | 'endSession'
  | 'endSessionsOf'
  | 'savedWeeks'
  | 'weekVersions'
  | 'listPosts'
  | 'retractions'
  | 'tally'
  | 'audit'
  | 'listAudit'
>;

/** A problem `check` found, with the field's path when it has one (`requests[2].date`). */
export type FieldProblem = Problem;

export type SaveOutcome = { saved: SavedWeek } | { problems: Problem[] };

export interface CoordinatorDeps {
  /** The real store, even while the console chat replays a sample week on a throw-away one. */
  store: CoordinatorStore;
  /** The real clock (sessions, links, "this week"). */
  clock: Clock;
  log: Log;
  /** The plan in force: config, week files and saved weeks, as the bot posts from it. */
  plan(): PlanState;
  /** The same use case as `prayerbot retract`; `actor` goes to the audit log. */
  retract(subject: string, opts: { undo: boolean; actor: string }): Promise<RetentionAction[]>;
  /** What `check` says about a week's YAML (errors and warnings), saving nothing. */
  checkWeek(yaml: string, week: LocalDate): Problem[];
  /** Checks a week's YAML exactly as `check` does and saves it when it has no errors; `week`: the Monday it must name. */
  saveWeek(yaml: string, actor: string, week?: LocalDate): Promise<SaveOutcome>;
  /**
   * Whether `actor` (`slack:U…`, `discord:…`, `cli`, `console`) is staff now: Slack from the
   * config in force, Discord by asking Discord for the member's roles; `unknown` when Discord
   * cannot say right now.
   */
  isStaff(actor: string): Promise<StaffVerdict>;
  /** The origin links are built from (PUBLIC_URL, or http://127.0.0.1:<port>). */
  publicUrl(): string;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXY). */
  trustedProxies: readonly string[];
  /** The text of a week file in the prompts folder, for editing on the page (undefined: none). */
  readWeekFile(week: LocalDate): Promise<{ file: string; text: string } | undefined>;
}
