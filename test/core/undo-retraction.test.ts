// Undo after a retraction keeps the counts: the people who prayed before the retraction stay
// in the tally, and reactions on the re-sent posts count from then on — after a whole-week
// retraction under a new week key, never the forgotten one. Checked on a real SQLite file,
// whose reactions table is read behind the store's back to see which hashes it holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import { personHash } from '../../src/core/reactions.js';
import { ledgerKeyOf } from '../../src/core/types.js';
import { openStore } from '../../src/store/open-store.js';
import { harness, type Harness } from './harness.js';

const WEEK = '2026-10-12';
const MONDAY = ledgerKeyOf('slack', 'C0STAFF01', WEEK, 0);
/** Fictional Slack users. */
const ANA = 'U0VOL0001';
const BEN = 'U0VOL0002';
const CY = 'U0VOL0003';
const DEE = 'U0VOL0004';

const folder = mkdtempSync(join(tmpdir(), 'prayerbot-undo-'));
let n = 0;
const opened: Harness[] = [];
afterEach(async () => {
  for (const h of opened.splice(0).reverse()) await h.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function freshFile(): string {
  return join(folder, `bot-${++n}.db`);
}

async function botOn(file: string, week = testWeek(WEEK), owner = 'bot'): Promise<Harness> {
  const h = await harness(testConfig(), [week], '2026-10-12T13:00:30Z', { store: await openStore(`sqlite:${file}`), owner });
  opened.push(h);
  return h;
}

/** Every person hash in the file, read behind the store's back (a short-lived connection). */
function storedHashes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT person_hash FROM reactions').all() as Array<{ person_hash: string }>).map((r) => r.person_hash).sort();
  } finally {
    db.close();
  }
}

async function pray(h: Harness, messageId: string, userId: string): Promise<void> {
  await h.bot.reaction({ platform: 'slack', channelId: 'C0STAFF01', messageId, userId, variant: 'pray', present: true, orderMicros: h.clock.now().getTime() * 1000 });
  await h.bot.drain();
}

/** The counts of Monday's Slack post, earlier copies first. */
async function mondayCounts(h: Harness): Promise<number[]> {
  return (await h.bot.tally(WEEK)).rows.filter((r) => r.platform === 'slack' && r.date === WEEK).map((r) => r.count);
}

