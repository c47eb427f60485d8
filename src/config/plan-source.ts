// The plan in force and its hot reload. Edits to config/ and prompts/ apply without a
// restart; a broken edit keeps the last good plan running and staff get the
// file:line:col errors. A reload that throws (not the files' fault: a store error while
// applying, a bug) also keeps the last good plan, is reported and tried again; keeping
// watched through deletions and watcher errors is plan-watcher.ts. The weeks saved on the
// coordinator page are part of the plan: laid over the files on every load, and followed
// (followSaves) when a save happens here or on another replica.
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PlanWatcher, type PlanWatcherOptions } from './plan-watcher.js';
import type { SavedWeekFeed } from './saved-week-feed.js';
import { checkPlan, newestVersion } from './saved-weeks.js';
import { errorLogFields } from '../core/errors.js';
import { buildPlanState, type PlanState } from '../core/plan-state.js';
import type { Log } from '../core/ports.js';
import type { SavedWeek } from '../core/store.js';
import { formatProblem, type Problem } from '../core/types.js';

export interface PlanLoad {
  state?: PlanState;
  problems: Problem[];
}

/**
 * The newest modification time among the plan's files and the prompts folder: between
 * replicas the newest plan wins. The folder's own time changes when a week file is added,
 * deleted or renamed, so withdrawing a week counts as the newest edit too.
 */
function planVersion(configPath: string, promptsDir: string): Date {
  let newest = 0;
  const consider = (path: string) => {
    try {
      newest = Math.max(newest, statSync(path).mtimeMs);
    } catch {
      // vanished between listing and stat: the next reload sees the truth
    }
  };
  consider(configPath);
  consider(promptsDir);
  try {
    for (const name of readdirSync(promptsDir)) if (name.endsWith('.yaml')) consider(join(promptsDir, name));
  } catch {
    // no prompts folder: checkAll reports it
  }
  return new Date(Math.floor(newest));
}

/**
 * Loads config and prompts, with the store's `saved` weeks laid over the files. With
 * `strict`, any error means no plan (hot reload keeps the old one); otherwise week files with
 * errors are left out and the rest is used.
 */
export async function loadPlan(configPath: string, promptsDir: string, strict: boolean, saved: readonly SavedWeek[] = []): Promise<PlanLoad> {
  const result = await checkPlan(configPath, promptsDir, saved);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.config) return { problems: result.problems };
  if (strict && errors.length > 0) return { problems: result.problems };
  const broken = new Set(errors.map((p) => p.file));
  const weeks = result.weeks.filter((w) => !broken.has(w.source));
  return { state: buildPlanState(result.config, weeks, newestVersion(planVersion(configPath, promptsDir), saved)), problems: result.problems };
}

/** A reload or the watcher failed for a reason other than what the files say. */
export interface PlanFailure {
  kind: 'reload' | 'watch';
  error: unknown;
  /**
   * The same for the same failure of the same edit: `reload` failures are keyed by the
   * files' newest modification time and the error's name and code, so retries of one edit
   * do not repeat an alert while a later edit that fails does.
   */
  key: string;
  /** When the next attempt is (a failed reload is retried; a failed watcher set up again). */
  retryMs: number;
}

export interface PlanSourceEvents {
  /** The plan changed. Apply the new one; until this resolves the old plan stays in force, and if it throws it stays. */
  changed(state: PlanState): Promise<void> | void;
  /** An edit has errors: the last good plan keeps running. */
  broken(problems: Problem[]): Promise<void> | void;
  /** A reload threw, or the watcher failed (reported once). */
  failed(failure: PlanFailure): Promise<void> | void;
}

export interface PlanSourceOptions {
  /** How the plan is read (default `loadPlan`); `saved` are the store's saved weeks. */
  load?: (configPath: string, promptsDir: string, strict: boolean, saved?: readonly SavedWeek[]) => Promise<PlanLoad>;
  /** The store's saved weeks, laid over the files on every reload (none when absent). */
  saved?: SavedWeekFeed;
  /** After a reload that threw, the next try (default 60 s). */
  retryMs?: number;
  /** How often the watched paths are looked at (default 2 s; see plan-watcher.ts). */
  checkMs?: number;
  /** Tests: how a chokidar watcher is made. */
  watchWith?: PlanWatcherOptions['watchWith'];
}

/** Default wait before a reload that threw is tried again. */
export const RELOAD_RETRY_MS = 60_000;
/** Editors save in bursts: reload once things settle. */
const SETTLE_MS = 300;

