// The retraction list as this process last read it from the store. /pray answers from this
// copy instead of querying the store on every command (it is on the hot path); the sweep
// (every minute, and at start), the retention run and this process's own retract and undo
// re-read it. So a retraction made elsewhere (another replica, `prayerbot retract`) reaches
// /pray here within a minute, the same window in which a replica sees any other change; the
// posted copies themselves come down at once, and posting always reads the store itself.
import type { Store } from './store.js';

export class RetractionList {
  private subjects: ReadonlySet<string> | undefined;
  private loading: Promise<ReadonlySet<string>> | undefined;
  private generation = 0;

  /**
   * Changes whenever the list's contents do, so an answer worked out from one list can be
   * reused until then.
   */
  get version(): number {
    return this.generation;
  }

  /** The list as last read, or undefined before the first read. */
  loaded(): ReadonlySet<string> | undefined {
    return this.subjects;
  }

  /** The list as last read; read from the store the first time. */
  async current(store: Store): Promise<ReadonlySet<string>> {
    return this.subjects ?? (this.loading ??= this.read(store));
  }

  /** Reads the list from the store now (posting and retention decide from a fresh read). */
  async read(store: Store): Promise<ReadonlySet<string>> {
    const started = this.generation;
    try {
      const fresh = new Set(await store.retractions());
      // A read that began before a newer one changed the list must not put back an older list.
      if (this.generation === started) this.replace(fresh);
      return fresh;
    } finally {
      this.loading = undefined;
    }
  }

  private replace(fresh: ReadonlySet<string>): void {
    const old = this.subjects;
    if (old && old.size === fresh.size && [...fresh].every((s) => old.has(s))) return;
    this.subjects = fresh;
    this.generation += 1;
  }
}
