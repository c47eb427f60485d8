// The one contract every Store implementation passes, run against real databases
// (test/store/sqlite.test.ts, test/store/postgres.test.ts).
//
// `makeStore()` opens a new Store on the database of the current test; calling it twice in
// a test gives two instances (two connections, two pools) on the same database, which is how
// the races between processes and replicas are played. The calling file gives each test a
// fresh database in its own beforeEach; the contract closes every store it opened.
import { afterEach, describe, expect, it } from 'vitest';
import type { PostClaim, ReactionChange, Store } from '../../src/core/store.js';
import { ledgerKeyOf, type LocalDate, type PlatformName } from '../../src/core/types.js';

export interface StorePeek {
  /** Every person hash stored in the database, read behind the port's back (privacy checks). */
  storedHashes(): Promise<string[]>;
}

const WEEK = '2026-10-12';
const NEXT_WEEK = '2026-10-19';
const T0 = new Date('2026-10-12T13:00:00.000Z');
const LEASE_MS = 120_000;

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

function micros(ms: number): number {
  return at(ms).getTime() * 1000;
}

function claimOf(
  date: LocalDate,
  options: { channelId?: string; platform?: PlatformName; part?: number; week?: LocalDate; regions?: string[]; requestKeys?: string[] } = {},
): PostClaim {
  const platform = options.platform ?? 'slack';
  const channelId = options.channelId ?? 'C0STAFF01';
  const part = options.part ?? 0;
  return {
    key: ledgerKeyOf(platform, channelId, date, part),
    platform,
    channelId,
    date,
    part,
    week: options.week ?? WEEK,
    regions: options.regions ?? ['latin-america'],
    requestKeys: options.requestKeys ?? [`${options.week ?? WEEK}/latin-america-1`],
  };
}

/** A post that was sent, so reactions can arrive on it. */
async function sentPost(store: Store, claim: PostClaim, messageId = `m-${claim.key}`): Promise<string> {
  const outcome = await store.claimPost(claim, 'sender', at(0), LEASE_MS);
  expect(outcome.won).toBe(true);
  expect(await store.markSent(claim.key, 'sender', messageId, at(1_000))).toBe(true);
  return claim.key;
}

function change(postKey: string, person: string, present: boolean, orderMs: number, extra: Partial<ReactionChange> = {}): ReactionChange {
  return { postKey, personHash: `hash-${person}`, variant: 'pray', present, orderMicros: micros(orderMs), ...extra };
}

async function countOf(store: Store, postKey: string): Promise<number | undefined> {
  const rows = await store.tally({});
  return rows.find((r) => r.post.key === postKey)?.count;
}