export class PlanSource {
  private watcher?: PlanWatcher;
  private timer?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();
  private closed = false;
  private watchReported = false;
  private readonly load: NonNullable<PlanSourceOptions['load']>;
  private readonly retryMs: number;

  constructor(
    private state: PlanState,
    private readonly paths: { config: string; prompts: string },
    private readonly log: Log,
    private readonly events: PlanSourceEvents,
    private readonly options: PlanSourceOptions = {},
  ) {
    this.load = options.load ?? loadPlan;
    this.retryMs = options.retryMs ?? RELOAD_RETRY_MS;
  }

  current(): PlanState {
    return this.state;
  }

  /** Resolves once the watcher is ready: edits from then on are seen. Never rejects. */
  async watch(): Promise<void> {
    const watcher = new PlanWatcher({
      paths: [this.paths.config, this.paths.prompts],
      changed: () => this.soon(),
      failed: (error) => this.watchFailed(error),
      ...(this.options.checkMs !== undefined ? { checkMs: this.options.checkMs } : {}),
      ...(this.options.watchWith ? { watchWith: this.options.watchWith } : {}),
    });
    this.watcher = watcher;
    await watcher.start();
  }

  private soon(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // reload() never rejects, so one failure never stops the reloads after it.
      this.reloading = this.reloading.then(async () => {
        await this.reload();
      });
    }, SETTLE_MS);
  }

  /**
   * Reads the files and puts their plan in force. Never throws: a broken edit goes to
   * `broken`, anything thrown (the loader, a listener, the store while applying) is logged,
   * goes to `failed` and is retried; either way the last good plan keeps running.
   * True when the files' plan is in force.
   */
  async reload(): Promise<boolean> {
    clearTimeout(this.retry);
    try {
      const saved = await this.options.saved?.read();
      const loaded = await this.load(this.paths.config, this.paths.prompts, true, saved);
      if (!loaded.state) {
        this.log.warn({ problems: loaded.problems.length }, 'plan edit has errors; keeping the last good plan');
        await this.events.broken(loaded.problems.filter((p) => p.severity === 'error'));
        return false;
      }
      if (loaded.state.hash !== this.state.hash) {
        // Applied before it is in force: a listener that throws leaves the old plan everywhere.
        await this.events.changed(loaded.state);
        this.log.info({ plan: loaded.state.hash, weeks: loaded.state.weeks.length }, 'plan reloaded');
      }
      this.state = loaded.state;
      return true;
    } catch (error) {
      await this.reloadFailed(error);
      return false;
    }
  }

  /**
   * Reloads when a week was saved on the page since the saved weeks were last read, here or
   * on another replica (the sweep calls it every minute; a save in this process calls it at
   * once). Queued behind any reload under way; never rejects.
   */
  async followSaves(): Promise<void> {
    const saved = this.options.saved;
    if (this.closed || !saved || !(await saved.changed())) return;
    const reload = this.reloading.then(() => this.reload());
    this.reloading = reload.then(() => undefined);
    await reload;
  }

  private async reloadFailed(error: unknown): Promise<void> {
    const fields = errorLogFields(error);
    this.log.error({ ...fields, retryInSeconds: Math.round(this.retryMs / 1000) }, 'plan reload failed; keeping the last good plan');
    if (!this.closed) {
      this.retry = setTimeout(() => this.soon(), this.retryMs);
      this.retry.unref();
    }
    const edit = planVersion(this.paths.config, this.paths.prompts).getTime();
    await this.report({ kind: 'reload', error, key: `${edit}:${fields.error}:${fields.code ?? ''}`, retryMs: this.retryMs });
  }

  private watchFailed(error: unknown): void {
    this.log.error(errorLogFields(error), 'watching config/ and prompts/ failed; setting the watch up again');
    // Staff hear of it once: a watcher that keeps failing is retried quietly (and logged).
    if (this.watchReported) return;
    this.watchReported = true;
    void this.report({ kind: 'watch', error, key: 'watch', retryMs: 0 });
  }

  /** Tells the listener; a listener that throws (the store down) is logged, never thrown on. */
  private async report(failure: PlanFailure): Promise<void> {
    try {
      await this.events.failed(failure);
    } catch (error) {
      this.log.error(errorLogFields(error), 'could not tell staff that the plan could not be reloaded');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    await this.watcher?.close();
    await this.reloading;
  }
}

export function problemLines(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
