// Which plan is "the newest" between replicas: the one whose files were edited last, never
// the one started last. Each replica here is the core wired as `prayerbot run` wires it
// (loadPlan, then recordPlanHash with the plan's version) on one PostgreSQL schema, with a
// recording platform; a replica that "dies" leaves its row behind, as a killed process does.
import { readdirSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS } from '../../src/core/plan/limits.js';
import { PrayerBot } from '../../src/core/prayer-bot.js';
import { loadPlan } from '../../src/config/plan-source.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/core/store.js';
import { FakeClock, RecordingPlatform } from '../fakes/recording-platform.js';
import { configYaml, tempProject, weekYaml, type Project } from '../e2e/project.js';
import { freshSchema, type Schema } from './replicas.js';

const WEEK = '2026-10-12';
const NEXT_WEEK = '2026-10-19';
const AT = '2026-10-12T13:00:30Z'; // Monday's post (09:00 New York) is due

let db: Schema;
let store: Store;
const projects: Project[] = [];

beforeEach(async () => {
  db = await freshSchema('pb_planver');
  store = await openStore(db.url);
});

afterEach(async () => {
  await store.close();
  await db.drop();
  for (const p of projects.splice(0)) p.remove();
});

function project(text: string, weeks: string[] = [WEEK]): Project {
  const p = tempProject(
    configYaml({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }),
  );
  // A dated request on each week's Monday, so Monday's post carries `text`.
  for (const week of weeks) p.writeWeek(week, weekYaml(week, `  - region: latin-america\n    id: edited\n    text: ${text}\n    date: ${week}\n`));
  projects.push(p);
  return p;
}

/** Sets the modification time of the project's files and folders (or of `paths`) `agoMs` into the past. */
function age(p: Project, agoMs: number, paths: string[] = [p.configPath, p.promptsDir, ...readdirSync(p.promptsDir).map((n) => join(p.promptsDir, n))]): void {
  const when = new Date(Date.now() - agoMs);
  for (const path of paths) utimesSync(path, when, when);
}

/** A replica starting: loads the plan and records its hash, as src/main.ts does. */
async function replica(p: Project, owner: string) {
  const loaded = await loadPlan(p.configPath, p.promptsDir, true);
  let state = loaded.state!;
  await store.recordPlanHash(owner, state.hash, state.version);
  const clock = new FakeClock(new Date(AT));
  const slack = new RecordingPlatform('slack', MESSAGE_LIMITS.slack, clock.now);
  const bot = new PrayerBot({ store, clock, log: pino({ level: 'silent' }), platforms: [slack], plan: () => state, owner });
  await slack.start(bot);
  return {
    bot,
    slack,
    /** A hot reload that changed the plan (PlanSource's `changed`). */
    reload: async () => {
      state = (await loadPlan(p.configPath, p.promptsDir, true)).state!;
      await store.recordPlanHash(owner, state.hash, state.version);
    },
  };
}

describe('the newest plan between replicas', () => {
  it('a replica with an older plan refuses to post and tells staff; restarting it does not make its plan the newest', async () => {
    const current = project('Pray for the families at the hearing on Thursday.');
    const older = project('Pray for the families at the hearing on Wednesday.');
    age(older, 3_600_000);

    const a = await replica(current, 'host-a:101:aaaaaa');
    const stale = await replica(older, 'host-b:202:bbbbbb');
    expect(await stale.bot.postDay('2026-10-12')).toEqual([]);
    expect(stale.slack.messages).toHaveLength(0);
    expect(stale.slack.staffTexts.filter((t) => t.text.includes('runs an older plan'))).toHaveLength(1);

    // The stale replica restarts (a new process, a new owner) after the current one started:
    // still refused, and staff are not told the same thing again.
    const restarted = await replica(older, 'host-b:303:cccccc');
    expect(await restarted.bot.postDay('2026-10-12')).toEqual([]);
    expect(restarted.slack.staffTexts).toEqual([]);

    const results = await a.bot.postDay('2026-10-12');
    expect(results.map((r) => r.outcome)).toEqual(['sent']);
    expect(JSON.stringify(a.slack.messages[0]!.doc)).toContain('hearing on Thursday');
  });

  it('a replica with an older plan neither sends the digest nor tells staff its own idea of a missing week', async () => {
    const current = project('Pray for the new staff starting this week.', ['2026-10-05', WEEK]);
    const older = project('Pray for the new staff starting this week.', ['2026-10-05']); // this week's file not there yet
    age(older, 3_600_000);
    const a = await replica(current, 'host-a:101:aaaaaa');
    const stale = await replica(older, 'host-b:202:bbbbbb');

    expect(await stale.bot.sweep()).toEqual([]);
    expect(await stale.bot.digest()).toBe(false);
    expect(stale.slack.staffTexts.map((t) => t.text)).toEqual([expect.stringContaining('runs an older plan')]);
    expect(await a.bot.digest()).toBe(true);
    const todays = (await a.bot.sweep()).filter((r) => r.ledgerKey.includes(`:${WEEK}:`));
    expect(todays.map((r) => r.outcome)).toEqual(['sent']);
  });

  it('deleting a week file leaves the remaining replicas posting, even when a replica that saw the file has died', async () => {
    const p = project('Pray for the new staff starting this week.', [WEEK, NEXT_WEEK]);
    age(p, 2 * 3_600_000);
    age(p, 3_600_000, [join(p.promptsDir, `${NEXT_WEEK}.yaml`)]); // next week's file was added later

    await replica(p, 'host-a:101:aaaaaa'); // then this process died: its row stays behind
    const live = await replica(p, 'host-a:102:bbbbbb');

    unlinkSync(join(p.promptsDir, `${NEXT_WEEK}.yaml`)); // next week is withdrawn
    await live.reload();
    const results = await live.bot.postDay('2026-10-12');
    expect(results.map((r) => r.outcome)).toEqual(['sent']);
    expect(live.slack.staffTexts.filter((t) => t.text.includes('older plan'))).toEqual([]);
  });
});