export function storeContract(name: string, makeStore: () => Promise<Store>, peek?: () => StorePeek): void {
  describe(`${name}: Store contract`, () => {
    const opened: Store[] = [];
    async function open(): Promise<Store> {
      const store = await makeStore();
      opened.push(store);
      return store;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('post ledger', () => {
      it('records the first claim of a post with its lease and content', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13', { regions: ['latin-america', 'south-asia'], requestKeys: [`${WEEK}/a`, `${WEEK}/b`] });
        expect(await store.claimPost(claim, 'replica-a', at(0), LEASE_MS)).toEqual({ won: true });
        const record = await store.getPost(claim.key);
        expect(record).toMatchObject({
          key: claim.key,
          platform: 'slack',
          channelId: 'C0STAFF01',
          date: '2026-10-13',
          part: 0,
          week: WEEK,
          state: 'claimed',
          regions: ['latin-america', 'south-asia'],
          requestKeys: [`${WEEK}/a`, `${WEEK}/b`],
          owner: 'replica-a',
          leaseUntil: at(LEASE_MS),
          claimedAt: at(0),
          messageId: null,
          sentAt: null,
          attempts: 1,
          retryable: false,
          endedAt: null,
          frozenCount: null,
        });
        expect(await store.getPost('slack:C0STAFF01:2026-10-14:0')).toBeUndefined();
      });

      it('refuses a second claim while the lease runs, even from the same owner', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        for (const owner of ['replica-b', 'replica-a']) {
          const outcome = await store.claimPost(claim, owner, at(LEASE_MS - 1), LEASE_MS);
          expect(outcome.won).toBe(false);
          if (!outcome.won) expect(outcome.record).toMatchObject({ state: 'claimed', owner: 'replica-a' });
        }
      });

      it('lets exactly one of two stores win each post when they race', async () => {
        const a = await open();
        const b = await open();
        const rounds = 40;
        const claims = Array.from({ length: rounds }, (_, i) => claimOf('2026-10-13', { channelId: `C${i}` }));
        const fresh = await Promise.all(claims.flatMap((c) => [a.claimPost(c, 'a', at(0), LEASE_MS), b.claimPost(c, 'b', at(0), LEASE_MS)]));
        for (let i = 0; i < rounds; i++) {
          expect([fresh[2 * i]!.won, fresh[2 * i + 1]!.won].filter(Boolean)).toHaveLength(1);
        }
        // Every lease runs out: the takeovers race too, and again only one wins each.
        const later = at(LEASE_MS + 1);
        const takeovers = await Promise.all(claims.flatMap((c) => [a.claimPost(c, 'a2', later, LEASE_MS), b.claimPost(c, 'b2', later, LEASE_MS)]));
        for (let i = 0; i < rounds; i++) {
          const wins = [takeovers[2 * i]!, takeovers[2 * i + 1]!].filter((o) => o.won);
          expect(wins).toHaveLength(1);
          expect(wins[0]).toMatchObject({ won: true, previous: { state: 'claimed' } });
        }
        const records = await a.listPosts({});
        expect(records).toHaveLength(rounds);
        expect(records.every((r) => r.attempts === 2)).toBe(true);
      });

      it('hands an expired claim to the next claimer, with the previous record', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        const outcome = await store.claimPost(claim, 'replica-b', at(LEASE_MS), LEASE_MS);
        expect(outcome.won).toBe(true);
        if (outcome.won) expect(outcome.previous).toMatchObject({ state: 'claimed', owner: 'replica-a', claimedAt: at(0), attempts: 1 });
        expect(await store.getPost(claim.key)).toMatchObject({ owner: 'replica-b', claimedAt: at(LEASE_MS), leaseUntil: at(2 * LEASE_MS), attempts: 2 });
      });

      it('renews a lease for its holder only', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        expect(await store.renewLease(claim.key, 'replica-b', at(30_000), LEASE_MS)).toBe(false);
        expect(await store.renewLease(claim.key, 'replica-a', at(30_000), LEASE_MS)).toBe(true);
        expect((await store.getPost(claim.key))?.leaseUntil).toEqual(at(30_000 + LEASE_MS));
        // The renewed lease holds where the first one would have run out.
        expect((await store.claimPost(claim, 'replica-b', at(LEASE_MS + 1), LEASE_MS)).won).toBe(false);
        // Once another took it over, the old holder can no longer renew.
        expect((await store.claimPost(claim, 'replica-b', at(30_000 + LEASE_MS), LEASE_MS)).won).toBe(true);
        expect(await store.renewLease(claim.key, 'replica-a', at(30_000 + LEASE_MS + 1), LEASE_MS)).toBe(false);
        expect(await store.renewLease('slack:C0NONE:2026-10-13:0', 'replica-a', at(0), LEASE_MS)).toBe(false);
      });

      it('records a sent message, and refuses it from a sender that lost the lease', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        await store.claimPost(claim, 'replica-b', at(LEASE_MS), LEASE_MS);
        expect(await store.markSent(claim.key, 'replica-a', 'late-message', at(LEASE_MS + 5))).toBe(false);
        expect(await store.getPost(claim.key)).toMatchObject({ state: 'claimed', owner: 'replica-b', messageId: null });

        expect(await store.markSent(claim.key, 'replica-b', '1712345678.000100', at(LEASE_MS + 10))).toBe(true);
        expect(await store.getPost(claim.key)).toMatchObject({
          state: 'sent',
          messageId: '1712345678.000100',
          sentAt: at(LEASE_MS + 10),
          owner: null,
          leaseUntil: null,
        });
        // Sent is final: no claim wins it, not even much later, and a second markSent fails.
        const again = await store.claimPost(claim, 'replica-c', at(10 * LEASE_MS), LEASE_MS);
        expect(again).toMatchObject({ won: false, record: { state: 'sent' } });
        expect(await store.markSent(claim.key, 'replica-b', 'other', at(LEASE_MS + 20))).toBe(false);
        expect((await store.getPost(claim.key))?.messageId).toBe('1712345678.000100');
      });

      it('lets a holder whose lease ran out, but was not taken over, renew and record its message', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        expect(await store.renewLease(claim.key, 'replica-a', at(LEASE_MS + 5_000), LEASE_MS)).toBe(true);
        expect(await store.markSent(claim.key, 'replica-a', '1712345678.000100', at(LEASE_MS + 6_000))).toBe(true);
        expect(await store.getPost(claim.key)).toMatchObject({ state: 'sent', messageId: '1712345678.000100' });
      });

      it('takes over with the content of the new claim', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13', { regions: ['latin-america', 'south-asia'], requestKeys: [`${WEEK}/a`, `${WEEK}/b`] });
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        await store.markFailed(claim.key, 'replica-a', 'timeout', true, at(1_000));
        const edited = { ...claim, regions: ['south-asia'], requestKeys: [`${WEEK}/b`] };
        await store.claimPost(edited, 'replica-b', at(60_000), LEASE_MS);
        expect(await store.getPost(claim.key)).toMatchObject({ regions: ['south-asia'], requestKeys: [`${WEEK}/b`], retryable: false });
      });

      it('lets a retryable failure be claimed again, and never a final one', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        await store.markFailed(claim.key, 'replica-a', 'Slack unavailable (503)', true, at(5_000));
        expect(await store.getPost(claim.key)).toMatchObject({ state: 'failed', retryable: true, lastError: 'Slack unavailable (503)', owner: null });

        const retry = await store.claimPost(claim, 'replica-b', at(60_000), LEASE_MS);
        expect(retry).toMatchObject({ won: true, previous: { state: 'failed', retryable: true, lastError: 'Slack unavailable (503)' } });
        expect(await store.getPost(claim.key)).toMatchObject({ state: 'claimed', owner: 'replica-b', attempts: 2 });

        await store.markFailed(claim.key, 'replica-b', 'channel_not_found', false, at(65_000));
        const final = await store.claimPost(claim, 'replica-c', at(10 * LEASE_MS), LEASE_MS);
        expect(final).toMatchObject({ won: false, record: { state: 'failed', retryable: false, lastError: 'channel_not_found' } });
      });

      it('ignores markFailed from a sender that does not hold the claim', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await store.claimPost(claim, 'replica-a', at(0), LEASE_MS);
        await store.markFailed(claim.key, 'replica-b', 'not mine', false, at(1_000));
        expect(await store.getPost(claim.key)).toMatchObject({ state: 'claimed', owner: 'replica-a', lastError: null });
      });

      it('never claims a skipped post, and skipping leaves an existing entry alone', async () => {
        const store = await open();
        const skipped = claimOf('2026-10-13');
        await store.markSkipped(skipped, 'more than 6 hours late', at(0));
        expect(await store.getPost(skipped.key)).toMatchObject({ state: 'skipped', lastError: 'more than 6 hours late', owner: null });
        expect(await store.claimPost(skipped, 'replica-a', at(1_000), LEASE_MS)).toMatchObject({ won: false, record: { state: 'skipped' } });

        const sent = claimOf('2026-10-14');
        await sentPost(store, sent);
        await store.markSkipped(sent, 'late', at(2_000));
        expect(await store.getPost(sent.key)).toMatchObject({ state: 'sent', lastError: null });
      });

      it('ends posts as retired or retracted, after which they are never claimed', async () => {
        const store = await open();
        const retired = claimOf('2026-10-13');
        const retracted = claimOf('2026-10-14');
        await sentPost(store, retired);
        await sentPost(store, retracted);
        await store.endPost(retired.key, 'retired', at(3_000));
        await store.endPost(retracted.key, 'retracted', at(4_000));
        expect(await store.getPost(retired.key)).toMatchObject({ state: 'retired', endedAt: at(3_000), messageId: `m-${retired.key}` });
        expect(await store.getPost(retracted.key)).toMatchObject({ state: 'retracted', endedAt: at(4_000) });
        for (const claim of [retired, retracted]) {
          expect((await store.claimPost(claim, 'replica-b', at(10 * LEASE_MS), LEASE_MS)).won).toBe(false);
        }
      });

      it('forgets a deleted post so it can be sent again', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        await sentPost(store, claim);
        await store.endPost(claim.key, 'retracted', at(2_000));
        await store.deletePost(claim.key);
        expect(await store.getPost(claim.key)).toBeUndefined();
        expect(await store.claimPost(claim, 'replica-a', at(3_000), LEASE_MS)).toEqual({ won: true });
        await store.deletePost('slack:C0NONE:2026-10-13:0'); // absent: nothing happens
      });

      it('replaces the request keys and regions of a post after a partial expiry', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13', { regions: ['latin-america', 'south-asia'], requestKeys: [`${WEEK}/a`, `${WEEK}/b`] });
        await sentPost(store, claim);
        await store.updatePostContent(claim.key, [`${WEEK}/b`], ['south-asia']);
        expect(await store.getPost(claim.key)).toMatchObject({ requestKeys: [`${WEEK}/b`], regions: ['south-asia'], state: 'sent' });
      });

      it('finds a post by its platform message', async () => {
        const store = await open();
        const slack = claimOf('2026-10-13');
        const discord = claimOf('2026-10-13', { platform: 'discord', channelId: '112233445566778899' });
        await sentPost(store, slack, '1712345678.000100');
        await sentPost(store, discord, '1300000000000000001');
        expect((await store.findPostByMessage('slack', 'C0STAFF01', '1712345678.000100'))?.key).toBe(slack.key);
        expect((await store.findPostByMessage('discord', '112233445566778899', '1300000000000000001'))?.key).toBe(discord.key);
        expect(await store.findPostByMessage('slack', 'C0OTHER', '1712345678.000100')).toBeUndefined();
        expect(await store.findPostByMessage('discord', 'C0STAFF01', '1712345678.000100')).toBeUndefined();
      });

      it('lists posts by state, week, date and platform, in date order', async () => {
        const store = await open();
        const monday = claimOf('2026-10-12', { platform: 'discord', channelId: '112233445566778899' });
        const tuesday = claimOf('2026-10-13');
        const tuesdayPart1 = claimOf('2026-10-13', { part: 1 });
        const nextWeek = claimOf('2026-10-19', { week: NEXT_WEEK });
        await sentPost(store, nextWeek);
        await store.claimPost(tuesdayPart1, 'replica-a', at(0), LEASE_MS);
        await sentPost(store, tuesday);
        await store.markSkipped(monday, 'late', at(0));

        const keys = (posts: Array<{ key: string }>) => posts.map((p) => p.key);
        expect(keys(await store.listPosts({}))).toEqual([monday.key, tuesday.key, tuesdayPart1.key, nextWeek.key]);
        expect(keys(await store.listPosts({ states: ['sent'] }))).toEqual([tuesday.key, nextWeek.key]);
        expect(keys(await store.listPosts({ states: ['claimed', 'skipped'] }))).toEqual([monday.key, tuesdayPart1.key]);
        expect(keys(await store.listPosts({ states: [] }))).toEqual([]);
        expect(keys(await store.listPosts({ week: WEEK }))).toEqual([monday.key, tuesday.key, tuesdayPart1.key]);
        expect(keys(await store.listPosts({ date: '2026-10-13' }))).toEqual([tuesday.key, tuesdayPart1.key]);
        expect(keys(await store.listPosts({ platform: 'discord' }))).toEqual([monday.key]);
        expect(keys(await store.listPosts({ week: WEEK, states: ['sent'], platform: 'slack', date: '2026-10-13' }))).toEqual([tuesday.key]);
      });

      it('keeps the ledger across stores and re-opens (migrations are idempotent)', async () => {
        const first = await open();
        const claim = claimOf('2026-10-13');
        await sentPost(first, claim);
        await first.close();
        const second = await open();
        const third = await open();
        expect((await second.getPost(claim.key))?.state).toBe('sent');
        expect((await third.claimPost(claim, 'replica-b', at(LEASE_MS * 10), LEASE_MS)).won).toBe(false);
      });
    });

    describe('reactions', () => {
      it('lets the newest change win: add, remove, then a late older add is ignored', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([change(post, 'ana', true, 10_000)]);
        expect(await countOf(store, post)).toBe(1);
        await store.applyReactions([change(post, 'ana', false, 20_000)]);
        expect(await countOf(store, post)).toBe(0);
        await store.applyReactions([change(post, 'ana', true, 15_000)]); // a retried add, older than the remove
        expect(await countOf(store, post)).toBe(0);
        await store.applyReactions([change(post, 'ana', true, 30_000)]);
        expect(await countOf(store, post)).toBe(1);
      });

      it('applies a batch as if change by change, whatever its order', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([
          change(post, 'ana', false, 20_000),
          change(post, 'ana', true, 10_000),
          change(post, 'ben', true, 10_000),
          change(post, 'ben', false, 11_000),
          change(post, 'ben', true, 12_000),
          change(post, 'cy', true, 5_000),
        ]);
        expect(await countOf(store, post)).toBe(2); // ben and cy
      });

      it('counts a person once per post whatever variants they hold', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([
          change(post, 'ana', true, 1_000, { variant: 'pray' }),
          change(post, 'ana', true, 2_000, { variant: 'pray::skin-tone-3' }),
          change(post, 'ana', true, 3_000, { variant: 'burst:🙏' }),
          change(post, 'ben', true, 4_000, { variant: 'pray::skin-tone-5' }),
        ]);
        expect(await countOf(store, post)).toBe(2);
        // Removing one variant while holding another still counts.
        await store.applyReactions([change(post, 'ana', false, 5_000, { variant: 'pray' }), change(post, 'ana', false, 6_000, { variant: 'burst:🙏' })]);
        expect(await countOf(store, post)).toBe(2);
        await store.applyReactions([change(post, 'ana', false, 7_000, { variant: 'pray::skin-tone-3' })]);
        expect(await countOf(store, post)).toBe(1);
      });

      it('ignores a change whose event id was already seen, within a batch and across batches', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        // Within one batch: the second change with Ev1 is a duplicate delivery and is dropped.
        await store.applyReactions([change(post, 'ana', true, 1_000, { eventId: 'Ev1' }), change(post, 'ana', false, 2_000, { eventId: 'Ev1' })]);
        expect(await countOf(store, post)).toBe(1);
        // Across batches.
        await store.applyReactions([change(post, 'ana', false, 3_000, { eventId: 'Ev1' })]);
        expect(await countOf(store, post)).toBe(1);
        // A new id applies; changes without ids (Discord) are never deduplicated.
        await store.applyReactions([change(post, 'ana', false, 4_000, { eventId: 'Ev2' })]);
        expect(await countOf(store, post)).toBe(0);
        await store.applyReactions([change(post, 'ben', true, 5_000)]);
        await store.applyReactions([change(post, 'ben', false, 6_000)]);
        await store.applyReactions([change(post, 'ben', true, 7_000)]);
        expect(await countOf(store, post)).toBe(1);
      });

      it('agrees on newest-wins when two stores ingest overlapping batches at once, retries reaching both', async () => {
        const a = await open();
        const b = await open();
        const x = await sentPost(a, claimOf('2026-10-13'));
        const y = await sentPost(a, claimOf('2026-10-13', { platform: 'discord', channelId: '112233445566778899' }));
        // Every person adds on x and y, then removes on x only; each replica receives the
        // changes in its own order, and some Slack retries reach both replicas.
        const all: ReactionChange[] = [];
        for (let p = 0; p < 60; p++) {
          all.push(change(x, `p${p}`, true, 1_000 + p, { eventId: `EvAddX${p}` }));
          all.push(change(y, `p${p}`, true, 1_000 + p, { eventId: `EvAddY${p}` }));
          if (p % 2 === 0) all.push(change(x, `p${p}`, false, 5_000 + p, { eventId: `EvRemoveX${p}` }));
        }
        const forA = all.filter((_, i) => i % 3 !== 2);
        const forB = all.filter((_, i) => i % 3 !== 0).reverse(); // i % 3 === 1 reaches both
        const batches = (list: ReactionChange[]) => Array.from({ length: Math.ceil(list.length / 16) }, (_, i) => list.slice(i * 16, i * 16 + 16));
        await Promise.all([
          (async () => {
            for (const batch of batches(forA)) await a.applyReactions(batch);
          })(),
          (async () => {
            for (const batch of batches(forB)) await b.applyReactions(batch);
          })(),
        ]);
        expect(await countOf(a, x)).toBe(30);
        expect(await countOf(b, y)).toBe(60);
      });

      it('counts a retry whose first delivery never came', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([change(post, 'ana', true, 1_000, { eventId: 'Ev9' })]);
        expect(await countOf(store, post)).toBe(1);
      });

      it('forgets event ids older than the prune instant, and keeps newer ones', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([change(post, 'ana', true, 1_000, { eventId: 'EvOld' }), change(post, 'ben', true, 700_000, { eventId: 'EvNew' })]);
        await store.pruneEvents(at(600_000));
        // EvOld is forgotten: its id counts as new again; EvNew is still known.
        await store.applyReactions([change(post, 'ana', false, 800_000, { eventId: 'EvOld' }), change(post, 'ben', false, 800_000, { eventId: 'EvNew' })]);
        const rows = await store.tally({});
        expect(rows.find((r) => r.post.key === post)?.count).toBe(1); // ben only
      });

      it('ignores changes on posts the ledger does not know', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([change('slack:C0NONE:2026-10-13:0', 'ana', true, 1_000), change(post, 'ben', true, 1_000)]);
        expect(await countOf(store, post)).toBe(1);
        expect((await store.tally({})).map((r) => r.post.key)).toEqual([post]);
      });

      it('makes a snapshot the exact set at its instant: older events lose to it, newer ones win', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([
          change(post, 'ana', true, 10_000),
          change(post, 'ben', true, 10_000, { variant: 'pray::skin-tone-2' }),
          change(post, 'dee', true, 90_000), // after the snapshot instant: kept
        ]);
        await store.replaceReactions(
          post,
          [
            { personHash: 'hash-ben', variant: 'pray::skin-tone-2' },
            { personHash: 'hash-cy', variant: 'pray' },
            { personHash: 'hash-cy', variant: 'pray' },
          ],
          micros(50_000),
        );
        expect(await countOf(store, post)).toBe(3); // ben, cy, dee — ana is gone

        await store.applyReactions([change(post, 'ana', true, 40_000), change(post, 'cy', false, 45_000)]); // older: lose
        expect(await countOf(store, post)).toBe(3);
        await store.applyReactions([change(post, 'ana', true, 60_000), change(post, 'cy', false, 61_000)]); // newer: win
        expect(await countOf(store, post)).toBe(3); // ana, ben, dee

        await store.replaceReactions(post, [], micros(100_000));
        expect(await countOf(store, post)).toBe(0);
      });

      it('flips a press of the "I prayed" button, which counts once with the same person\'s 🙏', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        expect(await store.togglePress(post, 'hash-ana', micros(1_000))).toEqual({ pressed: true, holdsReaction: false });
        expect(await countOf(store, post)).toBe(1);
        await store.applyReactions([change(post, 'ana', true, 2_000)]);
        expect(await countOf(store, post)).toBe(1);
        // Taken back while the 🙏 holds: still counted, and the store says why.
        expect(await store.togglePress(post, 'hash-ana', micros(3_000))).toEqual({ pressed: false, holdsReaction: true });
        expect(await countOf(store, post)).toBe(1);
        expect(await store.togglePress(post, 'hash-ana', micros(4_000))).toEqual({ pressed: true, holdsReaction: true });
        await store.applyReactions([change(post, 'ana', false, 5_000)]);
        expect(await countOf(store, post)).toBe(1); // the press holds
        // A press whose clock runs behind the one before it still flips.
        expect(await store.togglePress(post, 'hash-ana', micros(500))).toEqual({ pressed: false, holdsReaction: false });
        expect(await countOf(store, post)).toBe(0);
      });

      it('keeps presses through a platform snapshot, which replaces only the reaction variants', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        await store.togglePress(post, 'hash-ana', micros(1_000));
        await store.applyReactions([change(post, 'ana', true, 1_000), change(post, 'ben', true, 1_000)]);
        // The platform lists nobody (every 🙏 gone), and cannot list presses at all.
        await store.replaceReactions(post, [], micros(50_000));
        expect(await countOf(store, post)).toBe(1); // ana's press
        await store.replaceReactions(post, [{ personHash: 'hash-cy', variant: 'pray' }, { personHash: 'hash-ben', variant: 'button' }], micros(60_000));
        expect(await countOf(store, post)).toBe(2); // ana's press and cy; a "button" holder is no reaction
        expect(await store.togglePress(post, 'hash-ana', micros(70_000))).toEqual({ pressed: false, holdsReaction: false });
        expect(await store.togglePress(post, 'hash-ben', micros(70_000))).toEqual({ pressed: true, holdsReaction: false });
        expect(await countOf(store, post)).toBe(2); // ben and cy
      });

      it('flips once per press when two stores take presses of one person at once', async () => {
        const a = await open();
        const b = await open();
        const post = await sentPost(a, claimOf('2026-10-13'));
        const outcomes = await Promise.all([a, b, a, b].map((s, i) => s.togglePress(post, 'hash-ana', micros(1_000 + i))));
        expect(outcomes.filter((o) => o?.pressed === true)).toHaveLength(2);
        expect(outcomes.filter((o) => o?.pressed === false)).toHaveLength(2);
        expect(await countOf(a, post)).toBe(0);
      });

      it('stores no press on an unknown, retired or retracted post, nor on a forgotten week', async () => {
        const store = await open();
        expect(await store.togglePress('slack:C0NONE:2026-10-13:0', 'hash-ana', micros(1_000))).toBeUndefined();
        const retired = await sentPost(store, claimOf('2026-10-13'));
        await store.endPost(retired, 'retired', at(2_000));
        expect(await store.togglePress(retired, 'hash-ana', micros(3_000))).toBeUndefined();
        const retracted = await sentPost(store, claimOf('2026-10-14'));
        await store.endPost(retracted, 'retracted', at(2_000));
        expect(await store.togglePress(retracted, 'hash-ana', micros(3_000))).toBeUndefined();
        const claimed = claimOf('2026-10-15');
        await store.claimPost(claimed, 'sender', at(0), LEASE_MS);
        expect(await store.togglePress(claimed.key, 'hash-ana', micros(3_000))).toBeUndefined();
        const forgotten = await sentPost(store, claimOf('2026-10-16'));
        await store.forgetWeek(WEEK, at(86_400_000));
        expect(await store.togglePress(forgotten, 'hash-ana', micros(3_000))).toBeUndefined();
        expect((await store.tally({})).map((r) => r.count)).toEqual([0, 0, 0, 0]);
        if (peek) expect(await peek().storedHashes()).toEqual([]);
      });

      it('tallies distinct people per post for a week or a date range', async () => {
        const store = await open();
        const mon = await sentPost(store, claimOf('2026-10-12', { regions: ['africa-europe'] }));
        const tue = await sentPost(store, claimOf('2026-10-13', { regions: ['latin-america', 'south-asia'] }));
        const tueDiscord = await sentPost(store, claimOf('2026-10-13', { platform: 'discord', channelId: '112233445566778899' }));
        const next = await sentPost(store, claimOf('2026-10-19', { week: NEXT_WEEK }));
        const pending = claimOf('2026-10-14');
        await store.claimPost(pending, 'replica-a', at(0), LEASE_MS);
        await store.applyReactions([
          change(mon, 'ana', true, 1_000),
          change(tue, 'ana', true, 1_000),
          change(tue, 'ben', true, 1_000),
          change(tueDiscord, 'ana', true, 1_000),
          change(next, 'cy', true, 1_000),
        ]);

        const week = await store.tally({ week: WEEK });
        expect(week.map((r) => [r.post.key, r.count])).toEqual([
          [mon, 1],
          [tueDiscord, 1],
          [tue, 2],
          [pending.key, 0],
        ]);
        expect(week.find((r) => r.post.key === tue)?.post.regions).toEqual(['latin-america', 'south-asia']);
        expect((await store.tally({ from: '2026-10-13', to: '2026-10-19' })).map((r) => r.post.key)).toEqual([tueDiscord, tue, pending.key, next]);
        expect((await store.tally({ from: '2026-10-14' })).map((r) => r.post.key)).toEqual([pending.key, next]);
        expect((await store.tally({ to: '2026-10-12' })).map((r) => r.post.key)).toEqual([mon]);
        expect(await store.tally({ week: '2026-10-26' })).toEqual([]);
      });

      it('keeps one random 32-byte key per week, the same for two stores asking at once', async () => {
        const a = await open();
        const b = await open();
        const [ka, kb] = await Promise.all([a.weekKey(WEEK, at(0)), b.weekKey(WEEK, at(0))]);
        expect(ka).toBeInstanceOf(Buffer);
        expect(ka).toHaveLength(32);
        expect(kb?.equals(ka!)).toBe(true);
        expect((await a.weekKey(WEEK, at(60_000)))?.equals(ka!)).toBe(true);
        const other = await b.weekKey(NEXT_WEEK, at(0));
        expect(other).toHaveLength(32);
        expect(other?.equals(ka!)).toBe(false);
        expect(await a.weeksWithKeys()).toEqual([WEEK, NEXT_WEEK]);
      });

      it('forgets a week: counts frozen, key and hashes deleted, nothing new stored', async () => {
        const store = await open();
        await store.weekKey(WEEK, at(0));
        await store.weekKey(NEXT_WEEK, at(0));
        const tue = await sentPost(store, claimOf('2026-10-13'));
        const wed = await sentPost(store, claimOf('2026-10-14'));
        const next = await sentPost(store, claimOf('2026-10-19', { week: NEXT_WEEK }));
        await store.applyReactions([
          change(tue, 'ana', true, 1_000),
          change(tue, 'ben', true, 1_000, { variant: 'pray::skin-tone-4' }),
          change(tue, 'ben', true, 1_000),
          change(tue, 'cy', false, 1_000),
          change(next, 'ana-next', true, 1_000),
        ]);

        await store.forgetWeek(WEEK, at(86_400_000));
        expect(await store.weekKey(WEEK, at(86_400_001))).toBeUndefined();
        expect(await store.weeksWithKeys()).toEqual([NEXT_WEEK]);
        const counts = (await store.tally({})).map((r) => [r.post.key, r.count, r.post.frozenCount]);
        expect(counts).toEqual([
          [tue, 2, 2],
          [wed, 0, 0],
          [next, 1, null],
        ]);
        if (peek) expect((await peek().storedHashes()).sort()).toEqual(['hash-ana-next']);

        // Late changes and snapshots on the forgotten week are not stored; the count stays.
        await store.applyReactions([change(tue, 'dee', true, 2_000), change(wed, 'dee', true, 2_000)]);
        await store.replaceReactions(tue, [{ personHash: 'hash-eve', variant: 'pray' }], micros(3_000));
        await store.forgetWeek(WEEK, at(2 * 86_400_000)); // twice: nothing changes
        expect((await store.tally({ week: WEEK })).map((r) => r.count)).toEqual([2, 0]);
        if (peek) expect((await peek().storedHashes()).sort()).toEqual(['hash-ana-next']);
        expect(await store.weekKey(WEEK, at(3 * 86_400_000))).toBeUndefined();
      });

      it('leaves no hash behind when a week is forgotten while another store is ingesting', async () => {
        const a = await open();
        const b = await open();
        const post = await sentPost(a, claimOf('2026-10-13'));
        let stop = false;
        const ingest = (async () => {
          for (let round = 0; !stop && round < 200; round++) {
            await a.applyReactions(Array.from({ length: 16 }, (_, p) => change(post, `r${round}-p${p}`, true, round * 100 + p)));
          }
        })();
        await a.applyReactions([change(post, 'first', true, 0)]);
        await b.forgetWeek(WEEK, at(86_400_000));
        stop = true;
        await ingest;
        const frozen = (await b.getPost(post))?.frozenCount;
        expect(frozen).toBeGreaterThan(0);
        expect(await countOf(a, post)).toBe(frozen);
        if (peek) expect(await peek().storedHashes()).toEqual([]);
      });

      it('never creates a key for a week forgotten before anyone reacted', async () => {
        const store = await open();
        await store.forgetWeek(WEEK, at(0));
        expect(await store.weekKey(WEEK, at(1_000))).toBeUndefined();
        expect(await store.weeksWithKeys()).toEqual([]);
      });

      it('keeps a retracted post\'s count as an earlier copy and clears its ledger entry so the day can be sent again', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13', { regions: ['latin-america', 'south-asia'] });
        const post = await sentPost(store, claim);
        const other = await sentPost(store, claimOf('2026-10-14'));
        await store.applyReactions([change(post, 'ana', true, 1_000), change(post, 'ben', true, 1_000), change(post, 'cy', true, 1_000), change(post, 'cy', false, 2_000), change(other, 'ana', true, 1_000)]);
        await store.endPost(post, 'retracted', at(3_000));

        expect(await store.keepRetractedCount(post, at(4_000))).toBe(true);
        expect(await store.getPost(post)).toBeUndefined();
        expect(await store.listPosts({ week: WEEK })).toHaveLength(1);
        if (peek) expect((await peek().storedHashes()).sort()).toEqual(['hash-ana']); // only the other post's
        const [earlier] = await store.tally({ week: WEEK });
        expect(earlier).toMatchObject({
          count: 2,
          earlierCopy: true,
          post: { key: post, platform: 'slack', channelId: 'C0STAFF01', date: '2026-10-13', part: 0, week: WEEK, state: 'retracted', regions: ['latin-america', 'south-asia'], messageId: null, sentAt: at(1_000), endedAt: at(3_000), frozenCount: 2 },
        });

        // Sent again: the new entry counts on its own, after the earlier copy of its day.
        expect(await store.claimPost(claim, 'replica-a', at(5_000), LEASE_MS)).toEqual({ won: true });
        expect(await store.markSent(post, 'replica-a', 'm-again', at(6_000))).toBe(true);
        await store.applyReactions([change(post, 'ana', true, 7_000)]);
        const rows = (await store.tally({ week: WEEK })).map((r) => [r.post.key, r.post.state, r.count, r.earlierCopy ?? false]);
        expect(rows).toEqual([
          [post, 'retracted', 2, true],
          [post, 'sent', 1, false],
          [other, 'sent', 1, false],
        ]);
        expect((await store.tally({ from: '2026-10-13', to: '2026-10-13' })).map((r) => r.count)).toEqual([2, 1]);
        expect(await store.tally({ from: '2026-10-15' })).toEqual([]);

        // Retracted and kept a second time: the day's copies stay in the order they were kept.
        await store.endPost(post, 'retracted', at(8_000));
        expect(await store.keepRetractedCount(post, at(9_000))).toBe(true);
        expect((await store.tally({ week: WEEK })).map((r) => [r.post.key, r.count, r.earlierCopy ?? false])).toEqual([
          [post, 2, true],
          [post, 1, true],
          [other, 1, false],
        ]);
      });

      it('keeps the frozen count of a forgotten week\'s retracted post, and only a retracted post', async () => {
        const store = await open();
        const post = await sentPost(store, claimOf('2026-10-13'));
        const live = await sentPost(store, claimOf('2026-10-14'));
        await store.applyReactions([change(post, 'ana', true, 1_000), change(post, 'ben', true, 1_000)]);
        await store.endPost(post, 'retracted', at(2_000));
        await store.forgetWeek(WEEK, at(3_000));

        expect(await store.keepRetractedCount(live, at(4_000))).toBe(false);
        expect(await store.keepRetractedCount('slack:C0NONE:2026-10-13:0', at(4_000))).toBe(false);
        expect(await store.getPost(live)).toMatchObject({ state: 'sent' });
        expect(await store.keepRetractedCount(post, at(4_000))).toBe(true);
        expect(await store.keepRetractedCount(post, at(5_000))).toBe(false); // already kept
        expect((await store.tally({ week: WEEK })).map((r) => [r.post.key, r.count, r.earlierCopy ?? false])).toEqual([
          [post, 2, true],
          [live, 0, false],
        ]);
      });

      it('keeps a retracted post\'s count once when two stores keep it at once', async () => {
        const a = await open();
        const b = await open();
        const post = await sentPost(a, claimOf('2026-10-13'));
        await a.applyReactions([change(post, 'ana', true, 1_000)]);
        await a.endPost(post, 'retracted', at(2_000));
        const kept = await Promise.all([a.keepRetractedCount(post, at(3_000)), b.keepRetractedCount(post, at(3_000))]);
        expect(kept.filter(Boolean)).toHaveLength(1);
        expect((await b.tally({})).map((r) => r.count)).toEqual([1]);
      });

      it('re-opens a forgotten week under a new random key, and leaves every other week as it is', async () => {
        const store = await open();
        const forgotten = (await store.weekKey(WEEK, at(0)))!;
        const nextKey = (await store.weekKey(NEXT_WEEK, at(0)))!;
        const frozen = await sentPost(store, claimOf('2026-10-13'));
        await store.applyReactions([change(frozen, 'ana', true, 1_000)]);
        await store.forgetWeek(WEEK, at(2_000));

        expect(await store.reopenWeek(WEEK, at(3_000))).toBe(true);
        const reopened = await store.weekKey(WEEK, at(4_000));
        expect(reopened).toHaveLength(32);
        expect(reopened?.equals(forgotten)).toBe(false);
        expect(await store.weeksWithKeys()).toEqual([WEEK, NEXT_WEEK]);
        // A week with a key keeps it; a week nobody keyed gets one on first use, as ever.
        expect(await store.reopenWeek(WEEK, at(5_000))).toBe(false);
        expect((await store.weekKey(WEEK, at(6_000)))?.equals(reopened!)).toBe(true);
        expect(await store.reopenWeek(NEXT_WEEK, at(5_000))).toBe(false);
        expect((await store.weekKey(NEXT_WEEK, at(6_000)))?.equals(nextKey)).toBe(true);
        expect(await store.reopenWeek('2026-10-26', at(5_000))).toBe(false);
        expect(await store.weeksWithKeys()).toEqual([WEEK, NEXT_WEEK]);

        // The post frozen by the forget stays frozen; a post sent after it counts again.
        const fresh = await sentPost(store, claimOf('2026-10-14'));
        await store.applyReactions([change(frozen, 'ben', true, 7_000), change(fresh, 'ben', true, 7_000)]);
        expect((await store.tally({ week: WEEK })).map((r) => [r.post.key, r.count])).toEqual([
          [frozen, 1],
          [fresh, 1],
        ]);
        if (peek) expect(await peek().storedHashes()).toEqual(['hash-ben']);

        // Forgotten again at the week's end: a new tombstone, the counts frozen once more.
        await store.forgetWeek(WEEK, at(8_000));
        expect(await store.weekKey(WEEK, at(9_000))).toBeUndefined();
        expect((await store.tally({ week: WEEK })).map((r) => r.post.frozenCount)).toEqual([1, 1]);
      });

      it('drops a deleted post with its reactions', async () => {
        const store = await open();
        const claim = claimOf('2026-10-13');
        const post = await sentPost(store, claim);
        await store.applyReactions([change(post, 'ana', true, 1_000)]);
        await store.deletePost(post);
        if (peek) expect(await peek().storedHashes()).toEqual([]);
        await sentPost(store, claim);
        expect(await countOf(store, post)).toBe(0);
      });
    });

    describe('housekeeping', () => {
      it('raises an alert once, across stores', async () => {
        const a = await open();
        const b = await open();
        const raised = await Promise.all([a.alertOnce('refused:slack:C0PUBLIC', at(0)), b.alertOnce('refused:slack:C0PUBLIC', at(0))]);
        expect(raised.filter(Boolean)).toHaveLength(1);
        expect(await a.alertOnce('refused:slack:C0PUBLIC', at(60_000))).toBe(false);
        expect(await b.alertOnce('skipped:slack:C0STAFF01:2026-10-13:0', at(60_000))).toBe(true);
      });

      it('lists the audit log newest first, up to the limit', async () => {
        const store = await open();
        await store.audit({ at: at(1_000), action: 'retire', subject: 'slack:C0STAFF01:2026-10-13:0', detail: 'expired' });
        await store.audit({ at: at(2_000), action: 'retract', subject: `${WEEK}/eu-day`, detail: 'by U0COORD1' });
        await store.audit({ at: at(2_000), action: 'retract-undo', subject: `${WEEK}/eu-day`, detail: 'by U0COORD1' });
        await store.audit({ at: at(3_000), action: 'forget-week', subject: WEEK, detail: '' });
        expect((await store.listAudit(10)).map((e) => e.action)).toEqual(['forget-week', 'retract-undo', 'retract', 'retire']);
        const two = await store.listAudit(2);
        expect(two).toEqual([
          { at: at(3_000), action: 'forget-week', subject: WEEK, detail: '' },
          { at: at(2_000), action: 'retract-undo', subject: `${WEEK}/eu-day`, detail: 'by U0COORD1' },
        ]);
        expect(await store.listAudit(0)).toEqual([]);
      });

      it('keeps who did a staff action in the audit log', async () => {
        const store = await open();
        await store.audit({ at: at(1_000), action: 'retire', subject: 'slack:C0STAFF01:2026-10-13:0', detail: 'expired' });
        await store.audit({ at: at(2_000), action: 'sign-in-link', subject: 'coordinator', detail: 'issued', actor: 'slack:U0COORD1' });
        const [issued, retired] = await store.listAudit(2);
        expect(issued).toEqual({ at: at(2_000), action: 'sign-in-link', subject: 'coordinator', detail: 'issued', actor: 'slack:U0COORD1' });
        expect(retired).not.toHaveProperty('actor');
      });

      it('adds, lists and removes retractions', async () => {
        const store = await open();
        await store.addRetraction(`${WEEK}/eu-day`, at(0));
        await store.addRetraction(NEXT_WEEK, at(0));
        await store.addRetraction(WEEK, at(0));
        await store.addRetraction(WEEK, at(1_000)); // twice: still one
        expect(await store.retractions()).toEqual([WEEK, `${WEEK}/eu-day`, NEXT_WEEK]);
        expect(await store.removeRetraction(WEEK)).toBe(true);
        expect(await store.removeRetraction(WEEK)).toBe(false);
        expect(await store.retractions()).toEqual([`${WEEK}/eu-day`, NEXT_WEEK]);
      });
    });

    describe('coordination between replicas', () => {
      it('holds a named lease for one owner until it expires or is released', async () => {
        const a = await open();
        const b = await open();
        expect(await a.acquireLease('discord-shard:0', 'replica-a', at(0), 30_000)).toBe(true);
        expect(await b.acquireLease('discord-shard:0', 'replica-b', at(10_000), 30_000)).toBe(false);
        expect(await a.acquireLease('discord-shard:0', 'replica-a', at(20_000), 30_000)).toBe(true); // renewal
        expect(await b.acquireLease('discord-shard:0', 'replica-b', at(49_999), 30_000)).toBe(false);
        expect(await b.acquireLease('discord-shard:1', 'replica-b', at(49_999), 30_000)).toBe(true); // another name
        expect(await b.acquireLease('discord-shard:0', 'replica-b', at(50_000), 30_000)).toBe(true); // expired
        expect(await a.acquireLease('discord-shard:0', 'replica-a', at(50_001), 30_000)).toBe(false);

        await a.releaseLease('discord-shard:0', 'replica-a'); // not the holder: nothing happens
        expect(await a.acquireLease('discord-shard:0', 'replica-a', at(50_002), 30_000)).toBe(false);
        await b.releaseLease('discord-shard:0', 'replica-b');
        expect(await a.acquireLease('discord-shard:0', 'replica-a', at(50_003), 30_000)).toBe(true);
      });

      it('gives a contested lease to exactly one of two stores', async () => {
        const a = await open();
        const b = await open();
        for (let round = 0; round < 20; round++) {
          const name = `digest:${round}`;
          const won = await Promise.all([a.acquireLease(name, 'replica-a', at(0), 30_000), b.acquireLease(name, 'replica-b', at(0), 30_000)]);
          expect(won.filter(Boolean)).toHaveLength(1);
        }
      });

      it('knows the plan hash most recently recorded by any replica', async () => {
        const a = await open();
        const b = await open();
        expect(await a.newestPlanHash()).toBeUndefined();
        await a.recordPlanHash('replica-a', 'sha256:aaa', at(0));
        await b.recordPlanHash('replica-b', 'sha256:bbb', at(1_000));
        expect(await a.newestPlanHash()).toBe('sha256:bbb');
        await a.recordPlanHash('replica-a', 'sha256:ccc', at(2_000));
        expect(await b.newestPlanHash()).toBe('sha256:ccc');
        // Same instant: the later recording wins.
        await b.recordPlanHash('replica-b', 'sha256:ddd', at(2_000));
        expect(await a.newestPlanHash()).toBe('sha256:ddd');
      });
    });

    describe('coordinator page', () => {
      const MINUTE = 60_000;
      const token = (hash: string, actor = 'slack:U0COORD1', createdMs = 0, validMs = 15 * MINUTE) => ({
        tokenHash: hash,
        actor,
        createdAt: at(createdMs),
        expiresAt: at(createdMs + validMs),
      });

      it('tells a sign-in token valid, used, expired or unknown without changing it', async () => {
        const store = await open();
        await store.addSignInToken(token('a'.repeat(64)));
        await store.addSignInToken(token('b'.repeat(64), 'cli'));
        expect(await store.signInTokenState('a'.repeat(64), at(MINUTE))).toBe('valid');
        expect(await store.signInTokenState('a'.repeat(64), at(MINUTE))).toBe('valid'); // looking uses nothing up
        expect(await store.signInTokenState('a'.repeat(64), at(15 * MINUTE))).toBe('expired');
        expect(await store.signInTokenState('c'.repeat(64), at(MINUTE))).toBe('unknown');
        expect(await store.redeemSignInToken('b'.repeat(64), at(2 * MINUTE))).toBe('cli');
        expect(await store.signInTokenState('b'.repeat(64), at(2 * MINUTE))).toBe('used');
        expect(await store.signInTokenState('b'.repeat(64), at(60 * MINUTE))).toBe('used');
      });

      it('redeems a token once only, and never an expired or unknown one', async () => {
        const store = await open();
        await store.addSignInToken(token('a'.repeat(64)));
        await store.addSignInToken(token('b'.repeat(64)));
        expect(await store.redeemSignInToken('a'.repeat(64), at(MINUTE))).toBe('slack:U0COORD1');
        expect(await store.redeemSignInToken('a'.repeat(64), at(MINUTE))).toBeUndefined();
        expect(await store.redeemSignInToken('b'.repeat(64), at(15 * MINUTE))).toBeUndefined(); // expired at that instant
        expect(await store.signInTokenState('b'.repeat(64), at(15 * MINUTE))).toBe('expired');
        expect(await store.redeemSignInToken('c'.repeat(64), at(MINUTE))).toBeUndefined();
      });

      it('lets exactly one of several concurrent redeems win, across stores', async () => {
        const a = await open();
        const b = await open();
        const rounds = 20;
        for (let i = 0; i < rounds; i++) await a.addSignInToken(token(`race-${i}`, `discord:${i}`));
        const results = await Promise.all(
          Array.from({ length: rounds }, (_, i) => [
            a.redeemSignInToken(`race-${i}`, at(MINUTE)),
            b.redeemSignInToken(`race-${i}`, at(MINUTE)),
            a.redeemSignInToken(`race-${i}`, at(MINUTE)),
            b.redeemSignInToken(`race-${i}`, at(MINUTE)),
          ]).flat(),
        );
        for (let i = 0; i < rounds; i++) {
          expect(results.slice(4 * i, 4 * i + 4).filter((r) => r !== undefined)).toEqual([`discord:${i}`]);
        }
      });

      it('counts the links issued to one actor since an instant', async () => {
        const store = await open();
        await store.addSignInToken(token('t1', 'slack:U0COORD1', 0));
        await store.addSignInToken(token('t2', 'slack:U0COORD1', 10 * MINUTE));
        await store.addSignInToken(token('t3', 'slack:U0COORD2', 10 * MINUTE));
        await store.redeemSignInToken('t2', at(11 * MINUTE)); // used ones still count
        expect(await store.countSignInTokens('slack:U0COORD1', at(0))).toBe(2);
        expect(await store.countSignInTokens('slack:U0COORD1', at(MINUTE))).toBe(1);
        expect(await store.countSignInTokens('slack:U0COORD2', at(0))).toBe(1);
        expect(await store.countSignInTokens('cli', at(0))).toBe(0);
      });

      it('keeps a session until it expires or ends, and records staff checks', async () => {
        const a = await open();
        const b = await open();
        const session = { sessionHash: 's'.repeat(64), actor: 'discord:112233', createdAt: at(0), expiresAt: at(12 * 60 * MINUTE), staffCheckedAt: at(0) };
        await a.addSession(session);
        expect(await b.getSession(session.sessionHash, at(MINUTE))).toEqual(session);
        expect(await b.getSession(session.sessionHash, at(12 * 60 * MINUTE - 1))).toEqual(session);
        expect(await b.getSession(session.sessionHash, at(12 * 60 * MINUTE))).toBeUndefined();
        expect(await b.getSession('u'.repeat(64), at(MINUTE))).toBeUndefined();

        await b.markSessionStaffChecked(session.sessionHash, at(10 * MINUTE));
        expect(await a.getSession(session.sessionHash, at(11 * MINUTE))).toEqual({ ...session, staffCheckedAt: at(10 * MINUTE) });
        await a.endSession(session.sessionHash);
        expect(await b.getSession(session.sessionHash, at(11 * MINUTE))).toBeUndefined();
      });

      it('ends every session of an actor and no one else', async () => {
        const store = await open();
        const of = (hash: string, actor: string) => ({ sessionHash: hash, actor, createdAt: at(0), expiresAt: at(60 * MINUTE), staffCheckedAt: at(0) });
        await store.addSession(of('s1', 'slack:U0GONE'));
        await store.addSession(of('s2', 'slack:U0GONE'));
        await store.addSession(of('s3', 'slack:U0COORD1'));
        await store.endSessionsOf('slack:U0GONE');
        expect(await store.getSession('s1', at(MINUTE))).toBeUndefined();
        expect(await store.getSession('s2', at(MINUTE))).toBeUndefined();
        expect(await store.getSession('s3', at(MINUTE))).toMatchObject({ actor: 'slack:U0COORD1' });
      });

      it('numbers the saved versions of each week from 1 and lists them newest first', async () => {
        const store = await open();
        expect(await store.savedWeeks()).toEqual([]);
        expect(await store.weekVersions(WEEK)).toEqual([]);
        const first = await store.saveWeek(WEEK, 'week: 2026-10-12 # v1\n', 'slack:U0COORD1', at(0));
        expect(first).toEqual({ week: WEEK, version: 1, yaml: 'week: 2026-10-12 # v1\n', actor: 'slack:U0COORD1', savedAt: at(0) });
        await store.saveWeek(NEXT_WEEK, 'week: 2026-10-19 # v1\n', 'cli', at(1_000));
        const second = await store.saveWeek(WEEK, 'week: 2026-10-12 # v2\n', 'discord:112233', at(2_000));
        expect(second).toMatchObject({ week: WEEK, version: 2, actor: 'discord:112233' });
        // A restore is a save of an old version's text: it becomes the newest.
        await store.saveWeek(WEEK, first.yaml, 'console', at(3_000));

        expect((await store.weekVersions(WEEK)).map((v) => [v.version, v.yaml, v.actor, v.savedAt])).toEqual([
          [3, 'week: 2026-10-12 # v1\n', 'console', at(3_000)],
          [2, 'week: 2026-10-12 # v2\n', 'discord:112233', at(2_000)],
          [1, 'week: 2026-10-12 # v1\n', 'slack:U0COORD1', at(0)],
        ]);
        expect((await store.savedWeeks()).map((w) => [w.week, w.version])).toEqual([
          [WEEK, 3],
          [NEXT_WEEK, 1],
        ]);
        expect(await store.weekVersions('2026-10-26')).toEqual([]);
      });

      it('gives concurrent saves of one week distinct versions, across stores', async () => {
        const a = await open();
        const b = await open();
        const saves = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).saveWeek(WEEK, `# save ${i}\n`, 'cli', at(i))));
        expect(saves.map((s) => s.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect((await b.weekVersions(WEEK)).map((v) => v.version)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      });

      it('changes the saved-weeks stamp on every save, whichever store saved', async () => {
        const a = await open();
        const b = await open();
        expect(await a.savedWeeksStamp()).toBe('');
        await a.saveWeek(WEEK, '# 1\n', 'cli', at(0));
        const one = await b.savedWeeksStamp();
        expect(one).not.toBe('');
        expect(await a.savedWeeksStamp()).toBe(one);
        await b.saveWeek(NEXT_WEEK, '# 1\n', 'cli', at(0)); // even at the same instant
        const two = await a.savedWeeksStamp();
        expect(two).not.toBe(one);
        await a.saveWeek(WEEK, '# 2\n', 'cli', at(1_000));
        expect(await b.savedWeeksStamp()).not.toBe(two);
      });

      it('forgets long-expired tokens and expired sessions as new ones are added', async () => {
        const store = await open();
        const DAY = 24 * 60 * MINUTE;
        await store.addSignInToken(token('old', 'cli', 0));
        await store.addSession({ sessionHash: 'old-session', actor: 'cli', createdAt: at(0), expiresAt: at(60 * MINUTE), staffCheckedAt: at(0) });
        await store.addSignInToken(token('next-day', 'cli', DAY)); // the old one expired less than a day ago
        expect(await store.signInTokenState('old', at(DAY))).toBe('expired');
        await store.addSignInToken(token('days-later', 'cli', 2 * DAY));
        expect(await store.signInTokenState('old', at(2 * DAY))).toBe('unknown');
        expect(await store.signInTokenState('next-day', at(2 * DAY))).toBe('expired');
        await store.addSession({ sessionHash: 'new-session', actor: 'cli', createdAt: at(DAY), expiresAt: at(DAY + 60 * MINUTE), staffCheckedAt: at(DAY) });
        // Gone from the table, not only hidden by its expiry: an earlier "now" cannot bring it back.
        expect(await store.getSession('old-session', at(MINUTE))).toBeUndefined();
        expect(await store.getSession('new-session', at(DAY + MINUTE))).toMatchObject({ actor: 'cli' });
      });

      it('keeps tokens, sessions and saved weeks across re-opens', async () => {
        const first = await open();
        await first.addSignInToken(token('a'.repeat(64)));
        await first.addSession({ sessionHash: 's1', actor: 'cli', createdAt: at(0), expiresAt: at(60 * MINUTE), staffCheckedAt: at(0) });
        await first.saveWeek(WEEK, '# kept\n', 'cli', at(0));
        await first.close();
        const again = await open();
        expect(await again.signInTokenState('a'.repeat(64), at(MINUTE))).toBe('valid');
        expect(await again.getSession('s1', at(MINUTE))).toMatchObject({ actor: 'cli' });
        expect(await again.savedWeeks()).toMatchObject([{ week: WEEK, version: 1, yaml: '# kept\n' }]);
      });
    });
  });
}
