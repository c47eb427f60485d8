// `prayerbot import FILE [--week DATE] [--sent DATE] [-o FILE] [--force]`: the plain-text
// weekly update to a week file. Without -o the YAML goes to standard output; warnings always
// go to standard error as `FILE:LINE:1: warning: …`. Exit 0 when written (warnings allowed),
// 1 when the update cannot be read or has no region section (or -o would overwrite a
// different file), 2 on usage errors (a date that is not a date, a --week that is not a Monday).
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { GlobalOptions } from '../cli.js';
import { planProblems } from '../config/check.js';
import { loadConfig } from '../config/load-config.js';
import { loadWeekText } from '../config/load-week.js';
import { systemClock, type Clock } from '../core/ports.js';
import { todayIn } from '../core/time.js';
import { formatProblem, type Config, type Loaded, type Problem } from '../core/types.js';
import { checkDateOptions, importUpdate, type ImportWarning } from '../import/import-update.js';

export interface ImportCommandOptions {
  week?: string;
  sent?: string;
  output?: string;
  /** Replace an existing -o file. */
  force?: boolean;
}

/** What the command touches outside its arguments, so tests can run it in-process. */
export interface ImportIo {
  stdout(text: string): void;
  stderr(text: string): void;
  clock: Clock;
  loadConfig(path: string): Promise<Loaded<Config>>;
}

const defaultIo: ImportIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  clock: systemClock,
  loadConfig,
};

/** An update larger than this is not a weekly update. */
const MAX_INPUT_BYTES = 1024 * 1024;

export async function importCommand(globals: GlobalOptions, file: string, opts: ImportCommandOptions): Promise<number> {
  return runImport(globals, file, opts, defaultIo);
}

function formatWarning(file: string, w: ImportWarning): string {
  return w.line === undefined
    ? `${file}: warning: ${w.message}`
    : formatProblem({ file, line: w.line, col: 1, severity: 'warning', message: w.message });
}

async function readUpdate(file: string): Promise<{ text: string } | { error: string }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { error: `${file} is a folder, not a text file` };
    if (info.size > MAX_INPUT_BYTES) return { error: `${file} is ${info.size} bytes; a weekly update is plain text under 1 MiB` };
    const bytes = await readFile(file);
    if (bytes.includes(0)) return { error: `${file} is not a plain-text file` };
    return { text: bytes.toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    return { error: `cannot read ${file}: ${why}` };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `text` to `target` through a temporary file in the same folder, so a bot watching
 * prompts/ never reads half a file. Without `force` an existing file is never replaced.
 */
async function writeAtomically(target: string, text: string, force: boolean): Promise<'written' | 'exists'> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, text, { flag: 'wx' });
  try {
    if (force) {
      await rename(temp, target);
      return 'written';
    }
    try {
      await link(temp, target); // fails if target exists: no race with another writer
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
    return 'written';
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

export async function runImport(globals: GlobalOptions, file: string, opts: ImportCommandOptions, io: ImportIo): Promise<number> {
  const say = (line: string) => io.stderr(`${line}\n`);

  const usage = checkDateOptions({ week: opts.week, sent: opts.sent });
  if (usage) {
    say(`prayerbot import: ${usage.message}`);
    return 2;
  }

  const input = await readUpdate(file);
  if ('error' in input) {
    say(`prayerbot import: ${input.error}`);
    return 1;
  }

  const loaded = await io.loadConfig(globals.config);
  const config = loaded.value;
  if (!config) {
    for (const p of loaded.problems) say(formatProblem(p));
    say(`prayerbot import: the config ${globals.config} has errors; the importer needs its regions and schedule`);
    return 1;
  }

  const result = importUpdate(input.text, config, {
    ...(opts.week !== undefined && { week: opts.week }),
    ...(opts.sent !== undefined && { sent: opts.sent }),
    today: todayIn(config.timezone, io.clock.now()),
  });
  for (const w of result.warnings) say(formatWarning(file, w));
  if (!result.ok) {
    say(`prayerbot import: ${file}: ${result.error.message}`);
    return result.error.code === 'no-sections' ? 1 : 2;
  }

  const weekName = `${result.week.week}.yaml`;
  let target: string | undefined = opts.output;
  if (target !== undefined) {
    try {
      if ((await stat(target)).isDirectory()) target = join(target, weekName);
    } catch {
      // Not there yet: a file to create.
    }
  }

  // What `prayerbot check` will say about the file (a missing verse, a request too long…).
  const checked = loadWeekText(target ?? weekName, result.yaml, config);
  const problems: Problem[] = [...checked.problems, ...(checked.value ? planProblems(config, checked.value) : [])];
  for (const p of problems) say(formatProblem(p));
  if (problems.some((p) => p.severity === 'error')) {
    say('prayerbot import: the week file needs editing before `prayerbot check` passes (see above)');
  }

  if (target === undefined) {
    io.stdout(result.yaml);
    return 0;
  }

  const named = /^(\d{4}-\d{2}-\d{2})\.yaml$/.exec(basename(target));
  if (!named || named[1] !== result.week.week) {
    say(`${target}: warning: the bot reads a week file only as <monday>.yaml in --prompts; name this one ${weekName}`);
  }
  if (await exists(target)) {
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === result.yaml) {
      io.stdout(`${target} is already up to date (week ${result.week.week}).\n`);
      return 0;
    }
    if (!opts.force) {
      say(`prayerbot import: ${target} already exists and differs; not overwritten (add --force to replace it, or choose another -o)`);
      return 1;
    }
  }
  try {
    if ((await writeAtomically(target, result.yaml, opts.force === true)) === 'exists') {
      say(`prayerbot import: ${target} already exists; not overwritten (add --force to replace it)`);
      return 1;
    }
  } catch (error) {
    say(`prayerbot import: cannot write ${target}: ${(error as Error).message}`);
    return 1;
  }
  const { requests, notes } = result.week;
  const dated = requests.filter((r) => r.date !== undefined).length;
  const warned = result.warnings.length + problems.length;
  io.stdout(
    `Wrote ${target}: week ${result.week.week}, ${requests.length} request${requests.length === 1 ? '' : 's'}` +
      ` (${dated} dated), ${notes.length} note${notes.length === 1 ? '' : 's'}` +
      (warned > 0 ? `; check the ${warned} warning${warned === 1 ? '' : 's'} above` : '') +
      '. Then run `prayerbot check`.\n',
  );
  return 0;
}
