// A separate process for the SQLite cross-process sign-in race (sqlite.test.ts). It opens the
// store on the file it is given, says "ready", then for each token hash it is sent tries to
// redeem it and answers with the actor it got (or null). The parent sends each token to
// both processes at once, so every redemption is contested.
import { SqliteStore } from '../../src/store/sqlite-store.js';

const [path] = process.argv.slice(2);
const store = SqliteStore.open(path!);
const now = new Date('2026-10-13T13:01:00.000Z');

process.on('message', async (message: string) => {
  if (message === 'stop') {
    await store.close();
    process.exit(0);
  }
  const actor = await store.redeemSignInToken(message, now);
  process.send!({ actor: actor ?? null });
});
process.send!('ready');
