import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BASE_CONFIG, BASE_WEEK, insertAfter, setLine, treesPerTest, type Tree } from '../../test/fixtures/config/files.js';
import { formatProblem } from '../core/types.js';
import { checkAll } from './check.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const tree = treesPerTest();

async function check(t: Tree): Promise<string[]> {
  const result = await checkAll(t.config, t.prompts);
  return result.problems.map((p) => formatProblem(p).replace(`${t.dir}/`, ''));
}

/** A week file for the week of 2026-12-21, whose Friday (2026-12-25) is a skip date. */
const CHRISTMAS_WEEK = setLine(BASE_WEEK, 1, 'week: 2026-12-21').replace('date: 2026-10-17', 'date: 2026-12-23')
  + '  - region: global-office\n    text: Pray for the fictional partner offices.\n';

describe('checkAll', () => {
  it("loads the repository's own config and prompts without an error", async () => {
    const result = await checkAll(join(repo, 'config', 'prayerbot.yaml'), join(repo, 'prompts'));
    expect(result.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(result.config?.regions.map((r) => r.id)).toEqual(result.config?.rotation);
    expect(result.weeks.map((w) => w.week)).toEqual(['2026-10-12', '2026-11-16']);
    expect(result.weeks[0]?.requests[0]?.key).toBe('2026-10-12/africa-europe-1');
    expect(result.weeks[0]?.requests[0]?.text.endsWith('\n')).toBe(false);
  });

  it('reports a date on a skip date (from the planner) at the date', async () => {
    const t = await tree({ weeks: { '2026-12-21.yaml': CHRISTMAS_WEEK.replace('date: 2026-12-23', 'date: 2026-12-25') } });
    expect(await check(t)).toContain(
      'prompts/2026-12-21.yaml:11:11: 2026-12-25 is a skip date in the config: nothing is posted that day',
    );
  });

  it('warns (without failing) when a holiday week leaves a region without a day', async () => {
    const t = await tree({ weeks: { '2026-12-21.yaml': CHRISTMAS_WEEK } });
    const result = await checkAll(t.config, t.prompts);
    expect(result.problems.map((p) => formatProblem(p).replace(`${t.dir}/`, ''))).toEqual([
      'prompts/2026-12-21.yaml:16:13: warning: Global Office has no posting day this week (4 posting days for 5 regions in the rotation): its requests join the last posting day, Thursday, December 24, 2026',
    ]);
    expect(result.weeks).toHaveLength(1);
  });

  it('reports expires on the post date and more than 31 days after it', async () => {
    const early = await tree({ weeks: { '2026-10-12.yaml': insertAfter(BASE_WEEK, 8, '    expires: 2026-10-12') } });
    expect(await check(early)).toEqual([
      'prompts/2026-10-12.yaml:9:14: expires 2026-10-12 is not after the day it is posted, 2026-10-12',
    ]);
    const late = await tree({ weeks: { '2026-10-12.yaml': insertAfter(BASE_WEEK, 8, '    expires: 2026-11-13') } });
    expect(await check(late)).toEqual([
      'prompts/2026-10-12.yaml:9:14: expires 2026-11-13 is more than 31 days after the day it is posted, 2026-10-12',
    ]);
  });

  it('reports a post cron that fires more than once a day, even with no week files', async () => {
    const t = await tree({ config: setLine(BASE_CONFIG, 3, '  post: "*/30 9 * * 1-5"'), weeks: {} });
    expect(await check(t)).toEqual([
      'config/prayerbot.yaml:3:9: "*/30 9 * * 1-5" fires more than once a day; the post cron needs one time of day (e.g. "0 9 * * 1-5")',
      'prompts:1:1: warning: no week files (<monday>.yaml) here: nothing will be posted',
    ]);
  });

  it('reports every mistake of every file in one run, config first, then by file, line and column', async () => {
    const t = await tree({
      config: setLine(setLine(BASE_CONFIG, 19, 'retire: remove'), 1, 'timezone: Europe/Londn'),
      weeks: {
        '2026-10-19.yaml': setLine(BASE_WEEK, 1, 'week: 2026-10-19'),
        '2026-10-12.yaml': setLine(BASE_WEEK, 12, '  - region: south-asai'),
      },
    });
    expect(await check(t)).toEqual([
      'config/prayerbot.yaml:1:11: unknown time zone "Europe/Londn" (did you mean "Europe/London"?); use an IANA name such as "America/New_York"',
      'config/prayerbot.yaml:19:9: "retire" must be delete or edit, not "remove"',
      // The config has errors, but its regions are still used to check the weeks.
      'prompts/2026-10-12.yaml:12:13: unknown region "south-asai" (did you mean "south-asia"?)',
      'prompts/2026-10-19.yaml:11:11: date 2026-10-17 is outside this week (Monday 2026-10-19 to Sunday 2026-10-25)',
    ]);
  });
});

function cli(args: string[], cwd = repo): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repo, 'dist', 'cli.js'), ...args], { cwd }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('prayerbot check (the built binary)', () => {
  it('exits 0 on the repository with a one-line summary', async () => {
    const { code, stdout } = await cli(['check']);
    expect(stdout).toBe('ok: 1 config, 2 weeks, 10 requests\n');
    expect(code).toBe(0);
  });

  it('exits 1 and prints each problem as file:line:col: message, then the counts', async () => {
    const t = await tree({ weeks: { '2026-10-12.yaml': setLine(BASE_WEEK, 6, '  - regoin: africa-europe'), '2026-12-21.yaml': CHRISTMAS_WEEK } });
    const { code, stdout } = await cli(['--config', 'config/prayerbot.yaml', '--prompts', 'prompts', 'check'], t.dir);
    expect(stdout.split('\n')).toEqual([
      'prompts/2026-10-12.yaml:6:5: missing "region"',
      'prompts/2026-10-12.yaml:6:5: unknown field "regoin" (did you mean "region"?)',
      'prompts/2026-12-21.yaml:16:13: warning: Global Office has no posting day this week (4 posting days for 5 regions in the rotation): its requests join the last posting day, Thursday, December 24, 2026',
      '2 errors, 1 warning',
      '',
    ]);
    expect(code).toBe(1);
  });

  it('exits 0 with warnings only, and 1 naming a missing config file', async () => {
    const t = await tree({ weeks: { '2026-12-21.yaml': CHRISTMAS_WEEK } });
    const warned = await cli(['--config', t.config, '--prompts', t.prompts, 'check']);
    expect(warned.stdout.trimEnd().split('\n').at(-1)).toBe('ok: 1 config, 1 week, 4 requests (1 warning)');
    expect(warned.code).toBe(0);
    const missing = await cli(['--config', 'nowhere/prayerbot.yaml', 'check']);
    expect(missing.stdout).toContain('nowhere/prayerbot.yaml:1:1: file not found (name another with --config FILE)');
    expect(missing.code).toBe(1);
  });

  it('exits 2 on a usage error', async () => {
    const { code, stderr } = await cli(['check', 'extra']);
    expect(stderr).toContain('too many arguments');
    expect(code).toBe(2);
  });
});
