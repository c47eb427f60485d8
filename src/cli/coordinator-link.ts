// `prayerbot coordinator-link`: prints one single-use sign-in link to the coordinator page
// (valid 15 minutes) on standard output, for whoever has a shell where the bot runs (actor
// `cli`). The link is built from PUBLIC_URL, or http://127.0.0.1:<PORT> without it — which
// cannot work when PORT=0 lets each run pick a port, so that is a usage error (exit 2).
import type { GlobalOptions } from '../cli.js';
import { issueSignInLink, LINKS_PER_ACTOR } from '../core/coordinator/sign-in.js';
import { systemClock } from '../core/ports.js';
import { EnvError, loadDotEnv, publicUrlOf, readEnv, secretValues } from '../env.js';
import { redact } from '../logger.js';
import { openStore } from '../store/open-store.js';

export async function coordinatorLinkCommand(_globals: GlobalOptions): Promise<number> {
  loadDotEnv();
  let env;
  try {
    env = readEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`prayerbot coordinator-link: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (env.publicUrl === undefined && env.port === 0) {
    console.error(
      'prayerbot coordinator-link: PORT=0 lets the bot pick a free port each time it starts, so a link cannot name it. ' +
        'Set PUBLIC_URL to the address people open the bot at (e.g. https://prayer.example.org), or set PORT.',
    );
    return 2;
  }
  let store;
  try {
    store = await openStore(env.databaseUrl);
  } catch (error) {
    console.error(`prayerbot coordinator-link: ${redact(error instanceof Error ? error.message : String(error), secretValues())}`);
    return 1;
  }
  try {
    const link = await issueSignInLink({ store, clock: systemClock, actor: 'cli', publicUrl: publicUrlOf(env, env.port) });
    if ('refused' in link) {
      console.error(`prayerbot coordinator-link: ${LINKS_PER_ACTOR} links were issued here in the last hour; use one of those or try again later.`);
      return 1;
    }
    console.log(link.url);
    console.error(`Single use, valid until ${link.expiresAt.toISOString()}. Do not share it.`);
    return 0;
  } finally {
    await store.close();
  }
}
