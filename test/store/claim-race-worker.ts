// A separate process for the SQLite cross-process race (sqlite.test.ts): opens the store on
// the file it is given, waits for "go", claims every key it can, and reports the ones it won.
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { ledgerKeyOf } from '../../src/core/types.js';

const [path, owner, countText] = process.argv.slice(2);
const store = SqliteStore.open(path!);
const now = new Date('2026-10-13T13:00:00.000Z');

process.on('message', async (message) => {
  if (message !== 'go') return;
  const won: string[] = [];
  for (let i = 0; i < Number(countText); i++) {
    const channelId = `C${i}`;
    const claim = { key: ledgerKeyOf('slack', channelId, '2026-10-13', 0), platform: 'slack' as const, channelId, date: '2026-10-13', part: 0, week: '2026-10-12', regions: ['latin-america'], requestKeys: ['2026-10-12/latin-america-1'] };
    const outcome = await store.claimPost(claim, owner!, now, 120_000);
    if (outcome.won) won.push(claim.key);
  }
  await store.close();
  process.send!({ won }, () => process.exit(0));
});
process.send!('ready');
