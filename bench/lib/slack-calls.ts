// The fake Slack's calls with their arrival times (wall clock, ms): the fake records each Web
// API call when its request body has arrived; this stamps it at that moment.
import type { FakeSlack, RecordedCall } from '../../test/fakes/slack-api.js';

export interface TimedCall extends RecordedCall {
  at: number;
}

export interface SlackCallWatch {
  filter(test: (call: TimedCall) => boolean): TimedCall[];
  /** The first call (already recorded or still to come) passing `test`. */
  waitFor(test: (call: TimedCall) => boolean, timeoutMs: number): Promise<TimedCall>;
}

export function watchSlackCalls(slack: FakeSlack): SlackCallWatch {
  const timed: TimedCall[] = [];
  const waiters: Array<{ test: (call: TimedCall) => boolean; resolve: (call: TimedCall) => void }> = [];
  const calls = slack.calls;
  const push = calls.push.bind(calls);
  calls.push = (...items: RecordedCall[]) => {
    const at = Date.now();
    for (const item of items) {
      const call = Object.assign(item, { at });
      timed.push(call);
      for (const w of [...waiters]) {
        if (w.test(call)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(call);
        }
      }
    }
    return push(...items);
  };
  return {
    filter: (test) => timed.filter(test),
    waitFor(test, timeoutMs) {
      const found = timed.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          test,
          resolve: (call: TimedCall) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching Slack call within ${Math.round(timeoutMs)} ms`));
        }, Math.max(0, timeoutMs));
        waiters.push(waiter);
      });
    },
  };
}
