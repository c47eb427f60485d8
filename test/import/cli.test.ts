// `prayerbot import` as a user runs it: the real command in-process with the real config
// loader (output captured), and once through the built CLI as `npx prayerbot` runs it.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportCommandOptions } from '../../src/cli/import.js';
import { loadConfig } from '../../src/config/load-config.js';
import { withoutTranslations } from './without-translations.js';

const ROOT = join(import.meta.dirname, '../..');
// Fictional samples of the weekly update, kept in the repository so a clone tests on its own.
const SAMPLES = join(ROOT, 'test/fixtures/samples');
const CONFIG = join(ROOT, 'config/prayerbot.yaml');
const sample = (monday: string) => join(SAMPLES, `weekly-update-${monday}.txt`);
/** The repository's sample week as `import` writes it (the translations added by hand left out). */
const reference = async (monday: string) => withoutTranslations(await readFile(join(ROOT, 'prompts', `${monday}.yaml`), 'utf8'));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prayerbot-import-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function importCli(file: string, opts: ImportCommandOptions, config = CONFIG) {
  let stdout = '';
  let stderr = '';
  const code = await runImport({ config, prompts: join(ROOT, 'prompts') }, file, opts, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    clock: { now: () => new Date('2026-10-09T15:00:00Z') }, // Friday 2026-10-09 in New York
    loadConfig,
  });
  return { code, stdout, stderr };
}

describe('prayerbot import', () => {
  it('prints the week file on stdout and the warnings on stderr as file:line:col', async () => {
    const run = await importCli(sample('2026-10-12'), { sent: '2026-10-12' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(await reference('2026-10-12'));
    expect(run.stderr).toBe(
      `${sample('2026-10-12')}:12:1: warning: asks for nothing (no "pray", "praise", "thank" or "ask"): kept in notes, not posted\n` +
        `${sample('2026-10-12')}:13:1: warning: "This Saturday" read as Saturday, October 17 (sent 2026-10-12): rewritten and dated 2026-10-17; confirm it\n`,
    );
  });

  it('without --week or --sent plans the coming Monday', async () => {
    const run = await importCli(sample('2026-10-12'), {});
    expect(run.stdout).toMatch(/^week: 2026-10-12\n/);
    expect(run.stderr).toContain('"This Saturday" is relative: give --sent DATE to read it');
  });

  it('-o writes the file (into a folder as <monday>.yaml), then leaves an identical one alone', async () => {
    const first = await importCli(sample('2026-11-16'), { sent: '2026-11-16', output: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Wrote .*2026-11-16\.yaml: week 2026-11-16, 5 requests \(1 dated\), 0 notes; check the 2 warnings above/);
    expect(first.stderr).toContain("South Asia's own day");
    expect(await readFile(join(dir, '2026-11-16.yaml'), 'utf8')).toBe(await reference('2026-11-16'));
    const again = await importCli(sample('2026-11-16'), { sent: '2026-11-16', output: join(dir, '2026-11-16.yaml') });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already up to date');
    expect((await readdir(dir)).sort()).toEqual(['2026-11-16.yaml']); // no temporary files left
  });

  it('-o refuses to replace a different file unless --force', async () => {
    const target = join(dir, '2026-10-12.yaml');
    await writeFile(target, 'week: 2026-10-12 # edited by hand\n');
    const refused = await importCli(sample('2026-10-12'), { sent: '2026-10-12', output: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists and differs; not overwritten (add --force');
    expect(await readFile(target, 'utf8')).toBe('week: 2026-10-12 # edited by hand\n');
    const forced = await importCli(sample('2026-10-12'), { sent: '2026-10-12', output: target, force: true });
    expect(forced.code).toBe(0);
    expect(await readFile(target, 'utf8')).toBe(await reference('2026-10-12'));
  });

  it('-o to a name the bot will not read says so', async () => {
    const run = await importCli(sample('2026-10-12'), { sent: '2026-10-12', output: join(dir, 'update.yaml') });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('name this one 2026-10-12.yaml');
  });

  it("says what `check` will refuse in the file, and still writes it for a human to finish", async () => {
    const noVerse = join(dir, 'no-verse.txt');
    await writeFile(noVerse, 'South Asia\nPray for the new caseworkers.\n');
    const run = await importCli(noVerse, { week: '2026-10-12' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^week: 2026-10-12\nverse:\n  text: ""\n  reference: ""\n/);
    expect(run.stderr).toContain('warning: no verse found');
    expect(run.stderr).toContain('2026-10-12.yaml:3:9: "text" is empty');
    expect(run.stderr).toContain('needs editing before `prayerbot check` passes');
  });

  it('exits 2 on a --week that is not a Monday or a date that is not a date', async () => {
    const tuesday = await importCli(sample('2026-10-12'), { week: '2026-10-13' });
    expect(tuesday).toMatchObject({ code: 2, stdout: '' });
    expect(tuesday.stderr).toBe("prayerbot import: --week 2026-10-13 is a Tuesday; give the week's Monday (2026-10-12)\n");
    expect((await importCli(sample('2026-10-12'), { sent: 'Oct 12' })).code).toBe(2);
  });

  it('exits 1 when the update cannot be read, has no region section, or the config is broken', async () => {
    const missing = await importCli(join(dir, 'nope.txt'), {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const noSections = join(dir, 'letter.txt');
    await writeFile(noSections, 'Dear friends,\nPlease pray for us this week.\n');
    const none = await importCli(noSections, {});
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no region heading found');
    const badConfig = join(dir, 'bad-config.yaml');
    await writeFile(badConfig, 'timezone: Mars/Olympus\n');
    const broken = await importCli(sample('2026-10-12'), {}, badConfig);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`${badConfig}:1:`);
  });
});

describe('the built command', () => {
  it('`prayerbot import SAMPLE --sent DATE` prints exactly the reference file', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'dist/cli.js'), 'import', sample('2026-11-16'), '--sent', '2026-11-16'],
      { cwd: ROOT },
    );
    expect(stdout).toBe(await reference('2026-11-16'));
  });
});
