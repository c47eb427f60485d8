// Failed sign-in link redemptions, limited globally and (behind a trusted proxy) per client
// address. Tokens have 256 bits, so guessing is hopeless anyway; the limit keeps a flood of
// bad links from filling the log and the store's attention. Counted per process: N replicas
// allow N times the budget, which is still nothing against 256 bits.
export interface Limit {
  /** Failures allowed per window. */
  max: number;
  windowMs: number;
}

export const GLOBAL_FAILURES: Limit = { max: 30, windowMs: 60_000 };
export const ADDRESS_FAILURES: Limit = { max: 5, windowMs: 15 * 60_000 };

interface Window {
  start: number;
  count: number;
}

/** Fixed windows; at most `maxKeys` addresses are remembered (the oldest are dropped). */
export class FailureLimiter {
  private readonly global: Window = { start: 0, count: 0 };
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly globalLimit: Limit = GLOBAL_FAILURES,
    private readonly addressLimit: Limit = ADDRESS_FAILURES,
    private readonly maxKeys = 10_000,
  ) {}

  /** True when another attempt must wait. */
  blocked(address: string | undefined, now: number): boolean {
    if (over(this.global, this.globalLimit, now)) return true;
    return address !== undefined && over(this.windows.get(address), this.addressLimit, now);
  }

  recordFailure(address: string | undefined, now: number): void {
    if (now - this.global.start < this.globalLimit.windowMs) this.global.count += 1;
    else Object.assign(this.global, { start: now, count: 1 });
    if (address === undefined) return;
    const w = this.windows.get(address);
    if (w && now - w.start < this.addressLimit.windowMs) {
      w.count += 1;
      return;
    }
    this.windows.delete(address);
    this.windows.set(address, { start: now, count: 1 });
    if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
  }
}

function over(w: Window | undefined, limit: Limit, now: number): boolean {
  return w !== undefined && now - w.start < limit.windowMs && w.count >= limit.max;
}
