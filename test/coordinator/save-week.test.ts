// Saving a week from the coordinator page: checked exactly as `prayerbot check` checks a week
// file, never saved with an error (each problem at its field), saved as version 1, 2, … with
// who and when, audited, and handed to the running bot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { checkWeekText } from '../../src/config/saved-weeks.js';
import { saveWeekText, type WeekTexts } from '../../src/core/coordinator/save-week.js';
import type { Config } from '../../src/core/types.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { SavedWeek, Store } from '../../src/core/store.js';
import { FakeClock } from '../fakes/recording-platform.js';
import { configYaml, tempProject, weekYaml, type Project } from '../e2e/project.js';

const WEEK = '2026-10-12';
let project: Project;
let config: Config;
let store: Store;
let clock: FakeClock;
let handed: SavedWeek[];
let weeks: WeekTexts;

beforeEach(async () => {
  project = tempProject(configYaml({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }));
  config = (await loadConfig(project.configPath)).value!;
  store = SqliteStore.open(':memory:');
  clock = new FakeClock(new Date('2026-10-08T15:00:00Z'));
  handed = [];
  weeks = { check: checkWeekText, saved: async (week) => void handed.push(week) };
});

afterEach(async () => {
  await store.close();
  project.remove();
});

/** 1-based line and column of `needle` in `text`. */
function where(text: string, needle: string): { line: number; col: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, col: lines[line]!.indexOf(needle) + 1 };
}

describe('saveWeekText', () => {
  it('refuses a week with errors, naming each problem at its field, and saves nothing', async () => {
    const yaml = weekYaml(WEEK, '  - region: latin-amerika\n    text: Pray for the hearing.\n  - region: south-asia\n    text: Pray for the new office.\n    date: 2026-10-25\n');
    const result = await saveWeekText({ store, clock, config, yaml, actor: 'slack:U0COORD1', weeks });
    expect('problems' in result).toBe(true);
    if (!('problems' in result)) return;
    const unknown = result.problems.find((p) => p.message.includes('unknown region "latin-amerika"'));
    expect(unknown).toMatchObject({ file: `${WEEK}.yaml`, severity: 'error', path: 'requests[5].region', ...where(yaml, 'latin-amerika') });
    const outside = result.problems.find((p) => p.message.includes('outside this week'));
    expect(outside).toMatchObject({ file: `${WEEK}.yaml`, severity: 'error', path: 'requests[6].date', line: where(yaml, '2026-10-25').line });

    expect(await store.weekVersions(WEEK)).toEqual([]);
    expect(await store.listAudit(10)).toEqual([]);
    expect(handed).toEqual([]);
  });

  it('refuses what the planner finds too, exactly as check does (a date on a skip day)', async () => {
    project.writeConfig(configYaml({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }).replace('retention_days', 'skip: [2026-10-14]\nretention_days'));
    config = (await loadConfig(project.configPath)).value!;
    const yaml = weekYaml(WEEK, '  - region: south-asia\n    text: Pray for the new office.\n    date: 2026-10-14\n');
    const result = await saveWeekText({ store, clock, config, yaml, actor: 'cli', weeks });
    expect('problems' in result && result.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.line, p.path])).toEqual([
      [`${WEEK}.yaml`, where(yaml, '2026-10-14').line, 'requests[5].date'],
    ]);
    expect(await store.savedWeeks()).toEqual([]);
  });

  it('refuses text that names another week than the one being edited', async () => {
    const result = await saveWeekText({ store, clock, config, yaml: weekYaml(WEEK), actor: 'cli', weeks, week: '2026-10-19' });
    expect('problems' in result && result.problems.map((p) => [p.file, p.line, p.severity, p.path])).toEqual([['2026-10-19.yaml', 1, 'error', 'week']]);
    expect(await store.savedWeeks()).toEqual([]);
  });

  it('saves a good week as version 1, then 2, with who and when, audits it and hands it to the bot', async () => {
    const first = await saveWeekText({ store, clock, config, yaml: weekYaml(WEEK), actor: 'slack:U0COORD1', weeks });
    expect(first).toMatchObject({ saved: { week: WEEK, version: 1, actor: 'slack:U0COORD1', savedAt: clock.now(), yaml: weekYaml(WEEK) }, warnings: [] });

    clock.advance(60_000);
    const edited = weekYaml(WEEK).replace('Pray for the south-asia team', 'Pray for the south-asia team at the new office');
    const second = await saveWeekText({ store, clock, config, yaml: edited, actor: 'discord:900000000000000002', weeks, week: WEEK });
    expect(second).toMatchObject({ saved: { week: WEEK, version: 2, actor: 'discord:900000000000000002', yaml: edited } });

    expect((await store.weekVersions(WEEK)).map((v) => [v.version, v.actor])).toEqual([
      [2, 'discord:900000000000000002'],
      [1, 'slack:U0COORD1'],
    ]);
    expect(await store.listAudit(10)).toEqual([
      { at: clock.now(), action: 'save-week', subject: WEEK, detail: 'version 2', actor: 'discord:900000000000000002' },
      { at: new Date(clock.now().getTime() - 60_000), action: 'save-week', subject: WEEK, detail: 'version 1', actor: 'slack:U0COORD1' },
    ]);
    expect(handed.map((w) => w.version)).toEqual([1, 2]);
  });

  it('saves a week with warnings and returns them', async () => {
    const yaml = `week: ${WEEK}\nverse:\n  text: "Seek justice."\n  reference: Isaiah 1:17\nrequests: []\n`;
    const result = await saveWeekText({ store, clock, config, yaml, actor: 'console', weeks });
    expect(result).toMatchObject({ saved: { version: 1 }, warnings: [{ file: `${WEEK}.yaml`, severity: 'warning' }] });
  });
});
