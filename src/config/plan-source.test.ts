// Hot reload that stays up: whatever goes wrong while reloading (the loader, a listener, the
// watcher, the prompts folder going away) the last good plan keeps running, the failure is
// logged without its message and reported, and later edits still apply.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_WEEK, writeTree, type Tree } from '../../test/fixtures/config/files.js';
import type { PlanState } from '../core/plan-state.js';
import type { Problem } from '../core/types.js';
import { loadPlan, PlanSource, type PlanFailure, type PlanSourceOptions } from './plan-source.js';

const NEXT_WEEK = BASE_WEEK.replace('week: 2026-10-12', 'week: 2026-10-19').replace('2026-10-17', '2026-10-24');
const SECRET = 'xoxb-1234-secret and a fictional request text';

interface Logged {
  level: string;
  fields: object;
  msg?: string;
}

function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - started > ms ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 25));
    tick();
  });
}

const trees: Tree[] = [];
const sources: PlanSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.close()));
  await Promise.all(trees.splice(0).map((t) => rm(t.dir, { recursive: true, force: true })));
});

/** A PlanSource on a fresh project, with everything it reports recorded. */
async function started(options: PlanSourceOptions & { changed?: (state: PlanState) => Promise<void> | void } = {}) {
  const tree = await writeTree();
  trees.push(tree);
  const first = (await loadPlan(tree.config, tree.prompts, true)).state!;
  const logs: Logged[] = [];
  const log = {
    debug: (fields: object, msg?: string) => logs.push({ level: 'debug', fields, msg }),
    info: (fields: object, msg?: string) => logs.push({ level: 'info', fields, msg }),
    warn: (fields: object, msg?: string) => logs.push({ level: 'warn', fields, msg }),
    error: (fields: object, msg?: string) => logs.push({ level: 'error', fields, msg }),
  };
  const applied: PlanState[] = [];
  const broken: Problem[][] = [];
  const failures: PlanFailure[] = [];
  const source = new PlanSource(
    first,
    { config: tree.config, prompts: tree.prompts },
    log,
    {
      changed: async (state) => {
        await options.changed?.(state);
        applied.push(state);
      },
      broken: (problems) => void broken.push(problems),
      failed: (failure) => void failures.push(failure),
    },
    { checkMs: 100, ...options },
  );
  sources.push(source);
  await source.watch();
  const weeks = () => source.current().weeks.map((w) => w.week);
  return { tree, source, logs, applied, broken, failures, weeks };
}

