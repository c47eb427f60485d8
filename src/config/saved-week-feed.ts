// The store's saved weeks as the running bot follows them. A cheap stamp tells whether any
// week was saved since the last read (by this process or another replica); only then are the
// weeks read again. When the store cannot answer, the weeks last read stay in force: a
// database hiccup must not drop weeks from the plan.
import { errorLogFields } from '../core/errors.js';
import type { Log } from '../core/ports.js';
import type { SavedWeek, Store } from '../core/store.js';

export class SavedWeekFeed {
  private stamp: string | undefined;
  private weeks: SavedWeek[] = [];

  constructor(
    private readonly store: Pick<Store, 'savedWeeks' | 'savedWeeksStamp'>,
    private readonly log: Log,
  ) {}

  /** Reads the saved weeks now (the last ones read when the store cannot answer). */
  async read(): Promise<SavedWeek[]> {
    try {
      // The stamp first: a save landing in between makes the next `changed` true, never false.
      const stamp = await this.store.savedWeeksStamp();
      this.weeks = await this.store.savedWeeks();
      this.stamp = stamp;
    } catch (error) {
      this.log.warn(errorLogFields(error), 'the saved weeks could not be read; the ones read before stay in force');
    }
    return this.weeks;
  }

  /** True when a week was saved since the last read (false when the store cannot say). */
  async changed(): Promise<boolean> {
    try {
      return (await this.store.savedWeeksStamp()) !== this.stamp;
    } catch (error) {
      this.log.warn(errorLogFields(error), 'could not ask the store whether a week was saved');
      return false;
    }
  }
}