describe('undo after a retraction', () => {
  it('keeps the counts from before a whole-week retraction and counts the re-sent post under a new key', async () => {
    const file = freshFile();
    const h = await botOn(file);
    await h.bot.sweep();
    const first = h.slack.messages[0]!;
    for (const user of [ANA, BEN, CY]) await pray(h, first.id, user);
    const oldKey = (await h.store.weekKey(WEEK, h.clock.now()))!;
    const oldHashes = [ANA, BEN, CY, DEE].map((u) => personHash(oldKey, 'slack', u));
    expect((await h.bot.tally(WEEK)).total).toBe(3);

    h.clock.advance(60_000);
    await h.bot.retract(WEEK);
    expect(first.deleted).toBe(true);
    expect(await h.store.getPost(MONDAY)).toMatchObject({ state: 'retracted', frozenCount: 3 });
    expect(await h.store.weeksWithKeys()).toEqual([]);
    expect(storedHashes(file)).toEqual([]);

    h.clock.advance(60_000);
    const undone = await h.bot.retract(WEEK, { undo: true });
    expect(undone.map((a) => [a.action, a.post, a.done])).toEqual([
      ['retract', MONDAY, true],
      ['reopen-week', WEEK, true],
    ]);
    // The counts from before stay; the day may be sent again; counting is open again.
    expect((await h.bot.tally(WEEK)).total).toBe(3);
    expect(await h.store.getPost(MONDAY)).toBeUndefined();
    expect(await h.store.weeksWithKeys()).toEqual([WEEK]);
    const newKey = (await h.store.weekKey(WEEK, h.clock.now()))!;
    expect(newKey.equals(oldKey)).toBe(false);
    const [undo] = await h.store.listAudit(1);
    expect(undo).toMatchObject({ action: 'retract-undo', subject: WEEK, detail: '1 ledger entries cleared, their counts kept; counting re-opened under a new week key' });

    h.clock.advance(60_000);
    await h.bot.sweep(); // still inside catch_up_hours: Monday goes out again
    const again = h.slack.visible()[0]!;
    expect(again.id).not.toBe(first.id);
    await pray(h, again.id, ANA); // prayed before the retraction too
    await pray(h, again.id, DEE);

    const summary = await h.bot.tally(WEEK);
    expect(summary.total).toBe(5);
    expect(await mondayCounts(h)).toEqual([3, 2]);
    expect(summary.byRegion['africa-europe']).toBe(5);
    expect(summary.byPlatform.slack).toBe(5);
    // Ana counts on both copies: her two hashes are under different keys, and the old one is gone.
    const stored = storedHashes(file);
    expect(stored).toEqual([ANA, DEE].map((u) => personHash(newKey, 'slack', u)).sort());
    for (const old of oldHashes) expect(stored).not.toContain(old);

    // Staff see before + after wherever the tally shows: /pray stats and the digest.
    const stats = await h.bot.pray({ platform: 'console', channelId: 'console', userId: 'console', roleIds: [], text: 'stats' });
    expect(stats.kind === 'text' && stats.text).toMatch(/2026-10-12 +slack +C0STAFF01 +0 \(before undo\) +Africa & Europe +3\n2026-10-12 +slack +C0STAFF01 +0 +Africa & Europe +2\n/);
    expect(stats.kind === 'text' && stats.text).toContain('total 5');
    h.clock.set('2026-10-16T20:00:00Z');
    expect(await h.bot.digest()).toBe(true);
    expect(h.slack.staffTexts.at(-1)!.text).toContain('Prayer tally for the week of 2026-10-12: 5 🙏 in all');

    // When the week's requests have expired, the new key is forgotten in turn; counts stay.
    h.clock.set('2026-10-30T05:00:00Z');
    await h.bot.retire();
    expect(await h.store.weeksWithKeys()).toEqual([]);
    expect(storedHashes(file)).toEqual([]);
    expect((await h.bot.tally(WEEK)).total).toBe(5);
  });

  it('keeps the counts of the posts a request retraction took down, under the same week key', async () => {
    const file = freshFile();
    const h = await botOn(file, testWeek(WEEK, [{ region: 'africa-europe', audience: 'everyone' }]));
    await h.bot.sweep();
    const first = h.slack.messages[0]!;
    await pray(h, first.id, ANA);
    await pray(h, first.id, BEN);
    const key = (await h.store.weekKey(WEEK, h.clock.now()))!;

    h.clock.advance(60_000);
    await h.bot.retract(`${WEEK}/africa-europe-1`);
    expect(h.slack.visible()).toHaveLength(0);
    expect(h.discord.visible()).toHaveLength(0);
    expect((await h.bot.tally(WEEK)).total).toBe(2);

    h.clock.advance(60_000);
    const undone = await h.bot.retract(`${WEEK}/africa-europe-1`, { undo: true });
    expect(undone.map((a) => a.action)).toEqual(['retract', 'retract']); // both copies; the week was never forgotten
    expect((await h.bot.tally(WEEK)).total).toBe(2);
    expect((await h.store.weekKey(WEEK, h.clock.now()))?.equals(key)).toBe(true);
    // The copy that is gone keeps a count, not who prayed on it.
    expect(storedHashes(file)).toEqual([]);

    h.clock.advance(60_000);
    await h.bot.postDay(WEEK, { manual: true });
    const again = h.slack.visible()[0]!;
    await pray(h, again.id, ANA);
    expect((await h.bot.tally(WEEK)).total).toBe(3);
    expect(await mondayCounts(h)).toEqual([2, 1]);
    expect(storedHashes(file)).toEqual([personHash(key, 'slack', ANA)]);
  });

  it('counts a post re-sent by a running bot under the new key, when another process retracted and undid the week', async () => {
    const file = freshFile();
    const running = await botOn(file);
    const cli = await botOn(file, testWeek(WEEK), 'cli');
    await running.bot.sweep();
    await pray(running, running.slack.messages[0]!.id, ANA); // the running bot now knows the week's key
    const oldKey = (await running.store.weekKey(WEEK, running.clock.now()))!;

    await cli.bot.retract(WEEK);
    await cli.bot.retract(WEEK, { undo: true });
    const newKey = (await cli.store.weekKey(WEEK, cli.clock.now()))!;

    running.clock.advance(2_000);
    await running.bot.sweep();
    const again = running.slack.messages[running.slack.messages.length - 1]!;
    running.clock.advance(1_000);
    await pray(running, again.id, BEN);
    expect(storedHashes(file)).toEqual([personHash(newKey, 'slack', BEN)]);
    expect(storedHashes(file)).not.toContain(personHash(oldKey, 'slack', BEN));
    expect((await running.bot.tally(WEEK)).total).toBe(2);
  });
});
