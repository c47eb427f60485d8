// When things happen: node-cron for the post time in every zone a channel posts in, and
// for the digest in the organisation's zone, a sweep every minute (and on `execution:missed`),
// retention every 15 minutes, and a re-read of the retraction list every few seconds (so a
// retraction made by another replica or `prayerbot retract` reaches /pray here at once).
// node-cron keeps nothing across restarts: the store's ledger is the memory, so a tick
// here only ever asks the core to sweep — running it twice, or on every replica, is safe.
import cron, { type ScheduledTask } from 'node-cron';
import { errorLogFields } from '../core/errors.js';
import type { Log } from '../core/ports.js';
import { calendarsOf } from '../core/plan/calendar.js';
import type { Config } from '../core/types.js';

export interface SchedulerJobs {
  sweep(): Promise<unknown>;
  retire(): Promise<unknown>;
  digest(): Promise<unknown>;
  /** Re-reads the retraction list /pray answers from (one small query). */
  retractions(): Promise<unknown>;
}

export const SWEEP_EVERY_MS = 60_000;
export const RETIRE_EVERY_MS = 15 * 60_000;
/** A retraction is urgent (a request that must not be read any more): /pray sees it this soon. */
export const RETRACTIONS_EVERY_MS = 5_000;

export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private timers: NodeJS.Timeout[] = [];
  private running = new Map<string, Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly jobs: SchedulerJobs,
    private readonly log: Log,
    /** PRAYERBOT_SWEEP_SECONDS (tests and trials); a minute otherwise. */
    private readonly sweepEveryMs = SWEEP_EVERY_MS,
  ) {}

  /** Runs a job unless the same job is still running (ticks never pile up). */
  run(name: keyof SchedulerJobs): Promise<unknown> {
    if (this.stopped) return Promise.resolve();
    const busy = this.running.get(name);
    if (busy) return busy;
    const job = this.jobs[name]()
      .catch((error: unknown) => this.log.error({ job: name, ...errorLogFields(error) }, 'scheduled job failed'))
      .finally(() => this.running.delete(name));
    this.running.set(name, job);
    return job;
  }

  start(config: Config): void {
    this.schedule(config);
    this.timers.push(setInterval(() => void this.run('sweep'), this.sweepEveryMs));
    this.timers.push(setInterval(() => void this.run('retire'), RETIRE_EVERY_MS));
    this.timers.push(setInterval(() => void this.run('retractions'), RETRACTIONS_EVERY_MS));
  }

  /** Re-reads the cron expressions and zone (hot reload). */
  reschedule(config: Config): void {
    for (const task of this.tasks) void task.destroy();
    this.tasks = [];
    this.schedule(config);
  }

  private schedule(config: Config): void {
    // The same names on every replica; the ledger makes the second runner a no-op. One post
    // cron per zone: a channel in Sydney posts at 09:00 Sydney time.
    const zones = [...new Set(calendarsOf(config).map((c) => c.timezone))];
    for (const zone of zones) {
      const name = zone === config.timezone ? 'prayerbot-post' : `prayerbot-post:${zone}`;
      const post = cron.schedule(config.schedule.post, () => this.run('sweep'), { timezone: zone, name });
      post.on('execution:missed', () => void this.run('sweep'));
      this.tasks.push(post);
    }
    const digest = cron.schedule(config.schedule.digest, () => this.run('digest'), { timezone: config.timezone, name: 'prayerbot-digest' });
    this.tasks.push(digest);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const task of this.tasks) await task.destroy();
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.running.values());
  }
}
