// Watching config/ and prompts/ for edits, and staying watched. chokidar alone stops
// following a path that is deleted (a `prompts/` folder removed and created again, a config
// file deleted and written anew: later edits go unseen) and follows a folder's old inode when
// it is swapped by a rename (`mv prompts.new prompts`). Its `error` events (too many watches,
// a file system gone away) would otherwise end watching silently. So every `checkMs` the
// watched paths are looked at (a stat each: cheap), and the chokidar watcher is replaced by a
// fresh one when a path is no longer the one watched (deleted, created, replaced) or after an
// error; every replacement is followed by a reload, since edits may have been missed.
import { statSync } from 'node:fs';
import chokidar, { type ChokidarOptions, type FSWatcher } from 'chokidar';

/** Default interval of the look at the watched paths. */
export const WATCH_CHECK_MS = 2_000;
/** Longest wait before a watcher that keeps failing is set up again. */
const MAX_ERROR_BACKOFF_MS = 300_000;

export interface PlanWatcherOptions {
  /** The config file and the prompts folder (only files directly inside it). */
  paths: string[];
  /** Something may have changed: reload (soon). */
  changed(): void;
  /** The watcher failed; it is set up again by itself. Called once per failed watcher. */
  failed(error: unknown): void;
  checkMs?: number;
  /** Tests: how a chokidar watcher is made (default `chokidar.watch`). */
  watchWith?: (paths: string[], options: ChokidarOptions) => FSWatcher;
}

/** Which file or folder a path is now: undefined when it does not exist. */
function identity(path: string): string | undefined {
  try {
    const s = statSync(path);
    // The birth time tells a re-created folder from the old one where the inode is reused.
    return `${s.dev}:${s.ino}:${s.birthtimeMs}`;
  } catch {
    return undefined;
  }
}

export class PlanWatcher {
  private watcher: FSWatcher | undefined;
  /** Each path's identity when the current watcher was set up. */
  private watched = new Map<string, string | undefined>();
  private timer: NodeJS.Timeout | undefined;
  /** The current watcher failed or lost a watched path: replace it. */
  private stale = false;
  private failures = 0;
  private retryAt = 0;
  private replacing: Promise<void> | undefined;
  private closed = false;
  private readonly checkMs: number;

  constructor(private readonly options: PlanWatcherOptions) {
    this.checkMs = options.checkMs ?? WATCH_CHECK_MS;
  }

  /** Resolves once watching: edits from then on are seen. Never rejects (a failure is reported and retried). */
  async start(): Promise<void> {
    await this.establish();
    this.arm();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.replacing;
    await this.drop();
  }

  private arm(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.replacing = this.check()
        .catch((error: unknown) => this.fail(error))
        .finally(() => {
          this.replacing = undefined;
          this.arm();
        });
    }, this.checkMs);
    // The look at the paths never keeps the process alive by itself.
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const moved = this.options.paths.some((p) => identity(p) !== this.watched.get(p));
    if (!moved && !this.stale) {
      this.failures = 0;
      return;
    }
    // After an error, wait longer each time it happens again (a persistent error is not
    // re-tried, and reported, every few seconds).
    if (this.stale && !moved && Date.now() < this.retryAt) return;
    await this.establish();
    if (!this.closed) this.options.changed();
  }

  /** Replaces the chokidar watcher by a new one on the paths as they are now. */
  private async establish(): Promise<void> {
    await this.drop();
    if (this.closed) return;
    this.stale = false;
    this.watched = new Map(this.options.paths.map((p) => [p, identity(p)]));
    let watcher: FSWatcher;
    try {
      watcher = (this.options.watchWith ?? chokidar.watch)(this.options.paths, { ignoreInitial: true, depth: 0 });
    } catch (error) {
      this.fail(error);
      return;
    }
    this.watcher = watcher;
    const roots = new Set(this.options.paths);
    watcher.on('all', (event, path) => {
      // A watched path itself went away: chokidar will not see it come back.
      if ((event === 'unlink' || event === 'unlinkDir') && roots.has(path)) this.stale = true;
      this.options.changed();
    });
    await new Promise<void>((resolve) => {
      watcher.once('ready', () => resolve());
      watcher.on('error', (error) => {
        if (this.watcher === watcher && !this.stale) this.fail(error);
        resolve();
      });
    });
  }

  private fail(error: unknown): void {
    this.stale = true;
    this.failures += 1;
    this.retryAt = Date.now() + Math.min(this.checkMs * 2 ** (this.failures - 1), MAX_ERROR_BACKOFF_MS);
    this.options.failed(error);
  }

  private async drop(): Promise<void> {
    const old = this.watcher;
    this.watcher = undefined;
    try {
      await old?.close();
    } catch {
      // a watcher that cannot even close is let go: a new one replaces it
    }
  }
}
