// The plan in force and its hot reload. Edits to config/ and prompts/ apply without a
// restart; a broken edit keeps the last good plan running and staff get the
// file:line:col errors.
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import type { SavedWeekFeed } from './config/saved-week-feed.js';
import { checkPlan, newestVersion } from './config/saved-weeks.js';
import { buildPlanState, type PlanState } from './core/plan-state.js';
import type { Log } from './core/ports.js';
import { formatProblem, type Problem } from './core/types.js';
import type { SavedWeek } from './store/store.js';

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

export class PlanSource {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    private state: PlanState,
    private readonly paths: { config: string; prompts: string },
    private readonly log: Log,
    private readonly events: {
      changed(state: PlanState): Promise<void> | void;
      broken(problems: Problem[]): Promise<void> | void;
    },
    /** The store's saved weeks, laid over the files on every reload. */
    private readonly saved?: SavedWeekFeed,
  ) {}

  current(): PlanState {
    return this.state;
  }

  /** Resolves once the watcher is ready: edits from then on are seen. */
  watch(): Promise<void> {
    const watcher = chokidar.watch([this.paths.config, this.paths.prompts], { ignoreInitial: true, depth: 0 });
    this.watcher = watcher;
    watcher.on('all', () => this.soon());
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Editors save in bursts: reload once things settle. */
  private soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reloading = this.reloading.then(async () => {
        await this.reload();
      });
    }, 300);
  }

  async reload(): Promise<boolean> {
    const loaded = await loadPlan(this.paths.config, this.paths.prompts, true, await this.saved?.read());
    if (!loaded.state) {
      this.log.warn({ problems: loaded.problems.length }, 'plan edit has errors; keeping the last good plan');
      await this.events.broken(loaded.problems.filter((p) => p.severity === 'error'));
      return false;
    }
    const changed = loaded.state.hash !== this.state.hash;
    this.state = loaded.state;
    if (changed) {
      this.log.info({ plan: loaded.state.hash, weeks: loaded.state.weeks.length }, 'plan reloaded');
      await this.events.changed(loaded.state);
    }
    return true;
  }

  /**
   * Reloads when a week was saved on the page since the last read, here or on another
   * replica (the sweep calls it every minute; a save in this process calls it at once).
   */
  async followSaves(): Promise<void> {
    if (!this.saved || !(await this.saved.changed())) return;
    const reload = this.reloading.then(() => this.reload());
    this.reloading = reload.then(
      () => undefined,
      () => undefined,
    );
    await reload;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher?.close();
    await this.reloading;
  }
}

export function problemLines(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
