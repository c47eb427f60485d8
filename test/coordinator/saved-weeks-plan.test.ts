// The plan = config + prompts/*.yaml + the weeks saved on the coordinator page. A saved week
// replaces the file of the same week, and the plan, `check` and `preview` say so; `check`
// and `preview` read the store named by DATABASE_URL and only warn when it cannot be reached.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/config/plan-source.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { configYaml, tempProject, weekYaml, type Project } from '../e2e/project.js';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const WEEK = '2026-11-16';
const SAVED_AT = new Date('2026-11-12T19:03:00Z'); // 14:03 in New York
const NOTE = 'is replaced by the version saved on the page on Thursday, November 12, 2026 at 14:03 EST (version 1)';

let project: Project;

beforeEach(() => {
  project = tempProject(configYaml({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }));
});
afterEach(() => project.remove());

const fileWeek = () => weekYaml(WEEK).replace('Pray for the latin-america team', 'Pray for the latin-america team (from the file)');
const savedWeek = () => weekYaml(WEEK).replace('Pray for the latin-america team', 'Pray for the latin-america team (saved on the page)');

async function save(week: string, yaml: string, at = SAVED_AT): Promise<void> {
  mkdirSync(dirname(project.dbPath), { recursive: true });
  const store = SqliteStore.open(project.dbPath);
  try {
    await store.saveWeek(week, yaml, 'slack:U0COORD1', at);
  } finally {
    await store.close();
  }
}

async function cli(args: string[], env: Record<string, string> = { DATABASE_URL: `sqlite:${project.dbPath}` }) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args, '--config', project.configPath, '--prompts', project.promptsDir], {
      cwd: project.dir,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('saved weeks in the plan', () => {
  it('replace the file of the same week, and the plan says so where the file is', async () => {
    project.writeWeek(WEEK, fileWeek());
    project.writeWeek('2026-11-23', weekYaml('2026-11-23'));
    const saved = [{ week: WEEK, version: 1, yaml: savedWeek(), actor: 'slack:U0COORD1', savedAt: SAVED_AT }];
    const loaded = await loadPlan(project.configPath, project.promptsDir, true, saved);
    const texts = loaded.state!.weeks.flatMap((w) => w.requests.map((r) => r.text));
    expect(texts).toContain('Pray for the latin-america team (saved on the page) as they serve families this week. <!channel> should stay silent.');
    expect(texts.some((t) => t.includes('(from the file)'))).toBe(false);
    expect(loaded.state!.weeks.map((w) => [w.week, w.source])).toEqual([
      [WEEK, `${WEEK}.yaml`],
      ['2026-11-23', join(project.promptsDir, '2026-11-23.yaml')],
    ]);
    const file = join(project.promptsDir, `${WEEK}.yaml`);
    expect(loaded.problems).toEqual([{ file, line: 1, col: 1, severity: 'warning', message: `${file} ${NOTE}: edits to this file are not used` }]);
    // A save is the newest change to the plan (the replicas' plan check orders by it).
    expect(loaded.state!.version.getTime()).toBeGreaterThanOrEqual(SAVED_AT.getTime());
    const withoutSave = await loadPlan(project.configPath, project.promptsDir, true);
    expect(withoutSave.state!.hash).not.toBe(loaded.state!.hash);
  });

  it('replace a broken file, whose errors then no longer stop the plan', async () => {
    project.writeWeek(WEEK, fileWeek().replace('region: south-asia', 'region: south-asai'));
    expect((await loadPlan(project.configPath, project.promptsDir, true)).state).toBeUndefined();
    const saved = [{ week: WEEK, version: 3, yaml: savedWeek(), actor: 'cli', savedAt: SAVED_AT }];
    const loaded = await loadPlan(project.configPath, project.promptsDir, true, saved);
    expect(loaded.state?.weeks.map((w) => w.week)).toEqual([WEEK]);
    expect(loaded.problems.map((p) => p.severity)).toEqual(['warning']);
  });

  it('add weeks that have no file, with no note', async () => {
    const saved = [{ week: WEEK, version: 1, yaml: savedWeek(), actor: 'cli', savedAt: SAVED_AT }];
    const loaded = await loadPlan(project.configPath, project.promptsDir, true, saved);
    expect(loaded.state?.weeks.map((w) => w.week)).toEqual([WEEK]);
    expect(loaded.problems).toEqual([]);
  });
});

describe('check and preview read the saved weeks from the store', () => {
  it('check lists the replaced file and passes', async () => {
    project.writeWeek(WEEK, fileWeek().replace('region: south-asia', 'region: south-asai'));
    expect((await cli(['check'])).code).toBe(1);
    await save(WEEK, savedWeek());
    const { code, stdout, stderr } = await cli(['check']);
    expect(stderr).toBe('');
    expect(stdout).toContain(`${join(project.promptsDir, `${WEEK}.yaml`)}:1:1: warning: ${join(project.promptsDir, `${WEEK}.yaml`)} ${NOTE}`);
    expect(stdout).not.toContain('south-asai');
    expect(stdout).toContain('ok: 1 config, 1 week, 5 requests (1 warning)');
    expect(code).toBe(0);
  });

  it('check reports a saved week that the config no longer accepts, at its line', async () => {
    await save(WEEK, savedWeek().replace('region: south-asia', 'region: west-asia'));
    const { code, stdout } = await cli(['check']);
    expect(stdout).toMatch(new RegExp(`^${WEEK}\\.yaml:\\d+:\\d+: unknown region "west-asia"`, 'm'));
    expect(code).toBe(1);
  });

  it('check warns, and checks the files alone, when the store cannot be reached', async () => {
    project.writeWeek(WEEK, fileWeek());
    const { code, stdout, stderr } = await cli(['check'], { DATABASE_URL: 'postgres://prayerbot:not-the-password@127.0.0.1:1/prayerbot' });
    expect(stderr).toContain('prayerbot check: warning: the weeks saved on the coordinator page were not read, so only the files are used');
    expect(stderr).not.toContain('not-the-password');
    expect(stdout).toContain('ok: 1 config, 1 week');
    expect(code).toBe(0);
  });

  it('preview shows the saved version and says which file it replaces', async () => {
    project.writeWeek(WEEK, fileWeek());
    await save(WEEK, savedWeek());
    const { code, stdout, stderr } = await cli(['preview', '--week', WEEK]);
    expect(stdout).toContain('(saved on the page)');
    expect(stdout).not.toContain('(from the file)');
    expect(stderr).toContain(`${join(project.promptsDir, `${WEEK}.yaml`)} ${NOTE}`);
    expect(code).toBe(0);
  });

  it('preview warns when the store cannot be reached and shows the file', async () => {
    project.writeWeek(WEEK, fileWeek());
    const { code, stdout, stderr } = await cli(['preview', '--week', WEEK], { DATABASE_URL: 'postgres://prayerbot@127.0.0.1:1/prayerbot' });
    expect(stderr).toContain('prayerbot preview: warning: the weeks saved on the coordinator page were not read');
    expect(stdout).toContain('(from the file)');
    expect(code).toBe(0);
  });
});
