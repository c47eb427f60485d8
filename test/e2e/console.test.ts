// The first run as a new user meets it: `prayerbot run` with no token is the console chat.
// It always shows one post within seconds, answers /pray and counts `react` — and a second
// start the same day reprints the post from the ledger instead of sending it again.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mondayOf, todayIn, weekdayName } from '../../src/core/time.js';
import { configYaml, tempProject, weekYaml, type Project } from './project.js';

const CLI = join(process.cwd(), 'dist', 'cli.js');
let project: Project | undefined;
afterEach(() => project?.remove());

/** Runs the console chat, types `lines` once it is ready, and returns what it printed. */
function chat(p: Project, lines: string[], until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', '--config', p.configPath, '--prompts', p.promptsDir], {
      cwd: p.dir,
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: `sqlite:${p.dbPath}`, PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let typed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${until} in:\n${out}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!typed && out.includes('prayerbot ready')) {
        typed = true;
        for (const line of lines) child.stdin.write(`${line}\n`);
      }
      if (typed && until.test(out)) {
        clearTimeout(timer);
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe('the console chat', () => {
  it("shows today's post, answers /pray and react, and reprints it from the ledger on the next start", async () => {
    const today = todayIn('UTC', new Date());
    const monday = mondayOf(today);
    project = tempProject(configYaml({ timezone: 'UTC', post: '0 0 * * *', catchUp: 24, channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }));
    project.writeWeek(monday, weekYaml(monday, `  - region: latin-america\n    id: today\n    title: Today's fictional request\n    text: Pray for the families meeting the prosecutors today.\n    date: ${today}\n`));

    const first = await chat(project, ['/pray latin america', 'react', '/pray stats'], /total 1/);
    expect(first).toContain(`Prayer for ${weekdayName(today)}`);
    expect(first).not.toContain('REPLAY');
    expect(first).toContain('Pray for the families meeting the prosecutors today.');
    expect(first).toContain('🙏 Thank you for praying.');
    expect(first).toMatch(/Latin America\s+1 █/);

    const second = await chat(project, ['/pray stats'], /total 1/);
    expect(second).toContain('already posted today');
    expect(second).toContain('Pray for the families meeting the prosecutors today.');
  });

  it('replays the newest week on the nearest day that has a post when today has none', async () => {
    project = tempProject(configYaml({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }));
    project.writeWeek('2026-10-05', weekYaml('2026-10-05'));
    project.writeWeek('2026-10-12', weekYaml('2026-10-12'));
    const out = await chat(project, ['/pray', 'react', '/pray stats'], /total 1/);
    // The newest week's days run Monday to Friday; its nearest to any later date is Friday.
    expect(out).toContain('REPLAY of 2026-10-16');
    expect(out).toContain('Prayer for Friday, October 16, 2026');
    expect(out).toContain('Pray for the global-office team');
    // A replay's store is in memory: nothing is written to the project's database.
    const again = await chat(project, ['/pray stats'], /total 0/);
    expect(again).toContain('REPLAY of 2026-10-16');
  });
});
