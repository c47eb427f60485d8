// `prayerbot retract --week` through the built CLI, as an operator runs it next to a running
// bot: the week's key and hashes are forgotten — and gone from the SQLite files — by the time
// the command exits.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { personHash } from '../core/reactions.js';
import { ledgerKeyOf } from '../core/types.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../core/store.js';
import { configYaml, tempProject, weekYaml, type Project } from '../../test/e2e/project.js';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const OLD = '2026-10-12';
const NEW = '2026-10-19';
const T0 = new Date('2026-10-13T13:00:00Z');

let project: Project | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  project?.remove();
});

async function prayerbot(p: Project, ...args: string[]): Promise<{ code: number; out: string }> {
  const run = promisify(execFile)(process.execPath, [CLI, ...args, '--config', p.configPath, '--prompts', p.promptsDir], {
    cwd: p.dir,
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: `sqlite:${p.dbPath}` },
  });
  try {
    const { stdout, stderr } = await run;
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** A retired post of `week` with `people` 🙏 still stored under the week's key. */
async function reacted(week: string, date: string, people: number): Promise<{ key: Buffer; hashes: string[]; post: string }> {
  const post = ledgerKeyOf('slack', 'C0STAFF01', date, 0);
  await store!.claimPost({ key: post, platform: 'slack', channelId: 'C0STAFF01', date, part: 0, week, regions: ['latin-america'], requestKeys: [`${week}/latin-america-1`] }, 'bot', T0, 120_000);
  await store!.markSent(post, 'bot', `m-${date}`, T0);
  const key = (await store!.weekKey(week, T0))!;
  const hashes = Array.from({ length: people }, (_, i) => personHash(key, 'slack', `U0VOL${i}`));
  await store!.applyReactions(hashes.map((personHash, i) => ({ postKey: post, personHash, variant: 'pray', present: true, orderMicros: T0.getTime() * 1000 + i })));
  await store!.endPost(post, 'retired', T0);
  return { key, hashes, post };
}

describe('prayerbot retract --week', () => {
  it('forgets the week before it exits, while a bot keeps the same database open', async () => {
    project = tempProject(
      configYaml({ channels: '  - { platform: slack, id: "C0STAFF01", audience: staff }', staffReport: '  - { platform: slack, id: "C0COORD01" }' }),
    );
    project.writeWeek(OLD, weekYaml(OLD));
    project.writeWeek(NEW, weekYaml(NEW));
    store = await openStore(`sqlite:${project.dbPath}`); // the running bot's connection
    const old = await reacted(OLD, '2026-10-13', 60);
    await reacted(NEW, '2026-10-20', 5);

    const dry = await prayerbot(project, 'retract', '--week', OLD, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`forget-week ${OLD}: reactor hashes deleted; counts kept`);
    expect(await store.weeksWithKeys()).toEqual([OLD, NEW]);

    const run = await prayerbot(project, 'retract', '--week', OLD);
    expect(run.out).toContain(`${OLD} retracted.\n  No posted copy was live.\n  forget-week ${OLD}: reactor hashes deleted; counts kept\n`);
    expect(run.out).not.toContain('NOT DONE');
    expect(run.code).toBe(0);

    expect(await store.weeksWithKeys()).toEqual([NEW]);
    expect((await store.getPost(old.post))?.frozenCount).toBe(60);
    expect((await store.listAudit(10)).map((e) => [e.action, e.subject])).toContainEqual(['forget-week', OLD]);
    // Nothing of the week is left in the files the bot still has open.
    const files = ['', '-wal', '-shm'].filter((s) => existsSync(project!.dbPath + s)).map((s) => readFileSync(project!.dbPath + s));
    const needles = [old.key, Buffer.from(old.key.toString('hex')), ...old.hashes.flatMap((h) => [Buffer.from(h), Buffer.from(h, 'base64url')])];
    expect(needles.filter((n) => files.some((f) => f.includes(n)))).toEqual([]);
  });
});
