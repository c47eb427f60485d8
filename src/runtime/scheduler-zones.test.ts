// The post cron runs in every zone a channel posts in (node-cron `timezone`); the digest in
// the organisation's zone only.
import pino from 'pino';
import cron from 'node-cron';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig, STAFF_SLACK } from '../core/plan/testing.js';
import { Scheduler } from './scheduler.js';

let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('the scheduler', () => {
  it('fires the post cron at 09:00 in each channel zone, and the digest in the organisation zone', () => {
    const config = testConfig({
      channels: [STAFF_SLACK, { ...STAFF_SLACK, id: 'C0SYD', timezone: 'Australia/Sydney' }, { ...STAFF_SLACK, id: 'C0SYD2', timezone: 'Australia/Sydney', holidays: 'AU' }],
    });
    scheduler = new Scheduler({ sweep: async () => undefined, retire: async () => undefined, digest: async () => undefined, retractions: async () => undefined }, pino({ level: 'silent' }));
    scheduler.reschedule(config);
    const tasks = [...cron.getTasks().values()].filter((t) => t.name?.startsWith('prayerbot-'));
    expect(tasks.map((t) => t.name).sort()).toEqual(['prayerbot-digest', 'prayerbot-post', 'prayerbot-post:Australia/Sydney']);
    const task = (name: string) => tasks.find((t) => t.name === name)!;
    // Monday 2026-10-26, 09:00 in Sydney (AEDT) is Sunday 22:00 UTC; 09:00 in New York (EDT) is 13:00 UTC.
    expect(task('prayerbot-post:Australia/Sydney').match(new Date('2026-10-25T22:00:00Z'))).toBe(true);
    expect(task('prayerbot-post').match(new Date('2026-10-25T22:00:00Z'))).toBe(false);
    expect(task('prayerbot-post').match(new Date('2026-10-26T13:00:00Z'))).toBe(true);
    expect(task('prayerbot-digest').match(new Date('2026-10-30T20:00:00Z'))).toBe(true); // Friday 16:00 EDT
  });
});
