// A separate process for the SQLite cross-process race (sqlite.test.ts). It opens the store on
// the file it is given (both processes create a fresh file together), says "ready", then for
// each round it is sent claims one post and answers whether it won. The parent sends each
// round to both processes at once, so every claim is contested.
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { ledgerKeyOf } from '../../src/core/types.js';

export interface RaceRound {
  round: number;
  /** Milliseconds after the first claim's instant (past the lease: a takeover). */
  atMs: number;
}

const [path, owner] = process.argv.slice(2);
const store = SqliteStore.open(path!);
const t0 = Date.parse('2026-10-13T13:00:00.000Z');

process.on('message', async (message: RaceRound | 'stop') => {
  if (message === 'stop') {
    await store.close();
    process.exit(0);
  }
  const channelId = `C${message.round}`;
  const claim = {
    key: ledgerKeyOf('slack', channelId, '2026-10-13', 0),
    platform: 'slack' as const,
    channelId,
    date: '2026-10-13',
    part: 0,
    week: '2026-10-12',
    regions: ['latin-america'],
    requestKeys: ['2026-10-12/latin-america-1'],
  };
  const outcome = await store.claimPost(claim, owner!, new Date(t0 + message.atMs), 120_000);
  process.send!({ round: message.round, won: outcome.won, took: outcome.won && outcome.previous !== undefined });
});
process.send!('ready');
