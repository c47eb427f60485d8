// The /pray deadline both platforms share: Slack wants an ack within 3 s, Discord a first
// interaction response within 3 s. Each adapter waits for the core's answer up to its own
// margin; when the answer is late it acks (Slack) or defers (Discord) and delivers it later.

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects: its outcome as a value. */
export function settle<T>(pending: Promise<T>): Promise<Settled<T>> {
  return pending.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/**
 * The outcome of `pending` if it settles within `ms`, else 'late'. The caller then
 * acknowledges or defers and awaits `settle(pending)` itself. (One promise and one timer per
 * call, no race of wrappers: every /pray passes through here.)
 */
export function settleWithin<T>(pending: Promise<T>, ms: number): Promise<Settled<T> | 'late'> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms, 'late');
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve({ ok: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, error });
      },
    );
  });
}