describe('PlanSource', () => {
  it('a loader that throws: logged by name and code only, reported, the last good plan kept, and the next edit applies', async () => {
    let throwing = true;
    const s = await started({
      load: async (config, prompts, strict) => {
        if (throwing) throw Object.assign(new TypeError(SECRET), { code: 'E_FICTIONAL' });
        return loadPlan(config, prompts, strict);
      },
    });
    writeFileSync(join(s.tree.prompts, '2026-10-19.yaml'), NEXT_WEEK);
    await until('the failure report', () => s.failures.length === 1);
    expect(s.failures[0]).toMatchObject({ kind: 'reload', retryMs: 60_000 });
    expect(s.weeks()).toEqual(['2026-10-12']);
    const failedLine = s.logs.find((l) => l.msg?.includes('plan reload failed'));
    expect(failedLine?.fields).toEqual({ error: 'TypeError', code: 'E_FICTIONAL', retryInSeconds: 60 });
    expect(JSON.stringify(s.logs)).not.toContain('secret');

    throwing = false;
    writeFileSync(join(s.tree.prompts, '2026-10-19.yaml'), `${NEXT_WEEK}\n`);
    await until('the next edit', () => s.weeks().includes('2026-10-19'));
    expect(s.applied).toHaveLength(1);
  });

  it('a listener that throws while applying (the store refusing the new plan) keeps the old plan in force, and a retry applies it', async () => {
    let refusing = true;
    const s = await started({
      retryMs: 200,
      changed: () => {
        if (refusing) throw Object.assign(new Error(SECRET), { code: 'SQLITE_BUSY' });
      },
    });
    writeFileSync(join(s.tree.prompts, '2026-10-19.yaml'), NEXT_WEEK);
    await until('the failure report', () => s.failures.length > 0);
    expect(s.weeks()).toEqual(['2026-10-12']);
    // Retried with no further edit; each retry of the same edit carries the same key.
    await until('a retry', () => s.failures.length >= 2);
    expect(new Set(s.failures.map((f) => f.key)).size).toBe(1);
    refusing = false;
    await until('the retry that applies it', () => s.weeks().includes('2026-10-19'));
  });

  it('a failure report that itself throws (the store down) is logged, and reloading goes on', async () => {
    const tree = await writeTree();
    trees.push(tree);
    const first = (await loadPlan(tree.config, tree.prompts, true)).state!;
    const messages: string[] = [];
    const log = { debug() {}, info() {}, warn() {}, error: (_f: object, msg?: string) => void messages.push(msg ?? '') };
    let current = first;
    const source = new PlanSource(first, { config: tree.config, prompts: tree.prompts }, log, {
      changed: (state) => void (current = state),
      broken: () => {
        throw new Error('store down');
      },
      failed: () => {
        throw new Error('store down');
      },
    }, { checkMs: 100 });
    sources.push(source);
    await source.watch();
    writeFileSync(join(tree.prompts, '2026-10-19.yaml'), 'week: [');
    await until('the failed report', () => messages.includes('could not tell staff that the plan could not be reloaded'));
    writeFileSync(join(tree.prompts, '2026-10-19.yaml'), NEXT_WEEK);
    await until('the next edit', () => current.weeks.some((w) => w.week === '2026-10-19'));
  });

  it('survives a watcher error: logged, staff told once, and edits still apply', async () => {
    const made: FSWatcher[] = [];
    const s = await started({
      watchWith: (paths, options) => {
        const watcher = chokidar.watch(paths, options);
        made.push(watcher);
        return watcher;
      },
    });
    const limit = () => Object.assign(new Error(`ENOSPC: System limit for number of file watchers reached, watch '${s.tree.prompts}'`), { code: 'ENOSPC' });
    made[0]!.emit('error', limit());
    await until('a new watcher', () => made.length >= 2);
    made.at(-1)!.emit('error', limit());
    await until('a third watcher', () => made.length >= 3);
    expect(s.failures.map((f) => f.kind)).toEqual(['watch']);
    expect(s.logs.filter((l) => l.msg?.includes('watching config/ and prompts/ failed')).map((l) => l.fields)).toEqual([
      { error: 'Error', code: 'ENOSPC' },
      { error: 'Error', code: 'ENOSPC' },
    ]);
    writeFileSync(join(s.tree.prompts, '2026-10-19.yaml'), NEXT_WEEK);
    await until('the edit after the errors', () => s.weeks().includes('2026-10-19'));
  });

  it('watches a prompts folder deleted and created again: a new week file there is picked up', async () => {
    const s = await started();
    rmSync(s.tree.prompts, { recursive: true });
    // Meanwhile the folder is missing: an error, so the last good plan stays.
    await until('the missing folder reported', () => s.broken.length > 0);
    expect(s.weeks()).toEqual(['2026-10-12']);
    mkdirSync(s.tree.prompts);
    writeFileSync(join(s.tree.prompts, '2026-10-12.yaml'), BASE_WEEK);
    writeFileSync(join(s.tree.prompts, '2026-10-19.yaml'), NEXT_WEEK);
    await until('the new week file', () => s.weeks().includes('2026-10-19'));
    // And edits after that are seen too.
    writeFileSync(join(s.tree.prompts, '2026-10-19.yaml'), NEXT_WEEK.replace('fictional training day', 'fictional planning day'));
    await until('an edit in the new folder', () => s.source.current().weeks.some((w) => w.requests.some((r) => r.text.includes('planning day'))));
  });

  it('watches a prompts folder swapped for another by a rename', async () => {
    const s = await started();
    const incoming = join(s.tree.dir, 'prompts.new');
    mkdirSync(incoming);
    writeFileSync(join(incoming, '2026-10-12.yaml'), BASE_WEEK);
    renameSync(s.tree.prompts, join(s.tree.dir, 'prompts.old'));
    renameSync(incoming, s.tree.prompts);
    await new Promise((r) => setTimeout(r, 400));
    writeFileSync(join(s.tree.prompts, '2026-10-19.yaml'), NEXT_WEEK);
    await until('the new week file', () => s.weeks().includes('2026-10-19'));
  });
});
